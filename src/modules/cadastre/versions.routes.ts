// The versioned record over HTTP (issue #4): a parcel's versions with their changes and
// relatives, and the record at two times side by side.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { BilingualText, errorResponses, UnitCode } from '../../http/schemas.js';
import { allowed } from '../accounts/index.js';
import { AsOfTime, Holder, ParcelDetail, ParcelNumber, SheetNumber } from './parcels.routes.js';
import { compareParcel, getParcelVersions } from './versions.service.js';

export interface VersionRoutesDeps {
  db: Database;
  clock: Clock;
}

const Params = Type.Object({ unitCode: UnitCode, sheetNumber: SheetNumber, parcelNumber: ParcelNumber });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const Version = Type.Object({
  id: Type.String({ format: 'uuid' }),
  version: Type.Integer({ minimum: 1 }),
  sheetNumber: Type.Integer(),
  parcelNumber: Type.Integer(),
  officialArea: Type.Number(),
  landUseCode: Type.String(),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
  change: Type.Union([
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      type: Type.String(),
      typeName: BilingualText,
      legalBasis: Type.String(),
      effectiveAt: Nullable(Type.String()),
    }),
    Type.Null(),
  ], { description: 'Biến động tạo ra phiên bản (null: dữ liệu đăng ký ban đầu) / the change that started the version' }),
});

const Relative = {
  id: Type.String({ format: 'uuid', description: 'phiên bản của thửa kia / the version of the other parcel' }),
  unitCode: Type.String(),
  sheetNumber: Type.Integer(),
  parcelNumber: Type.Integer(),
};

const Restriction = Type.Object({
  id: Type.String(), kind: Type.String(), holderName: Type.String(),
  amount: Type.Union([Type.Number(), Type.Null()]), contractRef: Nullable(Type.String()),
  validFrom: Type.String(), validTo: Nullable(Type.String()),
});

/** Rows of the land record's content (records.routes.ts describes them in full). */
const RecordRows = Type.Array(Type.Object({}, { additionalProperties: true }));

const Snapshot = Type.Union([
  Type.Object({
    at: Type.String(),
    parcel: ParcelDetail,
    geometry: Type.Object({ type: Type.String(), coordinates: Type.Unknown() }, { description: 'GeoJSON, EPSG:4326' }),
    holders: Type.Array(Holder),
    restrictions: Type.Array(Restriction),
    purposes: RecordRows,
    assets: RecordRows,
    certificates: RecordRows,
  }),
  Type.Null(),
], { description: 'null: thửa chưa có hoặc đã chấm dứt vào thời điểm này / null: the parcel did not exist then' });

const unitOf = (request: FastifyRequest) => (request.params as { unitCode: string }).unitCode;

export function registerVersionRoutes(app: FastifyInstance, deps: VersionRoutesDeps): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cadastre'];
  typed.get('/parcels/:unitCode/:sheetNumber/:parcelNumber/versions', {
    config: { permission: 'cadastre.read', unitCode: unitOf },
    schema: {
      tags,
      summary: 'Các phiên bản của thửa đất, thửa gốc và thửa tách ra / versions of a parcel, the parcels it came from and gave rise to',
      params: Params,
      querystring: Type.Object({ asOf: Type.Optional(AsOfTime) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          parcelUid: Type.String({ format: 'uuid' }),
          unitCode: Type.String(),
          versions: Type.Array(Version, { description: 'cũ nhất trước / oldest first' }),
          parents: Type.Array(Type.Object({ ...Relative, validTo: Nullable(Type.String()) })),
          children: Type.Array(Type.Object({ ...Relative, validFrom: Type.String() })),
        }),
        401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse'), ...errorResponses,
      },
    },
  }, async (request) => getParcelVersions(deps.db, request.params, request.query.asOf ? new Date(request.query.asOf) : undefined));

  typed.get('/parcels/:unitCode/:sheetNumber/:parcelNumber/compare', {
    config: { permission: 'cadastre.read', unitCode: unitOf },
    schema: {
      tags,
      summary: 'So sánh hồ sơ thửa đất tại hai thời điểm / the record of a parcel at two times side by side',
      params: Params,
      querystring: Type.Object({ from: AsOfTime, to: Type.Optional(AsOfTime) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          parcelUid: Type.String({ format: 'uuid' }),
          masked: Type.Boolean(),
          from: Snapshot,
          to: Snapshot,
          differences: Type.Array(Type.String(), { description: 'các trường khác nhau / the fields that differ ("existence": the parcel existed at one time only)' }),
        }),
        401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse'), ...errorResponses,
      },
    },
  }, async (request) => {
    const mayReadPersonal = await allowed(deps, request.auth!, 'cadastre.read_personal', request.params.unitCode);
    return compareParcel(deps.db, request.actor, {
      key: request.params,
      from: new Date(request.query.from),
      to: request.query.to ? new Date(request.query.to) : deps.clock.now(),
      mayReadPersonal,
    });
  });
}
