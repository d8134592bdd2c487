// The dossier workflow over HTTP (S-FLOW, issue #7): the procedure catalogue and the
// working calendar (read by any officer, edited with procedures.edit), dossiers (intake,
// inbox, actions; each action checks the dossier's unit and the step's role), and the
// citizen's look-up by receipt code (public, rate-limited, status only).
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorResponses, IsoDate, UnitCode } from '../../http/schemas.js';
import { covers } from '../accounts/index.js';
import { ChangeEditsSchema, type ChangeEdits, type ChangesDeps } from '../cadastre/index.js';
import { complianceCheck, dossierStatistics } from './compliance.js';
import * as dossiers from './dossiers.service.js';
import * as procedures from './procedures.service.js';
import type { ProcedureInput } from './procedures.service.js';
import { confirmTaxPayment } from './tax-exchange.js';

export interface WorkflowRouteDeps extends dossiers.DossierDeps {
  changes: ChangesDeps;
  lookupRatePerMinute: number;
}

const tags = ['workflow'];
const Any = Type.Object({}, { additionalProperties: true });
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Code = Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$', description: 'Mã thủ tục / procedure code' });
const denied = { 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse'), ...errorResponses };
const Note = Type.String({ minLength: 1, maxLength: 2000 });

const StepIn = Type.Object({
  seq: Type.Integer({ minimum: 1, maximum: 50 }),
  code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' }),
  nameVi: Type.String({ minLength: 3, maxLength: 300 }),
  nameEn: Type.String({ minLength: 3, maxLength: 300 }),
  roleCode: Type.String({ pattern: '^[a-z_]{2,40}$', description: 'Vai trò thực hiện bước / acting role' }),
  days: Type.Integer({ minimum: 0, maximum: 365, description: 'Thời gian của bước (ngày làm việc) / share of the time limit' }),
  clockRuns: Type.Boolean({ description: 'false: thời gian bước không tính vào thời hạn / not counted' }),
  externalParty: Type.Union([Type.String({ pattern: '^[a-z_]{2,30}$' }), Type.Null()]),
}, { additionalProperties: false });
const ProcedureIn = Type.Object({
  nameVi: Type.String({ minLength: 3, maxLength: 300 }),
  nameEn: Type.String({ minLength: 3, maxLength: 300 }),
  legalBasis: Type.String({ minLength: 3, maxLength: 1000 }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('active')]),
  validFrom: Type.Union([IsoDate, Type.Null()]),
  timeLimitDays: Type.Integer({ minimum: 0, maximum: 365 }),
  extraDaysDisadvantaged: Type.Integer({ minimum: 0, maximum: 365 }),
  changeType: Type.Union([Type.String({ pattern: '^[a-z_]{2,40}$' }), Type.Null()]),
  financialObligations: Type.Boolean(),
  forms: Type.Array(Type.Object({
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' }),
    titleVi: Type.String({ minLength: 3, maxLength: 300 }),
    titleEn: Type.String({ minLength: 3, maxLength: 300 }),
    schema: Any,
  }, { additionalProperties: false }), { maxItems: 10 }),
  steps: Type.Array(StepIn, { minItems: 1, maxItems: 50 }),
  documents: Type.Array(Type.Object({ documentType: Type.String({ pattern: '^[a-z_]{2,40}$' }), required: Type.Boolean() }, { additionalProperties: false }), { maxItems: 50 }),
}, { additionalProperties: false });

const ParcelKey = Type.Object({
  unitCode: UnitCode,
  sheetNumber: Type.Integer({ minimum: 1, maximum: 9999 }),
  parcelNumber: Type.Integer({ minimum: 1, maximum: 99999 }),
}, { additionalProperties: false });
const IntakeIn = Type.Object({
  procedureCode: Code,
  unitCode: UnitCode,
  channel: Type.Union([Type.Literal('counter'), Type.Literal('one_stop'), Type.Literal('online')], { default: 'counter' }),
  applicant: Type.Object({
    fullName: Type.String({ minLength: 2, maxLength: 300 }),
    idNumber: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{6,20}$' })),
    phone: Type.Optional(Type.String({ pattern: '^[0-9+ ]{6,20}$' })),
    address: Type.Optional(Type.String({ maxLength: 300 })),
  }, { additionalProperties: false }),
  parcels: Type.Array(ParcelKey, { minItems: 1, maxItems: dossiers.MAX_PARCELS_PER_DOSSIER }),
  forms: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' }), Type.Unknown(), { description: 'Dữ liệu các biểu mẫu điện tử theo mã / filled electronic forms by code' }),
  documents: Type.Array(Type.Object({
    type: Type.String({ pattern: '^[a-z_]{2,40}$', description: 'Loại giấy tờ (danh mục document_type) / document type' }),
    copies: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    note: Type.Optional(Type.String({ maxLength: 300 })),
  }, { additionalProperties: false }), { maxItems: 50 }),
  disadvantagedCommune: Type.Optional(Type.Boolean({ description: 'Xã miền núi, hải đảo, vùng khó khăn: cộng thêm ngày / extra days' })),
}, { additionalProperties: false });

/** The caller's permissions on a unit, for checks on rows already loaded. */
const scopeOf = (request: FastifyRequest): dossiers.Scope => (permission, unitId) => covers(request.auth, permission, unitId);

export function registerWorkflowRoutes(app: FastifyInstance, deps: WorkflowRouteDeps): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.get('/procedures', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Danh mục thủ tục hành chính (phiên bản hiện hành) / the procedure catalogue', response: { 200: Type.Object({ items: Type.Array(Any) }), ...denied } },
  }, async () => ({ items: await procedures.listProcedures(deps.db) }));

  typed.get('/procedures/:code', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: 'Một thủ tục: bước, thời hạn, thành phần hồ sơ, biểu mẫu / one procedure',
      params: Type.Object({ code: Code }), querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })) }, { additionalProperties: false }),
      response: { 200: Any, ...denied },
    },
  }, async (request) => procedures.getProcedure(deps.db, request.params.code, request.query.version ?? null));

  typed.post('/procedures/:code/versions', {
    config: { permission: 'procedures.edit' },
    schema: { tags, summary: 'Sửa thủ tục: tạo phiên bản mới (hồ sơ đang xử lý giữ phiên bản cũ) / a new version', params: Type.Object({ code: Code }), body: ProcedureIn, response: { 201: Any, ...denied } },
  }, async (request, reply) => reply.status(201).send(await procedures.createVersion(deps, request.actor, request.params.code, request.body as unknown as ProcedureInput)));

  typed.post('/procedures/:code/versions/:version/activate', {
    config: { permission: 'procedures.edit' },
    schema: { tags, summary: 'Áp dụng phiên bản dự thảo / activate a draft version', params: Type.Object({ code: Code, version: Type.Integer({ minimum: 1, maximum: 10000 }) }), response: { 200: Any, ...denied } },
  }, async (request) => procedures.activateVersion(deps, request.actor, request.params.code, request.params.version));

  typed.get('/calendar', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: 'Ngày nghỉ lễ, nghỉ bù và ngày làm bù của một năm / holidays and overrides of a year',
      querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }), response: { 200: Any, ...denied },
    },
  }, async (request) => procedures.calendarYear(deps.db, request.query.year));

  typed.put('/calendar/days/:day', {
    config: { permission: 'procedures.edit' },
    schema: {
      tags, summary: 'Ngày nghỉ thêm hoặc ngày làm bù theo thông báo hằng năm (normal: bỏ) / an extra day off or make-up working day',
      params: Type.Object({ day: IsoDate }),
      body: Type.Object({ kind: Type.Union([Type.Literal('day_off'), Type.Literal('working_day'), Type.Literal('normal')]), note: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...denied },
    },
  }, async (request, reply) => {
    await procedures.setCalendarDay(deps, request.actor, request.params.day, request.body.kind, request.body.note);
    return reply.status(204).send(null);
  });

  typed.post('/dossiers', {
    config: { permission: 'dossier.intake', unitCode: (request) => (request.body as { unitCode?: string } | undefined)?.unitCode },
    schema: { tags, summary: 'Tiếp nhận hồ sơ: cấp mã biên nhận, tính hạn trả kết quả / receive a dossier', body: IntakeIn, response: { 201: Any, ...denied } },
  }, async (request, reply) => reply.status(201).send(await dossiers.intake(deps, request.actor, request.body)));

  typed.get('/dossiers', {
    config: { permission: 'dossier.process', unitCode: (request) => (request.query as { unitCode?: string }).unitCode },
    schema: {
      tags, summary: 'Hồ sơ của đơn vị hoặc của tôi (mặc định: đang xử lý) / inbox of a unit or my own',
      querystring: Type.Object({
        unitCode: Type.Optional(UnitCode),
        mine: Type.Boolean({ default: false }),
        status: Type.Optional(Type.Union(['processing', 'returned', 'waiting_external', 'refused', 'done'].map((s) => Type.Literal(s)))),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Any) }), ...denied },
    },
  }, async (request) => ({
    items: await dossiers.inbox(deps, [...(request.auth?.scopes.get('dossier.process') ?? [])], { ...request.query, accountId: request.auth?.accountId ?? null }),
  }));

  typed.get('/dossiers/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Một hồ sơ: trạng thái, hạn, các bước, dòng thời gian / one dossier', params: Id, response: { 200: Any, ...denied } },
  }, async (request) => dossiers.getDossier(deps, request.actor, scopeOf(request), request.params.id));

  typed.post('/dossiers/:id/assign', {
    config: { permission: 'dossier.process' },
    schema: {
      tags, summary: 'Phân công hoặc chuyển hồ sơ cho cán bộ khác / assign or transfer', params: Id,
      body: Type.Object({ accountId: Type.String({ format: 'uuid' }), note: Type.Optional(Note) }, { additionalProperties: false }), response: { 200: Any, ...denied },
    },
  }, async (request) => dossiers.assign(deps, request.actor, scopeOf(request), request.params.id, request.body.accountId, request.body.note));

  typed.post('/dossiers/:id/change', {
    config: { permission: 'dossier.process' },
    schema: {
      tags, summary: 'Lập biến động của hồ sơ (chờ duyệt; duyệt khi trả kết quả) / prepare the dossier change', params: Id,
      body: Type.Object({ edits: ChangeEditsSchema, legalBasis: Type.Optional(Type.String({ minLength: 3, maxLength: 500 })) }, { additionalProperties: false }),
      response: { 200: Any, ...denied },
    },
  }, async (request) => dossiers.prepareChange(deps, request.actor, scopeOf(request), request.params.id, { edits: request.body.edits as ChangeEdits, legalBasis: request.body.legalBasis }));

  typed.post('/dossiers/:id/complete-step', {
    config: { permission: 'dossier.process' },
    schema: {
      tags, summary: 'Hoàn thành bước hiện tại (bước cuối: duyệt biến động, trả kết quả) / complete the current step', params: Id,
      body: Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false }), response: { 200: Any, ...denied },
    },
  }, async (request) => dossiers.completeStep(deps, request.actor, scopeOf(request), request.params.id, { note: request.body.note }));

  typed.post('/dossiers/:id/return', {
    config: { permission: 'dossier.process' },
    schema: { tags, summary: 'Trả hồ sơ để bổ sung (dừng tính thời gian) / return for supplements', params: Id, body: Type.Object({ reason: Note }, { additionalProperties: false }), response: { 200: Any, ...denied } },
  }, async (request) => dossiers.returnForSupplements(deps, request.actor, scopeOf(request), request.params.id, request.body.reason));

  typed.post('/dossiers/:id/supplement', {
    config: { permission: 'dossier.intake' },
    schema: { tags, summary: 'Nhận hồ sơ bổ sung (tiếp tục tính thời gian) / supplements received', params: Id, body: Type.Object({ note: Note }, { additionalProperties: false }), response: { 200: Any, ...denied } },
  }, async (request) => dossiers.supplementsReceived(deps, request.actor, scopeOf(request), request.params.id, request.body.note));

  typed.post('/dossiers/:id/refuse', {
    config: { permission: 'dossier.approve' },
    schema: { tags, summary: 'Từ chối hồ sơ, nêu rõ lý do / refuse, with reasons', params: Id, body: Type.Object({ reason: Note }, { additionalProperties: false }), response: { 200: Any, ...denied } },
  }, async (request) => dossiers.refuse(deps, request.actor, scopeOf(request), request.params.id, request.body.reason));

  typed.post('/dossiers/:id/tax-payment', {
    config: { permission: 'dossier.process' },
    schema: {
      tags, summary: 'Xác nhận đã nộp nghĩa vụ tài chính theo chứng từ (hoàn thành bước thuế) / confirm the tax payment from the receipt', params: Id,
      body: Type.Object({
        noticeNumber: Type.String({ pattern: '^[A-Za-z0-9._/-]{1,100}$' }), paidOn: IsoDate, amount: Type.Number({ minimum: 0, maximum: 1e15 }),
        receiptNumber: Type.String({ pattern: '^[A-Za-z0-9._/-]{1,100}$' }),
      }, { additionalProperties: false }),
      response: { 200: Any, ...denied },
    },
  }, async (request) => confirmTaxPayment(deps, request.actor, scopeOf(request), request.params.id, request.body));

  const Period = Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false });
  const reportUnits = (request: FastifyRequest) => [...(request.auth?.scopes.get('reports.read') ?? [])];

  typed.get('/dossier-reports/statistics', {
    config: { permission: 'reports.read' },
    schema: {
      tags, summary: 'Hồ sơ tiếp nhận trong kỳ theo thủ tục, đơn vị, cán bộ: đúng hạn, trễ hạn, đang xử lý / dossier statistics',
      querystring: Period, response: { 200: Any, ...denied },
    },
  }, async (request) => dossierStatistics(deps.db, request.query.from, request.query.to, { clock: deps.clock, unitIds: reportUnits(request) }));

  typed.get('/dossier-reports/compliance', {
    config: { permission: 'reports.read' },
    schema: {
      tags, summary: 'Hồ sơ có các bước đã ghi lệch quy trình của phiên bản thủ tục / dossiers whose recorded steps deviate',
      querystring: Period, response: { 200: Type.Object({ items: Type.Array(Any) }), ...denied },
    },
  }, async (request) => ({ items: await complianceCheck(deps.db, request.query.from, request.query.to, reportUnits(request)) }));

  typed.get('/public/dossiers/:receiptCode', {
    config: { permission: 'public', rateLimit: { max: deps.lookupRatePerMinute, timeWindow: '1 minute' } },
    schema: {
      tags, summary: 'Tra cứu tình trạng hồ sơ theo mã biên nhận (công khai) / citizen look-up by receipt code',
      params: Type.Object({ receiptCode: Type.String({ pattern: '^[0-9]{2,5}-[0-9]{6}-[0-9]{4,6}$' }) }),
      response: {
        200: Type.Object({
          receiptCode: Type.String(), status: Type.String(), procedureName: Type.Object({ vi: Type.String(), en: Type.String() }),
          receivedOn: Type.String(), expectedReturnOn: Type.String(),
        }, { additionalProperties: false }),
        429: Type.Ref('ErrorResponse'), ...errorResponses,
      },
    },
  }, async (request) => dossiers.citizenLookup(deps, request.params.receiptCode));
}
