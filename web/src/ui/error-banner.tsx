export interface ErrorBannerProps {
  readonly title: string;
  readonly message: string;
  readonly detail?: string | undefined;
  readonly dismissLabel: string;
  readonly onDismiss: () => void;
}

export function ErrorBanner({ title, message, detail, dismissLabel, onDismiss }: ErrorBannerProps) {
  return (
    <div className="error-banner" data-testid="error" role="alert">
      <div>
        <strong>{title}</strong>
        <p>{message}</p>
        {detail && <small>{detail}</small>}
      </div>
      <button type="button" onClick={onDismiss}>
        {dismissLabel}
      </button>
    </div>
  );
}
