import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { errors } from '../../kernel/app-error.js';
import { BilingualText, errorResponses, FeatureCollection, IsoDate, UnitCode } from '../../http/schemas.js';
import { todayOf } from '../units/index.js';
import { allowed } from '../accounts/index.js';
import { listLandUseCodes } from './parcels.repo.js';
import { getHolders, getParcel, getParcelsAtPoint, getParcelsOfUnit, lookupParcels } from './parcels.service.js';

export const MAX_PARCELS_PER_PAGE = 20_000;
export const MAX_LOOKUP_ITEMS = 500;

/** An instant (RFC 3339): the record as it was then. */
export const AsOfTime = Type.String({ format: 'date-time', description: 'thời điểm xem (RFC 3339) / the record as of this time' });
export const SheetNumber = Type.Integer({ minimum: 1, maximum: 9999, description: 'Số tờ bản đồ / map sheet number' });
export const ParcelNumber = Type.Integer({ minimum: 1, maximum: 99999, description: 'Số thửa / parcel number' });
const Bbox = Type.String({
  pattern: '^-?\\d+(\\.\\d+)?(,-?\\d+(\\.\\d+)?){3}$',
  description: 'minLon,minLat,maxLon,maxLat (EPSG:4326)',
});

export const ParcelDetail = Type.Object({
  id: Type.String({ format: 'uuid' }),
  nationalCode: Type.String({ description: 'Mã định danh thửa đất (GeoHash 12 ký tự, TT 09/2024/TT-BTNMT) / national parcel identification code' }),
  unitCode: Type.String(),
  unitName: Type.String(),
  sheetNumber: Type.Integer(),
  parcelNumber: Type.Integer(),
  officialArea: Type.Number({ description: 'Diện tích pháp lý (m², mặt phẳng VN-2000) / official planar area' }),
  landUseCode: Type.String(),
  landUseName: BilingualText,
  address: Type.Union([Type.String(), Type.Null()]),
  srid: Type.Integer({ description: 'Hệ tọa độ lưu trữ (VN-2000) / storage CRS' }),
  centroid: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
  bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
  validFrom: Type.String(),
  parcelUid: Type.String({ format: 'uuid', description: 'Định danh thửa qua các phiên bản / identity of the parcel across its versions' }),
  version: Type.Integer({ minimum: 1 }),
  validTo: Type.Union([Type.String(), Type.Null()], { description: 'null: phiên bản đang hiệu lực / null while live' }),
});

const ParcelAtPoint = Type.Object({
  id: Type.String({ format: 'uuid' }),
  unitCode: Type.String(),
  sheetNumber: Type.Integer(),
  parcelNumber: Type.Integer(),
  landUseCode: Type.String(),
  officialArea: Type.Number(),
  nationalCode: Type.String(),
});

export const Holder = Type.Object({
  partyId: Type.String(), kind: Type.String(), fullName: Type.String(),
  idNumber: Type.Union([Type.String(), Type.Null()]), birthYear: Type.Union([Type.Integer(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]), rightType: Type.String(), share: Type.Number(),
  populationStatus: Type.String({ description: 'Đối chiếu CSDL quốc gia về dân cư / population-database match' }),
});

const LandUseCode = Type.Object({
  code: Type.String(),
  groupCode: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  nameVi: Type.String(),
  nameEn: Type.String(),
  mapColor: Type.String(),
});

function parseBbox(text: string | undefined): [number, number, number, number] | undefined {
  if (!text) return undefined;
  const [minLon, minLat, maxLon, maxLat] = text.split(',').map(Number) as [number, number, number, number];
  if (minLon > maxLon || minLat > maxLat || minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
    throw errors.invalid(
      { vi: 'Khung bbox không hợp lệ (minLon,minLat,maxLon,maxLat)', en: 'Invalid bbox (minLon,minLat,maxLon,maxLat)' },
      { field: 'querystring/bbox', value: text },
    );
  }
  return [minLon, minLat, maxLon, maxLat];
}

export interface CadastreRoutesDeps {
  db: Database;
  clock: Clock;
}

export function registerCadastreRoutes(app: FastifyInstance, deps: CadastreRoutesDeps): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    '/units/:code/parcels',
    {
      // public look-up (U2): parcel shapes and numbers, no personal data
      config: { permission: 'public' },
      schema: {
        tags: ['cadastre'],
        summary: 'Thửa đất của một đơn vị hành chính (GeoJSON, EPSG:4326) / parcels of a unit',
        params: Type.Object({ code: UnitCode }),
        querystring: Type.Object(
          {
            bbox: Type.Optional(Bbox),
            limit: Type.Integer({ minimum: 1, maximum: MAX_PARCELS_PER_PAGE, default: 5000 }),
            asOf: Type.Optional(IsoDate),
          },
          { additionalProperties: false },
        ),
        response: { 200: FeatureCollection, ...errorResponses },
      },
    },
    async (request, reply) => {
      const geojson = await getParcelsOfUnit(deps.db, {
        unitCode: request.params.code,
        asOf: request.query.asOf ?? todayOf(deps.clock),
        parcelsAsOf: request.query.asOf !== undefined,
        bbox: parseBbox(request.query.bbox),
        limit: request.query.limit,
      });
      return reply.type('application/geo+json').send(geojson);
    },
  );
  typed.get(
    '/parcels/:unitCode/:sheetNumber/:parcelNumber',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['cadastre'],
        summary: 'Thông tin thửa đất theo mã đơn vị, số tờ, số thửa / parcel by unit, sheet and number',
        params: Type.Object({ unitCode: UnitCode, sheetNumber: SheetNumber, parcelNumber: ParcelNumber }),
        querystring: Type.Object({ asOf: Type.Optional(AsOfTime) }, { additionalProperties: false }),
        response: { 200: ParcelDetail, 409: Type.Ref('ErrorResponse'), ...errorResponses },
      },
    },
    async (request) => {
      const { unitCode, sheetNumber, parcelNumber } = request.params;
      return getParcel(deps.db, unitCode, sheetNumber, parcelNumber, request.query.asOf ? new Date(request.query.asOf) : undefined);
    },
  );
  typed.get(
    '/parcels/at',
    {
      // public look-up (U2): which parcel is here, no personal data
      config: { permission: 'public' },
      schema: {
        tags: ['cadastre'],
        summary: 'Thửa đất chứa một điểm (WGS84), hiện tại hoặc tại một thời điểm / parcels containing a point, now or as of a time',
        querystring: Type.Object(
          {
            lon: Type.Number({ description: 'Kinh độ WGS84 / longitude (102..110)' }),
            lat: Type.Number({ description: 'Vĩ độ WGS84 / latitude (8..24)' }),
            asOf: Type.Optional(AsOfTime),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(ParcelAtPoint) }), ...errorResponses },
      },
    },
    async (request) => {
      const at = request.query.asOf ? new Date(request.query.asOf) : deps.clock.now();
      return { items: await getParcelsAtPoint(deps.db, request.query.lon, request.query.lat, at) };
    },
  );
  typed.post(
    '/parcels/lookup',
    {
      // bulk look-ups are a function for accounts (U2, U4); results outside the caller's units are left out
      config: { permission: 'cadastre.read' },
      schema: {
        tags: ['cadastre'],
        summary: 'Tra cứu nhiều thửa đất một lần / look up many parcels at once',
        body: Type.Object(
          {
            items: Type.Array(
              Type.Object({ unitCode: UnitCode, sheetNumber: SheetNumber, parcelNumber: ParcelNumber }, { additionalProperties: false }),
              { minItems: 1, maxItems: MAX_LOOKUP_ITEMS },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            found: Type.Array(ParcelDetail),
            notFound: Type.Array(Type.Object({ unitCode: Type.String(), sheetNumber: Type.Integer(), parcelNumber: Type.Integer() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => lookupParcels(deps.db, request.body.items, (unitCode) => allowed(deps, request.auth!, 'cadastre.read', unitCode)),
  );
  typed.get(
    '/parcels/:unitCode/:sheetNumber/:parcelNumber/holders',
    {
      config: { permission: 'cadastre.read', unitCode: (request) => (request.params as { unitCode: string }).unitCode },
      schema: {
        tags: ['cadastre'],
        summary: 'Người sử dụng đất của thửa (che thông tin cá nhân nếu vai trò không cần) / land users of a parcel, masked unless the role needs personal data',
        params: Type.Object({ unitCode: UnitCode, sheetNumber: SheetNumber, parcelNumber: ParcelNumber }),
        querystring: Type.Object({ asOf: Type.Optional(AsOfTime) }, { additionalProperties: false }),
        response: { 200: Type.Object({ parcelId: Type.String(), masked: Type.Boolean(), holders: Type.Array(Holder) }), 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), ...errorResponses },
      },
    },
    async (request) => {
      const mayReadPersonal = await allowed(deps, request.auth!, 'cadastre.read_personal', request.params.unitCode);
      const asOf = request.query.asOf ? new Date(request.query.asOf) : undefined;
      return getHolders(deps.db, request.actor, request.params, mayReadPersonal, asOf, deps.clock.now());
    },
  );
  typed.get(
    '/land-use-codes',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['cadastre'],
        summary: 'Danh mục loại đất / land-use code list',
        response: { 200: Type.Object({ items: Type.Array(LandUseCode) }) },
      },
    },
    async () => ({ items: await listLandUseCodes(deps.db) }),
  );
}
