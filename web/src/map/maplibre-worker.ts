// MapLibre finds its worker next to its own module; once bundled it is not there, so
// point it at the worker file Vite emits as an asset (same origin, no CDN).
import { getWorkerUrl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

export function ensureWorkerUrl(): void {
  if (getWorkerUrl() !== workerUrl) setWorkerUrl(workerUrl);
}
