// Keeps the URL hash in step with the map state, and hears hash changes made by
// hand or by following a link within the page.
import { useEffect, useRef } from 'react';
import { formatUrlState, parseUrlState, type UrlState } from './url-state';

export function readUrlState(): UrlState {
  return parseUrlState(window.location.hash);
}

/** Writes state to the hash (replaceState: moving the map adds no history entries). */
export function useUrlStateWriter(state: UrlState): void {
  const { camera, unitCode, parcel } = state;
  useEffect(() => {
    const hash = formatUrlState({ camera, unitCode, parcel });
    if (hash === window.location.hash) return;
    const url = `${window.location.pathname}${window.location.search}${hash}`;
    window.history.replaceState(window.history.state, '', url);
  }, [camera, unitCode, parcel]);
}

/** Calls onChange with the parsed state when the hash is changed from outside. */
export function useUrlStateListener(onChange: (state: UrlState) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const listener = () => latest.current(readUrlState());
    window.addEventListener('hashchange', listener);
    return () => window.removeEventListener('hashchange', listener);
  }, []);
}
