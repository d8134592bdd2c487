// A tiny in-process event hub: one module announces that something happened after its
// transaction committed, others react, and neither imports the other. buildApp makes one
// hub per app and hands it to the modules (tests build several apps in one process).
// Listeners run synchronously and must not throw into the emitter: a failing listener
// is reported to `onError` and the others still run.

/** [west, south, east, north] in EPSG:4326. */
export type Bbox4326 = readonly [number, number, number, number];

export interface ParcelsChanged {
  /** the change transaction that was approved */
  readonly changeId: string;
  /** the extents of every parcel version the change ended or started */
  readonly bboxes: readonly Bbox4326[];
}

export interface AppEvents {
  onParcelsChanged(listener: (event: ParcelsChanged) => void): () => void;
  parcelsChanged(event: ParcelsChanged): void;
}

export function createAppEvents(onError: (error: unknown) => void = () => {}): AppEvents {
  const listeners = new Set<(event: ParcelsChanged) => void>();
  return {
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
