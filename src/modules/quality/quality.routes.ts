// Quality checks on the live record over HTTP (issue #6 item 6, O12). Permission
// cadastre.edit on the unit: the findings are a work list for the officers who clean the
// record up through change transactions (those hold cadastre.edit); reports.read also goes
// to outside readers (agency_reader, auditor), who cannot act on them, and a run is a
// heavy query that should not be open to every reader.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { errorResponses, UnitCode } from '../../http/schemas.js';
import { covers } from '../accounts/index.js';
import { RULES } from './quality.repo.js';
import * as service from './quality.service.js';
import { qualityWorkbook } from './quality-workbook.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Run = Type.Object({
  id: Type.String(), unitCode: Type.String(), requestedBy: Nullable(Type.String()), startedAt: Type.String(), finishedAt: Nullable(Type.String()),
  status: Type.String(), errorCount: Type.Union([Type.Integer(), Type.Null()]), warningCount: Type.Union([Type.Integer(), Type.Null()]), error: Nullable(Type.String()),
});
const Finding = Type.Object({
  id: Type.Integer(), rule: Type.String(), severity: Type.String(), objectType: Type.String(), objectId: Type.String(), unitCode: Nullable(Type.String()),
  field: Nullable(Type.String()), message: Type.Object({ vi: Type.String(), en: Type.String() }), location: Type.Union([Type.Array(Type.Number()), Type.Null()]),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]), link: Nullable(Type.String()),
  fix: Type.Object({ changeType: Nullable(Type.String()), vi: Type.String(), en: Type.String() }),
});

export function registerQualityRoutes(app: FastifyInstance, deps: service.QualityDeps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/quality/runs', {
    config: { permission: 'cadastre.edit', unitCode: (request) => (request.query as { unit?: string }).unit },
    schema: {
      tags: ['imports'], summary: 'Kiểm tra chất lượng dữ liệu địa chính đang quản lý của đơn vị và các đơn vị trực thuộc / run the quality checks on the live record',
      querystring: Type.Object({ unit: UnitCode }, { additionalProperties: false }), response: { 201: Run, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await service.runQualityChecks(deps, request.query.unit, request.actor)));
  r.get('/quality/runs', {
    config: { permission: 'cadastre.edit', unitCode: (request) => (request.query as { unit?: string }).unit },
    schema: {
      tags: ['imports'], summary: 'Các lần kiểm tra chất lượng dữ liệu của đơn vị / quality runs of a unit',
      querystring: Type.Object({ unit: UnitCode, limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) }, { additionalProperties: false }),
      response: { 200: Type.Array(Run), ...errorResponses },
    },
  }, async (request) => service.listRuns(deps, request.query.unit, request.query.limit));
  // the run's unit is known once the run is read: checked in the service
  r.get('/quality/runs/:id', {
    config: { permission: 'cadastre.edit' },
    schema: {
      tags: ['imports'], summary: 'Kết quả một lần kiểm tra (JSON hoặc ?format=xlsx) / the findings of a run',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      querystring: Type.Object({
        format: Type.Union([Type.Literal('json'), Type.Literal('xlsx')], { default: 'json' }),
        rule: Type.Optional(Type.Union(Object.keys(RULES).map((k) => Type.Literal(k)))),
        limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 5000 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ run: Run, findings: Type.Array(Finding) }), ...errorResponses },
    },
  }, async (request, reply) => {
    const report = await service.qualityReport(deps, request.params.id, (unitId) => covers(request.auth, 'cadastre.edit', unitId), request.query);
    if (request.query.format === 'xlsx') {
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="kiem-tra-chat-luong-${report.run.id}.xlsx"`)
        .send(await qualityWorkbook(report));
    }
    return report;
  });
}
