// Operations over HTTP (issue #10 items 4-7): incidents (any signed-in user reports and
// follows their own, O6; operations.manage triages, notifies, closes), the notices the
// portal polls (public: maintenance and incidents of every unit; signed in: also those
// of the caller's units), maintenance mode, and the periodic reports (reports.read on
// the province).
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { errorResponses, UnitCode } from '../../http/schemas.js';
import { allowed, type AuthContext } from '../accounts/index.js';
import { quickIncidentReport } from './incident-report.js';
import {
  incidentDetail, incidentList, incidentNotices, notifyIncident, recordAction, reportIncident, resolveIncident, triageIncident, type Notice,
} from './incidents.service.js';
import type { Mailer } from './mail.js';
import { listModes } from './maintenance.repo.js';
import { liftMaintenanceMode, setMaintenanceMode, type MaintenanceGate } from './maintenance.service.js';
import { reportPdf, reportWorkbook } from './periodic-report-files.js';
import { generateReport, storedReport, storedReports } from './periodic-report.js';
import { MAINTENANCE_SUBSYSTEMS, SUBSYSTEMS } from './subsystems.js';

const tags = ['operations'];
const MANAGE = 'operations.manage';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const denied = { 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse') };
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601' });
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Subsystem = Type.Union(SUBSYSTEMS.map((s) => Type.Literal(s)));
const Severity = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high'), Type.Literal('critical')]);
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const UnitCodes = Type.Array(UnitCode, { maxItems: 200 });

export interface OperationsRouteDeps {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  gate: MaintenanceGate;
}

function sendFile(reply: FastifyReply, body: Buffer, type: string, name: string) {
  return reply.type(type).header('content-disposition', `attachment; filename="${name}"`).send(body);
}

export function registerOperationsRoutes(app: FastifyInstance, deps: OperationsRouteDeps): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const isManager = async (request: FastifyRequest) => Boolean(request.auth && (await allowed(deps, request.auth, MANAGE)));
  const viewer = async (request: FastifyRequest) => ({ manager: await isManager(request), accountId: request.auth?.accountId ?? null });

  // ——— incidents ———
  typed.post('/operations/incidents', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: 'Báo sự cố, phản ánh lỗi (mọi người dùng); cán bộ vận hành ghi nhận sự cố / report a problem (anyone signed in) or record an incident',
      body: Type.Object({
        title: Text(300, 3), description: Text(5000),
        subsystems: Type.Optional(Type.Array(Subsystem, { minItems: 1, maxItems: 9, uniqueItems: true })),
        unitCodes: Type.Optional(UnitCodes),
        severity: Type.Optional(Severity), interruptsService: Type.Optional(Type.Boolean()),
        startedAt: Type.Optional(Instant), expectedFixAt: Type.Optional(Instant),
      }, { additionalProperties: false }),
      response: { ...denied, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await reportIncident(deps, request.actor, request.body, await isManager(request))));

  typed.get('/operations/incidents', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: 'Danh sách sự cố (cán bộ vận hành: tất cả; người khác: sự cố mình báo) / incidents (managers: all; others: their own)',
      querystring: Type.Object({
        status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('in_progress'), Type.Literal('resolved')])),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
      }, { additionalProperties: false }),
      response: { ...denied, ...errorResponses },
    },
  }, async (request) => ({ incidents: await incidentList(deps, await viewer(request), request.query) }));

  typed.get('/operations/incidents/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Chi tiết sự cố và diễn biến / an incident with its timeline', params: Id, response: { ...denied, ...errorResponses } },
  }, async (request) => incidentDetail(deps, request.params.id, await viewer(request)));

  typed.get('/operations/incidents/:id/report', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Báo cáo nhanh sự cố (PDF) / quick incident report (PDF)', params: Id, response: { ...denied, ...errorResponses } },
  }, async (request, reply) => {
    const incident = await incidentDetail(deps, request.params.id, { manager: true, accountId: request.auth!.accountId });
    return sendFile(reply, await quickIncidentReport(incident, deps.clock.now()), 'application/pdf', `bao-cao-nhanh-${incident.code}.pdf`);
  });

  typed.patch('/operations/incidents/:id', {
    config: { permission: MANAGE },
    schema: {
      tags, summary: 'Phân loại, cập nhật sự cố / triage an incident', params: Id,
      body: Type.Object({
        severity: Type.Optional(Severity), subsystems: Type.Optional(Type.Array(Subsystem, { minItems: 1, maxItems: 9, uniqueItems: true })),
        unitCodes: Type.Optional(UnitCodes), interruptsService: Type.Optional(Type.Boolean()),
        status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('in_progress')])),
        startedAt: Type.Optional(Instant), expectedFixAt: Type.Optional(Type.Union([Instant, Type.Null()])),
      }, { additionalProperties: false }),
      response: { ...denied, ...errorResponses },
    },
  }, async (request) => triageIncident(deps, request.actor, request.params.id, request.body));

  typed.post('/operations/incidents/:id/actions', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Ghi biện pháp xử lý / record an action taken', params: Id, body: Type.Object({ text: Text(5000) }, { additionalProperties: false }), response: { ...denied, ...errorResponses } },
  }, async (request) => recordAction(deps, request.actor, request.params.id, request.body.text));

  typed.post('/operations/incidents/:id/notices', {
    config: { permission: MANAGE },
    schema: {
      tags, summary: 'Thông báo cho đơn vị bị ảnh hưởng (banner, e-mail) / notify the affected units (banner, e-mail)', params: Id,
      body: Type.Object({ messageVi: Text(1000), messageEn: Text(1000), email: Type.Boolean({ default: true }) }, { additionalProperties: false }),
      response: { ...denied, ...errorResponses },
    },
  }, async (request) => notifyIncident(deps, request.actor, request.params.id, request.body));

  typed.post('/operations/incidents/:id/close', {
    config: { permission: MANAGE },
    schema: {
      tags, summary: 'Đóng sự cố: nguyên nhân, kết quả khắc phục / close an incident', params: Id,
      body: Type.Object({ cause: Text(2000), resolution: Text(2000), resolvedAt: Type.Optional(Instant) }, { additionalProperties: false }),
      response: { ...denied, ...errorResponses },
    },
  }, async (request) => resolveIncident(deps, request.actor, request.params.id, request.body));

  // ——— notices and maintenance ———
  typed.get('/notices', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Thông báo đang hiệu lực: bảo trì, sự cố / notices in force: maintenance, incidents', response: { ...errorResponses } },
  }, async (request) => {
    const modes = await deps.gate.modes();
    const maintenance: Notice[] = modes.map((m) => ({
      kind: 'maintenance', id: m.subsystem, messageVi: m.messageVi, messageEn: m.messageEn, subsystems: [m.subsystem], mode: m.mode,
      severity: null, since: m.setAt, until: m.plannedEnd,
    }));
    return { notices: [...maintenance, ...(await incidentNotices(deps.db, unitsOf(request.auth)))], maintenance: modes };
  });

  typed.get('/operations/maintenance', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Các phân hệ đang bảo trì / subsystems under maintenance', response: { ...denied, ...errorResponses } },
  }, async () => ({ modes: await listModes(deps.db) }));

  const SubsystemParam = Type.Object({ subsystem: Type.Union(MAINTENANCE_SUBSYSTEMS.map((s) => Type.Literal(s))) });
  typed.put('/operations/maintenance/:subsystem', {
    config: { permission: MANAGE },
    schema: {
      tags, summary: 'Tạm dừng một phân hệ hoặc toàn bộ: chỉ đọc hoặc đóng (I3) / suspend a subsystem or everything: read-only or closed', params: SubsystemParam,
      body: Type.Object({
        mode: Type.Union([Type.Literal('read_only'), Type.Literal('closed')]), messageVi: Text(1000), messageEn: Text(1000), plannedEnd: Type.Optional(Instant),
      }, { additionalProperties: false }),
      response: { ...denied, ...errorResponses },
    },
  }, async (request) => ({ modes: await setMaintenanceMode(deps, request.actor, { subsystem: request.params.subsystem, ...request.body }) }));

  typed.delete('/operations/maintenance/:subsystem', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Kết thúc bảo trì / lift maintenance mode', params: SubsystemParam, response: { ...denied, ...errorResponses } },
  }, async (request) => ({ modes: await liftMaintenanceMode(deps, request.actor, request.params.subsystem) }));

  // ——— periodic reports ———
  const scoped = { permission: 'reports.read', unitCode: (request: { params: unknown }) => (request.params as { unitCode: string }).unitCode };
  typed.get('/operations/reports/:unitCode', {
    config: scoped,
    schema: {
      tags, summary: 'Các báo cáo định kỳ đã lập của tỉnh / stored periodic reports of the province', params: Type.Object({ unitCode: UnitCode }),
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }, { additionalProperties: false }),
      response: { ...denied, ...errorResponses },
    },
  }, async (request) => ({ reports: await storedReports(deps, request.params.unitCode, request.query.limit) }));

  typed.post('/operations/reports/:unitCode', {
    config: scoped,
    schema: {
      tags, summary: 'Lập báo cáo định kỳ theo yêu cầu (tháng 2026-10, quý 2026-Q4, năm 2026) / generate a periodic report on demand',
      params: Type.Object({ unitCode: UnitCode }),
      body: Type.Object({ period: Type.String({ pattern: '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$' }) }, { additionalProperties: false }),
      response: { ...denied, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await generateReport(deps, request.actor, request.params.unitCode, request.body.period)));

  typed.get('/operations/reports/:unitCode/:id', {
    config: scoped,
    schema: {
      tags, summary: 'Một báo cáo định kỳ: JSON, Excel hoặc PDF / one periodic report as JSON, Excel or PDF',
      params: Type.Object({ unitCode: UnitCode, id: Type.String({ format: 'uuid' }) }),
      querystring: Type.Object({ format: Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('pdf')], { default: 'json' }) }, { additionalProperties: false }),
      response: { ...denied, ...errorResponses },
    },
  }, async (request, reply) => {
    const { meta, report } = await storedReport(deps, request.params.unitCode, request.params.id);
    const name = `bao-cao-dinh-ky_${meta.unitCode}_${report.period.label}`;
    if (request.query.format === 'xlsx') return sendFile(reply, await reportWorkbook(report), XLSX, `${name}.xlsx`);
    if (request.query.format === 'pdf') return sendFile(reply, await reportPdf(report), 'application/pdf', `${name}.pdf`);
    return { ...meta, report };
  });
}

/** Every unit the caller's grants cover, whatever the permission. */
function unitsOf(auth: AuthContext | null): Set<number> | null {
  if (!auth) return null;
  const units = new Set<number>();
  for (const ids of auth.scopes.values()) for (const id of ids) units.add(id);
  return units;
}
