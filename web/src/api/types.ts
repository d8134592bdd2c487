// Shapes of the /api/v1 responses the portal reads. They mirror the server's response
// schemas; when the server changes a schema, this file is the one place to follow it.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

export type UnitLevel = 'province' | 'district' | 'commune';

export interface AdminUnit {
  readonly code: string;
  readonly level: UnitLevel;
  readonly kind: string;
  readonly name: string;
  readonly parentCode: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly parcelCount: number;
}

export interface UnitList {
  readonly items: readonly AdminUnit[];
}

export interface UnitFeatureProperties {
  readonly code: string;
  readonly level: UnitLevel;
  readonly kind: string;
  readonly name: string;
  readonly parentCode: string | null;
  readonly parcelCount: number;
}

export type UnitBoundaries = FeatureCollection<Polygon | MultiPolygon, UnitFeatureProperties>;

export interface ParcelFeatureProperties {
  readonly id: string | number;
  readonly unitCode: string;
  readonly sheetNumber: number;
  readonly parcelNumber: number;
  readonly landUseCode: string;
  readonly officialArea: number;
}

export type ParcelFeature = Feature<Polygon | MultiPolygon, ParcelFeatureProperties>;

export interface ParcelCollection extends FeatureCollection<Polygon | MultiPolygon, ParcelFeatureProperties> {
  readonly numberMatched: number;
  readonly numberReturned: number;
}

export type Bbox = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];

export interface ParcelDetail {
  readonly id: string | number;
  /** the parcel's identity across its versions (documents, prices and plans name it) */
  readonly parcelUid: string;
  readonly unitCode: string;
  readonly unitName: string;
  readonly sheetNumber: number;
  readonly parcelNumber: number;
  readonly officialArea: number;
  readonly landUseCode: string;
  readonly landUseName: Bilingual;
  readonly address: string | null;
  readonly srid: number;
  readonly centroid: { readonly lon: number; readonly lat: number };
  readonly bbox: Bbox;
  readonly validFrom: string;
}

export interface LandUseCode {
  readonly code: string;
  readonly groupCode: string;
  readonly parentCode: string | null;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly mapColor: string;
}

export interface LandUseCodeList {
  readonly items: readonly LandUseCode[];
}

/** Identifies a parcel the way people and the detail endpoint do: unit, sheet, number. */
export interface ParcelKey {
  readonly unitCode: string;
  readonly sheetNumber: number;
  readonly parcelNumber: number;
}

/** The error body every /api/v1 failure carries. */
export interface ApiErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: Bilingual;
    readonly details?: Record<string, unknown>;
  };
  readonly requestId?: string;
}

/** A land user of a parcel; personal fields are null when masked. */
export interface Holder {
  readonly partyId: string;
  readonly kind: string;
  readonly fullName: string;
  readonly idNumber: string | null;
  readonly birthYear: number | null;
  readonly address: string | null;
  readonly rightType: string;
  readonly share: number;
}

export interface ParcelHolders {
  readonly parcelId: string;
  readonly masked: boolean;
  readonly holders: readonly Holder[];
}

export type ChangeStatus = 'pending' | 'approved' | 'cancelled';

export interface ParcelChange {
  readonly id: string;
  readonly changeType: string;
  readonly typeName: Bilingual;
  readonly status: ChangeStatus;
  readonly legalBasis: string;
  readonly dossierRef: string | null;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly effectiveAt: string | null;
}

export interface ParcelRestriction {
  readonly id: string;
  readonly kind: string;
  readonly holderName: string;
  readonly amount: number | string | null;
  readonly contractRef: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface ParcelHistory {
  readonly parcelId: string;
  readonly changes: readonly ParcelChange[];
  readonly restrictions: readonly ParcelRestriction[];
}

/** POST /search/parcels: at least one criterion. */
export interface ParcelSearchRequest {
  readonly name?: string;
  readonly idNumber?: string;
  readonly address?: string;
  readonly unitCode?: string;
  readonly sheetNumber?: number;
  readonly parcelNumber?: number;
  readonly limit?: number;
  readonly cursor?: string;
}

export interface ParcelSearchItem {
  readonly id: string;
  readonly unitCode: string;
  readonly unitName: string;
  readonly sheetNumber: number;
  readonly parcelNumber: number;
  readonly landUseCode: string;
  readonly officialArea: number;
  readonly address: string | null;
  readonly masked: boolean;
  readonly holders: readonly Holder[];
}

export interface ParcelSearchResult {
  readonly items: readonly ParcelSearchItem[];
  readonly nextCursor: string | null;
}
