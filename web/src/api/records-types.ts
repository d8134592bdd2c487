// Shapes of the land-record content, versions, comparison, code lists and change
// transactions (/api/v1/parcels/…/records, …/versions, …/compare, /code-lists, /changes).
// They mirror the server's schemas.
import type { Geometry, LineString, Polygon } from 'geojson';
import type { Bilingual, ChangeStatus, Holder, ParcelDetail, ParcelKey, ParcelRestriction } from './types';

export interface ParcelPurpose {
  readonly landUseCode: string;
  readonly landUseName: Bilingual;
  readonly area: number;
  /** null: long-term use */
  readonly termEnd: string | null;
  readonly originCode: string;
  readonly originName: Bilingual;
}

export interface AssetOwner {
  readonly partyId?: string;
  readonly fullName: string;
  readonly share?: number;
}

export interface ParcelAsset {
  readonly id: string;
  readonly assetUid: string;
  readonly kind: string;
  readonly description: string;
  readonly footprintArea: number | null;
  readonly floorArea: number | null;
  readonly floors: number | null;
  readonly structure: string | null;
  readonly builtYear: number | null;
  readonly plantedArea: number | null;
  readonly ownershipTermEnd: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly owners?: readonly AssetOwner[];
}

export type CertificateStatus = 'valid' | 'replaced' | 'revoked' | 'lost';

/** A certificate holder: a name (masked as the role requires) or a party. */
export type CertificateHolder = string | { readonly partyId?: string; readonly fullName: string };

export interface Certificate {
  readonly id: string;
  readonly serial: string;
  readonly form: string;
  readonly entryNumber: string;
  readonly issuedOn: string;
  readonly issuer: string;
  readonly status: CertificateStatus;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly replacedBySerial: string | null;
  readonly holders: readonly CertificateHolder[];
}

export interface ParcelRecordContent {
  readonly parcelId: string;
  readonly masked: boolean;
  readonly purposes: readonly ParcelPurpose[];
  readonly assets: readonly ParcelAsset[];
  readonly certificates: readonly Certificate[];
}

export interface CodeItem {
  readonly code: string;
  readonly name?: Bilingual;
  readonly nameVi?: string;
  readonly nameEn?: string;
}

export interface CodeLists {
  readonly partyKinds: readonly CodeItem[];
  readonly landOrigins: readonly CodeItem[];
  readonly changeTypes: readonly CodeItem[];
  readonly assetKinds: readonly CodeItem[];
  readonly certificateForms: readonly CodeItem[];
  readonly idKinds: readonly CodeItem[];
}

export interface VersionChange {
  readonly id: string;
  readonly type: string;
  readonly typeName: Bilingual;
  readonly legalBasis: string;
  readonly effectiveAt: string | null;
}

export interface ParcelVersion {
  readonly id: string;
  readonly version: number;
  readonly sheetNumber: number;
  readonly parcelNumber: number;
  readonly officialArea: number;
  readonly landUseCode: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly change: VersionChange | null;
}

export interface LinkedParcel extends ParcelKey {
  readonly validFrom?: string;
  readonly validTo?: string | null;
}

export interface ParcelVersions {
  readonly versions: readonly ParcelVersion[];
  readonly parents: readonly LinkedParcel[];
  readonly children: readonly LinkedParcel[];
}

export interface Snapshot {
  readonly at?: string;
  readonly parcel: Partial<ParcelDetail> & Record<string, unknown>;
  readonly geometry: Geometry | null;
  readonly holders: readonly Holder[];
  readonly restrictions: readonly ParcelRestriction[];
  readonly purposes?: readonly ParcelPurpose[];
  readonly certificates?: readonly Certificate[];
  readonly assets?: readonly ParcelAsset[];
  readonly masked?: boolean;
  readonly [other: string]: unknown;
}

export interface Comparison {
  readonly masked?: boolean;
  readonly from: Snapshot | null;
  readonly to: Snapshot | null;
  readonly differences: readonly string[];
}

export type ChangeTypeCode =
  | 'transfer' | 'inheritance' | 'gift' | 'capital_contribution'
  | 'mortgage' | 'mortgage_release' | 'purpose_change' | 'split' | 'merge'
  | 'boundary_correction' | 'certificate_reissue';

export interface NewParty {
  readonly kind: string;
  readonly fullName: string;
  readonly idNumber?: string;
  readonly birthYear?: number;
  readonly address?: string;
}

export type PartyRef = { readonly partyId: string } | { readonly party: NewParty };
export type NewHolder = PartyRef & { readonly share: number };

export interface NewPurpose {
  readonly landUseCode: string;
  readonly area: number;
  /** absent: long-term */
  readonly termEnd?: string;
  readonly originCode: string;
}

export type ChangeEdits =
  | { readonly to: readonly NewHolder[] }
  | { readonly lender: PartyRef; readonly amount?: number; readonly contractRef: string }
  | { readonly restrictionId: string }
  | { readonly purposes: readonly NewPurpose[] }
  | { readonly line: LineString }
  | { readonly parts: readonly { readonly geometry: Polygon; readonly officialArea?: number }[] }
  | { readonly with: readonly ParcelKey[] }
  | { readonly geometry: Polygon; readonly officialArea?: number }
  | {
      readonly certificateSerial: string;
      readonly reason: 'exchange' | 'lost';
      readonly newCertificate: { readonly serial: string; readonly form: string; readonly entryNumber: string; readonly issuedOn: string; readonly issuer: string };
    };

export interface ChangeRequest {
  readonly type: ChangeTypeCode;
  readonly parcel: ParcelKey;
  readonly legalBasis: string;
  readonly dossierRef?: string;
  readonly edits: ChangeEdits;
}

/** A change as the list, approval and cancellation answer it. */
export interface ChangeSummary {
  readonly id: string;
  readonly changeType: string;
  readonly typeName?: Bilingual;
  readonly status: ChangeStatus;
  readonly legalBasis: string;
  readonly dossierRef: string | null;
  readonly createdAt: string;
  readonly createdBy?: string | null;
  readonly createdByName?: string | null;
  readonly parcel?: ParcelKey;
  readonly unitCode?: string;
  readonly sheetNumber?: number;
  readonly parcelNumber?: number;
}
