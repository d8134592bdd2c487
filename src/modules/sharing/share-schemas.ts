// The published exchange structures of the default sharing services (S-SHARE, Art. 4.2):
// one JSON Schema per service request and response, per version. A published version is
// frozen (contracts/v1.snapshot.json and sharing-contract.test.ts): fields may be added,
// never removed or retyped; anything else is a new version (v2) served beside v1 until v1
// is retired. Responses allow unknown fields (consumers must ignore them); requests do not.
import { Type, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = Type.Object({ vi: Type.String(), en: Type.String() });
const UnitCode = Type.String({ pattern: '^[0-9]{2,5}$', description: 'Mã đơn vị hành chính (GSO) / administrative unit code' });
const IsoDay = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });

const parcelKey = {
  unitCode: UnitCode,
  sheetNumber: Type.Integer({ minimum: 1, maximum: 9999, description: 'Số tờ bản đồ / map sheet number' }),
  parcelNumber: Type.Integer({ minimum: 1, maximum: 99999, description: 'Số thửa / parcel number' }),
};
export const ParcelKeyV1 = Type.Object(parcelKey, { additionalProperties: false });

const ParcelV1 = Type.Object({
  nationalCode: Type.String({ description: 'Mã định danh thửa đất (TT 09/2024/TT-BTNMT) / national parcel code' }),
  unitCode: Type.String(),
  unitName: Type.String(),
  sheetNumber: Type.Integer(),
  parcelNumber: Type.Integer(),
  officialArea: Type.Number({ description: 'm²' }),
  landUseCode: Type.String(),
  landUseName: Text,
  address: Nullable(Type.String()),
  centroid: Type.Object({ lon: Type.Number(), lat: Type.Number() }, { description: 'WGS84' }),
  validFrom: Type.String({ description: 'ISO 8601' }),
  version: Type.Integer(),
});

const HolderV1 = Type.Object({
  kind: Type.String({ description: 'individual | household | couple | organisation | …' }),
  name: Type.String({ description: 'Họ tên (che bớt nếu không có quyền dữ liệu cá nhân) / name, masked without the personal-data permission' }),
  idNumber: Nullable(Type.String({ description: 'Số giấy tờ tùy thân, che bớt nếu không có quyền / ID number, masked without the permission' })),
  birthYear: Nullable(Type.Integer()),
  address: Nullable(Type.String()),
  rightType: Type.String(),
  share: Type.Number(),
});

/** Every response says whether personal data was masked for this consumer. */
const Masked = Type.Boolean({ description: 'true: dữ liệu cá nhân đã được che / personal data masked' });

export const ParcelInfoV1 = Type.Object({ parcel: ParcelV1, holders: Type.Array(HolderV1), masked: Masked });

export const CertificateStatusV1 = Type.Object({
  serial: Type.String(),
  form: Type.String(),
  entryNumber: Type.String({ description: 'Số vào sổ cấp GCN / register entry number' }),
  issuedOn: Type.String(),
  issuer: Type.String(),
  status: Type.String({ description: 'Tình trạng / status of the certificate' }),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
  replacedBySerial: Nullable(Type.String()),
  parcels: Type.Array(Type.Object({ unitCode: Type.String(), sheetNumber: Type.Integer(), parcelNumber: Type.Integer(), live: Type.Boolean() })),
  holders: Type.Array(Type.Object({ kind: Type.String(), name: Type.String(), idNumber: Nullable(Type.String()) })),
  masked: Masked,
});

export const ParcelPlanningV1 = Type.Object({
  parcel: Type.Object({ unitCode: Type.String(), sheetNumber: Type.Integer(), parcelNumber: Type.Integer(), officialArea: Type.Number() }),
  date: Type.String(),
  plans: Type.Array(Type.Object({
    name: Type.String(),
    kind: Type.String({ description: 'planning | annual_plan' }),
    level: Type.String(),
    unitCode: Type.String(),
    periodStart: Type.String(),
    periodEnd: Type.String(),
    decisionNumber: Nullable(Type.String()),
    decisionDate: Nullable(Type.String()),
    parcelArea: Type.Number({ description: 'm²' }),
    uncoveredArea: Type.Number({ description: 'm²' }),
    zones: Type.Array(Type.Object({ zoneCode: Type.String(), name: Type.String(), landUseCode: Type.String(), landUseName: Text, area: Type.Number(), share: Type.Number() })),
  })),
});

export const ParcelPriceV1 = Type.Object({
  parcel: Type.Object({ unitCode: Type.String(), sheetNumber: Type.Integer(), parcelNumber: Type.Integer() }),
  date: Type.String(),
  pricePerM2: Type.Number({ description: 'đồng/m² / VND per m²' }),
  area: Type.Number({ description: 'm²' }),
  total: Type.Number({ description: 'đồng / VND' }),
  source: Type.String({ description: 'table | specific' }),
  landUseCode: Type.String(),
  decision: Nullable(Type.Object({ number: Type.String(), date: Type.String(), issuer: Type.String() })),
  formula: Type.String(),
});

export const UnitStatisticsV1 = Type.Object({
  form: Type.Literal('01/TKKK'),
  unit: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  date: Type.String(),
  rows: Type.Array(Type.Object({ code: Type.String(), nameVi: Type.String(), nameEn: Type.String(), depth: Type.Integer(), total: Type.Number({ description: 'm²' }) })),
});

const dateQuery = { date: Type.Optional(IsoDay) };
export const DateQueryV1 = Type.Object(dateQuery, { additionalProperties: false });

export const ParcelChangesRequestV1 = Type.Object({
  since: Type.Optional(IsoDay),
  cursor: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,200}$', description: 'Vị trí đọc tiếp (từ "next") / where to continue (from "next")' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
}, { additionalProperties: false });

export const ParcelChangesV1 = Type.Object({
  changes: Type.Array(Type.Object({
    id: Type.String(),
    changeType: Type.String({ description: 'Mã loại biến động / change type code' }),
    effectiveAt: Type.String({ description: 'ISO 8601' }),
    parcel: Type.Object({ unitCode: Type.String(), sheetNumber: Type.Integer(), parcelNumber: Type.Integer(), nationalCode: Type.String() }),
  })),
  next: Type.String({ description: 'Con trỏ đọc tiếp, dùng cả khi trang rỗng / cursor to continue, even after an empty page' }),
});
export const CertificateRequestV1 = Type.Object({ serial: Type.String({ pattern: '^[A-Za-z]{2}[0-9]{6,8}$' }) }, { additionalProperties: false });
export const UnitStatisticsRequestV1 = Type.Object({ unitCode: UnitCode }, { additionalProperties: false });

// ID numbers travel in the body only (POST), never in a URL (Nghị định 13/2023; X-Road practice)
export const HolderParcelsRequestV1 = Type.Object({
  idNumber: Type.String({ pattern: '^([0-9]{9}|[0-9]{12})$', description: 'Số CCCD (12 số) hoặc CMND (9 số) / citizen ID number' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });

export const HolderParcelsV1 = Type.Object({
  parcels: Type.Array(Type.Object({
    unitCode: Type.String(), unitName: Type.String(), sheetNumber: Type.Integer(), parcelNumber: Type.Integer(),
    landUseCode: Type.String(), officialArea: Type.Number(), address: Nullable(Type.String()),
    holders: Type.Array(Type.Object({ kind: Type.String(), name: Type.String(), idNumber: Nullable(Type.String()), rightType: Type.String(), share: Type.Number() })),
  })),
});

export const IocIndicatorsRequestV1 = Type.Object({ from: Type.Optional(IsoDay), to: Type.Optional(IsoDay) }, { additionalProperties: false });

const Count = Type.Integer({ minimum: 0 });
export const IocIndicatorsV1 = Type.Object({
  from: Type.String(),
  to: Type.String(),
  dossiers: Type.Object({
    received: Count, doneOnTime: Count, doneLate: Count, refused: Count, inProgress: Count,
    inProgressLate: Type.Integer({ minimum: 0, description: 'Đang giải quyết, đã quá hạn / open and past due' }),
  }),
  landChanges: Type.Object({ approved: Type.Integer({ minimum: 0, description: 'Biến động đã đăng ký / registered changes' }) }),
  sharing: Type.Object({ requests: Count, served: Count, refused: Count }),
});

/** What a published schema file holds: the request (parameters) and the response of one service version. */
export interface PublishedService {
  code: string;
  version: number;
  request: TSchema;
  response: TSchema;
}

export const PUBLISHED: readonly PublishedService[] = [
  { code: 'parcel-info', version: 1, request: ParcelKeyV1, response: ParcelInfoV1 },
  { code: 'certificate-status', version: 1, request: CertificateRequestV1, response: CertificateStatusV1 },
  { code: 'parcel-planning', version: 1, request: Type.Object({ ...parcelKey, ...dateQuery }, { additionalProperties: false }), response: ParcelPlanningV1 },
  { code: 'parcel-price', version: 1, request: Type.Object({ ...parcelKey, ...dateQuery }, { additionalProperties: false }), response: ParcelPriceV1 },
  { code: 'parcel-changes', version: 1, request: ParcelChangesRequestV1, response: ParcelChangesV1 },
  { code: 'holder-parcels', version: 1, request: HolderParcelsRequestV1, response: HolderParcelsV1 },
  { code: 'ioc-indicators', version: 1, request: IocIndicatorsRequestV1, response: IocIndicatorsV1 },
  { code: 'unit-statistics', version: 1, request: Type.Object({ unitCode: UnitCode, ...dateQuery }, { additionalProperties: false }), response: UnitStatisticsV1 },
];

/** The JSON Schema document published at /share/v{version}/schemas/{code}.json. */
export function publishedSchema(service: PublishedService): Record<string, unknown> {
  return JSON.parse(JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `urn:lis:share:v${service.version}:${service.code}`,
    title: `${service.code} v${service.version}`,
    definitions: { request: service.request, response: service.response },
  })) as Record<string, unknown>;
}
