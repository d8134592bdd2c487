// Fits the view to something that may not be loaded yet: the province (all communes),
// a unit (its boundary, else its parcels) or a parcel (its bounding box from the detail).
import { useEffect } from 'react';
import type { ParcelCollection, ParcelDetail } from '../api';
import { boundsOf, type Bounds } from '../map/bbox';
import type { ReferenceData } from './use-reference-data';

export type PendingFit = { readonly kind: 'province' } | { readonly kind: 'unit'; readonly code: string } | { readonly kind: 'parcel' } | null;

export interface FitInputs {
  readonly pendingFit: PendingFit;
  readonly setPendingFit: (fit: PendingFit) => void;
  readonly fitTo: (bounds: Bounds, maxZoom?: number) => void;
  readonly reference: ReferenceData;
  readonly parcels: ParcelCollection | null;
  readonly detail: ParcelDetail | null;
}

export function useFitWhenLoaded({ pendingFit, setPendingFit, fitTo, reference, parcels, detail }: FitInputs): void {
  const communes = reference.communeBoundaries;
  useEffect(() => {
    if (!pendingFit) return;
    let bounds: Bounds | null = null;
    let maxZoom: number | undefined;
    let settled = false;
    if (pendingFit.kind === 'province' && communes) {
      bounds = boundsOf(communes);
      settled = true;
    } else if (pendingFit.kind === 'unit' && communes) {
      const feature = communes.features.find((f) => f.properties.code === pendingFit.code);
      if (feature) {
        bounds = boundsOf({ features: [feature] });
        settled = true;
      } else if (parcels) {
        bounds = boundsOf(parcels);
        settled = true;
      }
    } else if (pendingFit.kind === 'parcel' && detail) {
      bounds = [...detail.bbox];
      maxZoom = 18;
      settled = true;
    }
    if (bounds) fitTo(bounds, maxZoom);
    if (settled) setPendingFit(null);
  }, [pendingFit, communes, parcels, detail, fitTo, setPendingFit]);
}
