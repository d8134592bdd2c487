// Change transactions over HTTP: propose (cadastre.edit on the parcel's unit), approve
// or cancel (cadastre.approve on it), and a parcel's history.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorResponses, UnitCode } from '../../http/schemas.js';
import { covers } from '../accounts/index.js';
import { todayOf } from '../units/index.js';
import { CERTIFICATE_FORM_CODES, CHANGE_TYPES, type ChangeEdits, type ChangeType } from './change-rules.js';
import { approveChange, cancelChange, getChangeDetail, listChangesOfUnit, parcelHistory, proposeChange, type ChangesDeps } from './changes.service.js';

const ParcelKey = Type.Object({
  unitCode: UnitCode,
  sheetNumber: Type.Integer({ minimum: 1, maximum: 9999 }),
  parcelNumber: Type.Integer({ minimum: 1, maximum: 99999 }),
}, { additionalProperties: false });
const NewParty = Type.Object({
  kind: Type.Union(['individual', 'household', 'couple', 'organisation'].map((k) => Type.Literal(k))),
  fullName: Type.String({ minLength: 2, maxLength: 300 }),
  idNumber: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{6,20}$' })),
  birthYear: Type.Optional(Type.Integer({ minimum: 1880, maximum: 2100 })),
  address: Type.Optional(Type.String({ maxLength: 300 })),
}, { additionalProperties: false });
const PartyRef = Type.Union([
  Type.Object({ partyId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
  Type.Object({ party: NewParty }, { additionalProperties: false }),
]);
const Share = Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'phần quyền / share of the right' });
const Holder = Type.Union([
  Type.Object({ partyId: Type.String({ format: 'uuid' }), share: Share }, { additionalProperties: false }),
  Type.Object({ party: NewParty, share: Share }, { additionalProperties: false }),
]);
// GeoJSON in EPSG:4326 (or the parcel's VN-2000 zone when edits.srid says so), bounded in size
const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const Ring = Type.Array(Position, { minItems: 4, maxItems: 5000 });
const PolygonCoordinates = Type.Array(Ring, { minItems: 1, maxItems: 50 });
const AreaGeometry = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: PolygonCoordinates }),
  Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(PolygonCoordinates, { minItems: 1, maxItems: 50 }) }),
]);
const LineGeometry = Type.Object({ type: Type.Literal('LineString'), coordinates: Type.Array(Position, { minItems: 2, maxItems: 1000 }) });
const Srid = Type.Optional(Type.Integer({ minimum: 4326, maximum: 9218, description: 'Hệ tọa độ của hình học gửi lên: 4326 (mặc định) hoặc múi VN-2000 của thửa / CRS of the coordinates sent' }));
const Area = Type.Number({ exclusiveMinimum: 0, maximum: 1e9, description: 'm²' });
const IsoDay = Type.String({ format: 'date' });
const Purpose = Type.Object({
  landUseCode: Type.String({ pattern: '^[A-Z]{2,4}$' }), area: Area, termEnd: Type.Optional(IsoDay), originCode: Type.String({ maxLength: 10 }),
}, { additionalProperties: false });
const NewCertificate = Type.Object({
  serial: Type.String({ pattern: '^[A-Z]{2}[0-9]{6,8}$' }),
  form: Type.Union(CERTIFICATE_FORM_CODES.map((f) => Type.Literal(f))),
  entryNumber: Type.String({ minLength: 1, maxLength: 30 }),
  issuedOn: IsoDay,
  issuer: Type.String({ minLength: 3, maxLength: 300 }),
}, { additionalProperties: false });
export const Edits = Type.Union([
  Type.Object({ to: Type.Array(Holder, { minItems: 1, maxItems: 50 }), certificate: Type.Optional(NewCertificate) }, { description: 'chuyển quyền, thừa kế, tặng cho, góp vốn, đăng ký lần đầu / rights changes and first registration' }),
  Type.Object({ lender: PartyRef, amount: Type.Optional(Type.Integer({ minimum: 1 })), contractRef: Type.String({ minLength: 1, maxLength: 200 }) }),
  Type.Object({ restrictionId: Type.String({ format: 'uuid' }) }),
  Type.Object({ line: LineGeometry, srid: Srid }, { description: 'tách thửa theo đường cắt / split by a line' }),
  Type.Object({ parts: Type.Array(Type.Object({ geometry: AreaGeometry, officialArea: Type.Optional(Area) }), { minItems: 2, maxItems: 50 }), srid: Srid }, { description: 'tách thửa theo các phần / split into parts' }),
  Type.Object({ with: Type.Array(ParcelKey, { minItems: 1, maxItems: 20 }) }, { description: 'hợp thửa / merge' }),
  Type.Object({ purposes: Type.Array(Purpose, { minItems: 1, maxItems: 10 }) }, { description: 'chuyển mục đích / purpose change' }),
  Type.Object({ geometry: AreaGeometry, srid: Srid, officialArea: Type.Optional(Area) }, { description: 'chỉnh lý ranh giới / boundary correction' }),
  Type.Object({
    certificateSerial: Type.String({ pattern: '^[A-Z]{2}[0-9]{6,8}$' }),
    reason: Type.Union([Type.Literal('exchange'), Type.Literal('lost')]),
    newCertificate: NewCertificate,
  }, { description: 'cấp đổi, cấp lại Giấy chứng nhận / certificate reissue' }),
]);
const ChangeOut = Type.Object({}, { additionalProperties: true });
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

const scopeOf = (request: FastifyRequest, permission: string) => (unitId: number) => covers(request.auth, permission, unitId);

export function registerChangeRoutes(app: FastifyInstance, deps: ChangesDeps): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cadastre'];
  typed.post('/changes', {
    config: { permission: 'cadastre.edit', unitCode: (request) => (request.body as { parcel?: { unitCode?: string } } | undefined)?.parcel?.unitCode },
    schema: {
      tags, summary: 'Lập biến động (chờ duyệt) / prepare a change transaction (pending)',
      body: Type.Object({
        type: Type.Union(CHANGE_TYPES.map((t) => Type.Literal(t))),
        parcel: ParcelKey,
        legalBasis: Type.String({ minLength: 3, maxLength: 500 }),
        dossierRef: Type.Optional(Type.String({ maxLength: 100 })),
        edits: Edits,
      }, { additionalProperties: false }),
      response: { 201: ChangeOut, 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await proposeChange(deps, request.actor, { ...request.body, type: request.body.type as ChangeType, edits: request.body.edits as ChangeEdits })));

  typed.get('/changes', {
    config: { permission: 'cadastre.read', unitCode: (request) => (request.query as { unitCode?: string }).unitCode },
    schema: {
      tags, summary: 'Biến động của một đơn vị (mới nhất trước; status=pending: hồ sơ chờ duyệt) / changes of a unit, newest first',
      querystring: Type.Object({
        unitCode: UnitCode,
        status: Type.Optional(Type.Union(['pending', 'approved', 'cancelled'].map((t) => Type.Literal(t)))),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(ChangeOut) }), ...errorResponses },
    },
  }, async (request) => ({ items: await listChangesOfUnit(deps.db, { ...request.query, date: todayOf(deps.clock) }) }));

  typed.get('/changes/:id', {
    config: { permission: 'cadastre.read' },
    schema: { tags, summary: 'Một biến động (nội dung chỉ hiện với vai trò được xem thông tin cá nhân) / one change', params: Id, response: { 200: ChangeOut, ...errorResponses } },
  }, async (request) => getChangeDetail(deps.db, request.actor, request.params.id, scopeOf(request, 'cadastre.read'), scopeOf(request, 'cadastre.read_personal')));

  typed.post('/changes/:id/approve', {
    config: { permission: 'cadastre.approve' },
    schema: { tags, summary: 'Duyệt biến động / approve a change', params: Id, response: { 200: ChangeOut, 409: Type.Ref('ErrorResponse'), ...errorResponses } },
  }, async (request) => approveChange(deps, request.actor, request.params.id, scopeOf(request, 'cadastre.approve')));

  typed.post('/changes/:id/cancel', {
    config: { permission: 'cadastre.edit' },
    schema: { tags, summary: 'Hủy biến động đang chờ / cancel a pending change', params: Id, response: { 200: ChangeOut, 409: Type.Ref('ErrorResponse'), ...errorResponses } },
  }, async (request) => cancelChange(deps, request.actor, request.params.id, scopeOf(request, 'cadastre.edit')));

  typed.get('/parcels/:unitCode/:sheetNumber/:parcelNumber/history', {
    config: { permission: 'cadastre.read', unitCode: (request) => (request.params as { unitCode: string }).unitCode },
    schema: {
      tags, summary: 'Lịch sử biến động và hạn chế của thửa / history and restrictions of a parcel',
      params: ParcelKey,
      querystring: Type.Object({ asOf: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false }),
      response: { 200: ChangeOut, ...errorResponses },
    },
  }, async (request) => parcelHistory(deps.db, request.params, request.query.asOf ? new Date(request.query.asOf) : deps.clock.now()));
}
