// Keeps the URL hash in step with the map state, and hears hash changes made by
// hand or by following a link within the page. Hashes that are in-app paths (#/admin/…)
// belong to the router, not to the map.
import { useEffect, useRef } from 'react';
import { formatUrlState, parseUrlState, type UrlState } from './url-state';

let lastMapHash = '';

const isOtherScreen = (hash: string): boolean => hash.startsWith('#/') && hash !== '#/';

export function readUrlState(): UrlState {
  return parseUrlState(isOtherScreen(window.location.hash) ? '' : window.location.hash);
}

/** The hash of the map view last shown, so that "back to the map" reopens it. */
export function lastMapViewHash(): string {
  return lastMapHash || '#/';
}

/** Writes state to the hash (replaceState: moving the map adds no history entries). */
export function useUrlStateWriter(state: UrlState): void {
  const { camera, unitCode, parcel, mapDate } = state;
  useEffect(() => {
    if (isOtherScreen(window.location.hash)) return;
    const hash = formatUrlState({ camera, unitCode, parcel, mapDate });
    lastMapHash = hash;
    if (hash === window.location.hash) return;
    const url = `${window.location.pathname}${window.location.search}${hash}`;
    window.history.replaceState(window.history.state, '', url);
  }, [camera, unitCode, parcel, mapDate]);
}

/** Calls onChange with the parsed state when the hash is changed from outside. */
export function useUrlStateListener(onChange: (state: UrlState) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const listener = () => {
      if (!isOtherScreen(window.location.hash)) latest.current(readUrlState());
    };
    window.addEventListener('hashchange', listener);
    return () => window.removeEventListener('hashchange', listener);
  }, []);
}
