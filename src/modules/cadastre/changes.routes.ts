// Change transactions over HTTP: propose (cadastre.edit on the parcel's unit), approve
// or cancel (cadastre.approve on it), and a parcel's history.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorResponses, UnitCode } from '../../http/schemas.js';
import { covers } from '../accounts/index.js';
import type { ChangeEdits } from './change-rules.js';
import { approveChange, cancelChange, parcelHistory, proposeChange, type ChangesDeps } from './changes.service.js';

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
const Edits = Type.Union([
  Type.Object({ to: Type.Array(Holder, { minItems: 1, maxItems: 50 }) }),
  Type.Object({ lender: PartyRef, amount: Type.Optional(Type.Integer({ minimum: 1 })), contractRef: Type.String({ minLength: 1, maxLength: 200 }) }),
  Type.Object({ restrictionId: Type.String({ format: 'uuid' }) }),
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
        type: Type.Union(['transfer', 'inheritance', 'gift', 'capital_contribution', 'mortgage', 'mortgage_release'].map((t) => Type.Literal(t))),
        parcel: ParcelKey,
        legalBasis: Type.String({ minLength: 3, maxLength: 500 }),
        dossierRef: Type.Optional(Type.String({ maxLength: 100 })),
        edits: Edits,
      }, { additionalProperties: false }),
      response: { 201: ChangeOut, 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await proposeChange(deps, request.actor, { ...request.body, type: request.body.type as 'transfer', edits: request.body.edits as ChangeEdits })));

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
