// Counts requests in flight so that one loading indicator can reflect all of them.
// Shaped for React's useSyncExternalStore.
type Listener = () => void;

let pending = 0;
const listeners = new Set<Listener>();

function notify(): void {
  for (const listener of listeners) listener();
}

export const pendingRequests = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getSnapshot(): number {
    return pending;
  },
  begin(): () => void {
    pending += 1;
    notify();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      pending -= 1;
      notify();
    };
  },
};
