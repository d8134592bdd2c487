// A tiny in-process event hub: one module announces that something happened after its
// transaction committed, others react, and neither imports the other. buildApp makes one
// hub per app and hands it to the modules (tests build several apps in one process).
// Other processes on the same database hear of it through a database notification sent
// inside the same transaction (PARCELS_CHANGED_CHANNEL; buildApp relays it into the hub).
// Listeners run synchronously and must not throw into the emitter: a failing listener
// is reported to `onError` and the others still run.

import crypto from 'node:crypto';

/** [west, south, east, north] in EPSG:4326. */
export type Bbox4326 = readonly [number, number, number, number];

export interface ParcelsChanged {
  /** the change transaction that was approved */
  readonly changeId: string;
  /** the hub (one per app) whose process approved it, in notifications between processes */
  readonly origin?: string;
  /** the extents of every parcel version the change ended or started */
  readonly bboxes: readonly Bbox4326[];
}

/** The database notification channel that carries ParcelsChanged between processes. */
export const PARCELS_CHANGED_CHANNEL = 'lis_parcels_changed';

/** A notification payload must stay under 8 000 bytes: past that, the extents' union. */
const MAX_PAYLOAD = 7000;

export function encodeParcelsChanged(event: ParcelsChanged): string {
  const payload = JSON.stringify(event);
  if (payload.length <= MAX_PAYLOAD) return payload;
  const union: Bbox4326 = [
    Math.min(...event.bboxes.map((b) => b[0])),
    Math.min(...event.bboxes.map((b) => b[1])),
    Math.max(...event.bboxes.map((b) => b[2])),
    Math.max(...event.bboxes.map((b) => b[3])),
  ];
  return JSON.stringify({ ...event, bboxes: [union] });
}

/** The event in a payload, or null when it is not one (never trust a channel blindly). */
export function decodeParcelsChanged(payload: string): ParcelsChanged | null {
  try {
    const value = JSON.parse(payload) as Partial<ParcelsChanged>;
    const isBbox = (b: unknown) => Array.isArray(b) && b.length === 4 && b.every((n) => typeof n === 'number' && Number.isFinite(n));
    if (typeof value.changeId !== 'string' || !Array.isArray(value.bboxes) || !value.bboxes.every(isBbox)) return null;
    return { changeId: value.changeId, bboxes: value.bboxes, ...(typeof value.origin === 'string' ? { origin: value.origin } : {}) };
  } catch {
    return null;
  }
}

export interface AppEvents {
  /** this hub's id: what it announced itself comes back from the database and is skipped */
  readonly origin: string;
  onParcelsChanged(listener: (event: ParcelsChanged) => void): () => void;
  parcelsChanged(event: ParcelsChanged): void;
}

export function createAppEvents(onError: (error: unknown) => void = () => {}): AppEvents {
  const listeners = new Set<(event: ParcelsChanged) => void>();
  return {
    origin: crypto.randomUUID(),
    onParcelsChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    parcelsChanged(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onError(error);
        }
      }
    },
  };
}
