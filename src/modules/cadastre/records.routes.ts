// The land record's content over HTTP (issue #4): a parcel's purposes, assets and
// certificates as of a time, a certificate by its serial, and the code lists.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { BilingualText, errorResponses, UnitCode } from '../../http/schemas.js';
import { allowed, covers } from '../accounts/index.js';
import { getCertificate, getCodeLists, getParcelRecords } from './records.service.js';

const tags = ['cadastre'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/** GCN serial: 2 letters and 6 digits (2009, 2014 forms) or 8 digits (2024 form, Thông tư 10/2024/TT-BTNMT). */
export const CertificateSerial = Type.String({ pattern: '^[A-Z]{2}[0-9]{6,8}$', description: 'Số phát hành (seri) Giấy chứng nhận, ví dụ CA123456 / certificate serial' });

const ParcelKeyParams = Type.Object({
  unitCode: UnitCode,
  sheetNumber: Type.Integer({ minimum: 1, maximum: 9999, description: 'Số tờ bản đồ / map sheet number' }),
  parcelNumber: Type.Integer({ minimum: 1, maximum: 99999, description: 'Số thửa / parcel number' }),
});

const PartyOut = {
  partyId: Type.String(), kind: Type.String(), fullName: Type.String(),
  idNumber: Nullable(Type.String()), birthYear: Nullable(Type.Integer()), address: Nullable(Type.String()),
  populationStatus: Type.String({ description: 'Đối chiếu CSDL quốc gia về dân cư / population-database match' }),
};
const Owner = Type.Object({ ...PartyOut, rightType: Type.String(), share: Type.Number() });
const CertificateHolder = Type.Object(PartyOut);

const Purpose = Type.Object({
  landUseCode: Type.String(),
  landUseName: BilingualText,
  area: Type.Number({ description: 'Diện tích sử dụng vào mục đích (m²) / area in this use' }),
  termEnd: Nullable(Type.String({ description: 'Thời hạn sử dụng đến (YYYY-MM-DD); null: lâu dài / term end; null: long-term' })),
  originCode: Type.String(),
  originName: BilingualText,
});

const Asset = {
  id: Type.String({ format: 'uuid' }),
  assetUid: Type.String({ format: 'uuid', description: 'Định danh tài sản qua các phiên bản / asset identity across versions' }),
  kind: Type.String(),
  description: Type.String(),
  footprintArea: Nullable(Type.Number({ description: 'Diện tích xây dựng (m²) / footprint' })),
  floorArea: Nullable(Type.Number({ description: 'Diện tích sàn (m²) / floor area' })),
  floors: Nullable(Type.Integer()),
  structure: Nullable(Type.String({ description: 'Kết cấu / structure' })),
  builtYear: Nullable(Type.Integer()),
  plantedArea: Nullable(Type.Number({ description: 'Diện tích trồng (m²) / planted area' })),
  ownershipTermEnd: Nullable(Day),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
};

const CertificateOut = {
  id: Type.String({ format: 'uuid' }),
  serial: Type.String({ description: 'Số phát hành / serial' }),
  form: Type.String(),
  entryNumber: Type.String({ description: 'Số vào sổ cấp Giấy chứng nhận / register entry number' }),
  issuedOn: Day,
  issuer: Type.String({ description: 'Cơ quan cấp / issuing authority' }),
  status: Type.String({ description: 'valid | replaced | revoked | lost' }),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
  replacedBySerial: Nullable(Type.String({ description: 'Số phát hành của Giấy chứng nhận thay thế / serial of the replacing certificate' })),
};

const Code = Type.Object({ code: Type.String(), name: BilingualText });

export function registerRecordRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    '/parcels/:unitCode/:sheetNumber/:parcelNumber/records',
    {
      config: { permission: 'cadastre.read', unitCode: (request) => (request.params as { unitCode: string }).unitCode },
      schema: {
        tags,
        summary: 'Mục đích sử dụng, tài sản gắn liền với đất và Giấy chứng nhận của thửa tại một thời điểm / purposes, assets and certificates of a parcel as of a time',
        params: ParcelKeyParams,
        querystring: Type.Object(
          { asOf: Type.Optional(Type.String({ format: 'date-time', description: 'thời điểm xem / the record as of this time (default now)' })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            parcelId: Type.String({ description: 'Thửa đang hiệu lực / the live parcel' }),
            versionId: Nullable(Type.String({ description: 'Phiên bản thửa tại thời điểm xem / the parcel version valid then' })),
            asOf: Type.String(),
            masked: Type.Boolean({ description: 'Thông tin cá nhân bị che / personal data masked' }),
            purposes: Type.Array(Purpose),
            assets: Type.Array(Type.Object({ ...Asset, owners: Type.Array(Owner) })),
            certificates: Type.Array(Type.Object({ ...CertificateOut, holders: Type.Array(CertificateHolder) })),
          }),
          401: Type.Ref('ErrorResponse'),
          403: Type.Ref('ErrorResponse'),
          409: Type.Ref('ErrorResponse'),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const mayReadPersonal = await allowed(deps, request.auth!, 'cadastre.read_personal', request.params.unitCode);
      const at = request.query.asOf ? new Date(request.query.asOf) : deps.clock.now();
      return getParcelRecords(deps.db, request.actor, request.params, mayReadPersonal, at);
    },
  );
  typed.get(
    '/certificates/:serial',
    {
      // scoped in the handler, on the units of the certificate's parcels: 404 outside them
      config: { permission: 'cadastre.read' },
      schema: {
        tags,
        summary: 'Giấy chứng nhận theo số phát hành / certificate by serial',
        params: Type.Object({ serial: CertificateSerial }),
        response: {
          200: Type.Object({
            ...CertificateOut,
            formName: BilingualText,
            masked: Type.Boolean(),
            parcels: Type.Array(Type.Object({
              parcelUid: Type.String({ format: 'uuid' }), unitCode: Type.String(), unitName: Type.String(),
              sheetNumber: Type.Integer(), parcelNumber: Type.Integer(),
              live: Type.Boolean({ description: 'Thửa còn hiệu lực / the parcel is live (not split, merged, …)' }),
            })),
            assets: Type.Array(Type.Object(Asset)),
            holders: Type.Array(CertificateHolder),
          }),
          401: Type.Ref('ErrorResponse'),
          403: Type.Ref('ErrorResponse'),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      getCertificate(deps.db, {
        actor: request.actor,
        mayRead: (unitId) => covers(request.auth, 'cadastre.read', unitId),
        mayReadPersonal: (unitId) => covers(request.auth, 'cadastre.read_personal', unitId),
      }, request.params.serial),
  );
  typed.get(
    '/code-lists',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Danh mục dùng chung: loại người sử dụng đất, nguồn gốc sử dụng đất, loại biến động, loại tài sản, mẫu Giấy chứng nhận, loại giấy tờ / shared code lists',
        response: {
          200: Type.Object({
            partyKinds: Type.Array(Type.Object({ code: Type.String(), name: BilingualText, isPerson: Type.Boolean() })),
            landOrigins: Type.Array(Code),
            changeTypes: Type.Array(Code),
            assetKinds: Type.Array(Code),
            certificateForms: Type.Array(Code),
            idKinds: Type.Array(Code),
          }),
          ...errorResponses,
        },
      },
    },
    async () => getCodeLists(deps.db),
  );
}
