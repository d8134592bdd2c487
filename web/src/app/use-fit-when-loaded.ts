// Fits the view to something that may not be loaded yet: the province (all communes),
// a unit (its parcels, where the data is; else its boundary) or a parcel (the bounding
// box of its detail).
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
  readonly parcelsLoading: boolean;
  readonly detail: ParcelDetail | null;
}

export function useFitWhenLoaded(inputs: FitInputs): void {
  const { pendingFit, setPendingFit, fitTo, reference, parcels, parcelsLoading, detail } = inputs;
  const communes = reference.communeBoundaries;
  useEffect(() => {
    if (!pendingFit) return;
    let bounds: Bounds | null = null;
    let maxZoom: number | undefined;
    let settled = false;
    if (pendingFit.kind === 'province' && communes) {
      bounds = boundsOf(communes);
      settled = true;
    } else if (pendingFit.kind === 'unit' && parcels && parcels.features.length > 0) {
      bounds = boundsOf(parcels);
      settled = true;
    } else if (pendingFit.kind === 'unit' && !parcelsLoading && communes) {
      // No parcels (or they failed to load): show the unit's boundary, if it has one.
      const feature = communes.features.find((f) => f.properties.code === pendingFit.code);
      bounds = feature ? boundsOf({ features: [feature] }) : null;
      settled = true;
    } else if (pendingFit.kind === 'parcel' && detail) {
      bounds = [...detail.bbox];
      maxZoom = 18;
      settled = true;
    }
    if (bounds) fitTo(bounds, maxZoom);
    if (settled) setPendingFit(null);
  }, [pendingFit, communes, parcels, parcelsLoading, detail, fitTo, setPendingFit]);
}
