import { useSyncExternalStore } from 'react';

export interface LoadingIndicatorProps {
  /** Something that counts work in flight (e.g. pendingRequests). */
  readonly source: { subscribe(listener: () => void): () => void; getSnapshot(): number };
  readonly label: string;
}

/** Shown while anything is loading; absent otherwise (tests wait for it to go). */
export function LoadingIndicator({ source, label }: LoadingIndicatorProps) {
  const pending = useSyncExternalStore(source.subscribe, source.getSnapshot);
  if (pending === 0) return null;
  return (
    <div className="loading" data-testid="loading" role="status" aria-live="polite">
      <span className="loading-spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
