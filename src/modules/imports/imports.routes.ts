// Contractor deliveries over HTTP (issue #6). The file is the raw request body (zip,
// GeoJSON or GeoPackage), streamed to a temporary file with the size limit
// (LIS_IMPORT_MAX_MB), never held in memory; loading and validation run as a job
// (GET /imports/:id shows its progress); commit and reject need cadastre.approve on the unit.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, errors } from '../../kernel/app-error.js';
import { errorResponses, UnitCode } from '../../http/schemas.js';
import { covers } from '../accounts/index.js';
import { MAPPED_FIELDS, type ColumnMapping } from './column-mapping.js';
import * as service from './imports.service.js';
import { TEXT_ENCODINGS } from './readers/legacy-vietnamese.js';
import { reportWorkbook } from './report-workbook.js';

export interface ImportRouteDeps extends service.ImportsDeps {
  maxBytes: number;
  /** after an upload: the worker may start at once */
  wake?: (() => void) | undefined;
}

const TYPES = ['application/zip', 'application/x-zip-compressed', 'application/geo+json', 'application/geopackage+sqlite3', 'application/octet-stream'];
/** attribute tables uploaded beside a delivery */
const TABLE_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];

const Job = Type.Object({
  id: Type.String(), status: Type.String(), phase: Type.String(), done: Type.Integer(), total: Type.Union([Type.Integer(), Type.Null()]),
  startedAt: Type.Union([Type.String(), Type.Null()]), finishedAt: Type.Union([Type.String(), Type.Null()]), error: Type.Union([Type.String(), Type.Null()]),
});
const Batch = Type.Object({
  id: Type.String(), projectId: Type.Union([Type.String(), Type.Null()]), unitCode: Type.String(), fileName: Type.String(),
  format: Type.Union([Type.String(), Type.Null()]), encoding: Type.Union([Type.String(), Type.Null()]), sourceSrid: Type.Union([Type.Integer(), Type.Null()]),
  targetSrid: Type.Integer(), attempt: Type.Integer(), status: Type.String(), errorCount: Type.Union([Type.Integer(), Type.Null()]),
  warningCount: Type.Union([Type.Integer(), Type.Null()]), createdAt: Type.String(), validatedAt: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]), decisionNote: Type.Union([Type.String(), Type.Null()]), changeId: Type.Union([Type.String(), Type.Null()]),
  job: Type.Union([Job, Type.Null()]),
});
const Finding = Type.Object({
  rule: Type.String(), severity: Type.String(), featureIndex: Type.Union([Type.Integer(), Type.Null()]), field: Type.Union([Type.String(), Type.Null()]),
  message: Type.Object({ vi: Type.String(), en: Type.String() }), location: Type.Union([Type.Array(Type.Number()), Type.Null()]),
  sheetNumber: Type.Union([Type.Integer(), Type.Null()]), parcelNumber: Type.Union([Type.Integer(), Type.Null()]),
});
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const UploadQuery = Type.Object(
  {
    unit: UnitCode,
    project: Type.Optional(Type.String({ format: 'uuid', description: 'Dự án nhà thầu (cán bộ Văn phòng) / contractor project' })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\u0000-\\u001f/\\\\]+$' })),
    encoding: Type.Optional(Type.Union(TEXT_ENCODINGS.map((e) => Type.Literal(e)), { description: 'Bảng mã thuộc tính shapefile / attribute encoding' })),
    srid: Type.Optional(Type.Integer({ minimum: 1024, maximum: 999999, description: 'Mã EPSG khi tệp không có .prj / EPSG code when the file declares none' })),
    scale: Type.Optional(Type.Union([200, 500, 1000, 2000, 5000, 10000].map((n) => Type.Literal(n)))),
    gaps: Type.Optional(Type.Boolean({ description: 'Kiểm tra khoảng hở giữa các thửa / look for gaps' })),
    layer: Type.Optional(Type.String({ maxLength: 100 })),
    mapping: Type.Optional(Type.String({ maxLength: 2000, description: 'JSON: {"sheet":"SOTO","parcel":"SOTHUA",...}' })),
  },
  { additionalProperties: false },
);

function callerOf(request: FastifyRequest): service.Caller {
  return { actor: request.actor, may: (permission, unitId) => covers(request.auth, permission, unitId) };
}

function parseMapping(text: string | undefined): ColumnMapping | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  const ok = value !== null && typeof value === 'object' && !Array.isArray(value)
    && Object.entries(value).every(([k, v]) => (MAPPED_FIELDS as readonly string[]).includes(k) && typeof v === 'string' && v.length <= 50);
  if (!ok) throw errors.invalid({ vi: `Bảng ánh xạ trường không hợp lệ: các khóa là ${MAPPED_FIELDS.join(', ')}`, en: `Bad column mapping: its keys are ${MAPPED_FIELDS.join(', ')}` }, { field: 'querystring/mapping' });
  return value as ColumnMapping;
}

/** The body to a temporary file (with the limit); fn gets its path; the file is removed after. */
async function withUpload<T>(request: FastifyRequest, maxBytes: number, fn: (file: string) => Promise<T>): Promise<T> {
  const body = request.body as Readable | undefined;
  if (!body || typeof body.pipe !== 'function') {
    throw errors.invalid(
      { vi: 'Gửi tệp làm thân yêu cầu (application/zip, application/geo+json hoặc application/geopackage+sqlite3)', en: 'Send the file as the request body (application/zip, application/geo+json or application/geopackage+sqlite3)' },
      { field: 'body' },
    );
  }
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'lis-import-'));
  const file = path.join(dir, crypto.randomUUID());
  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) {
        done(new AppError('PAYLOAD_TOO_LARGE', { vi: `Tệp vượt quá ${Math.round(maxBytes / 1024 / 1024)} MB`, en: `The file exceeds ${Math.round(maxBytes / 1024 / 1024)} MB` }));
      } else done(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    return await fn(file);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

export function registerImportRoutes(app: FastifyInstance, deps: ImportRouteDeps): void {
  void app.register(async (scope) => {
    // the file is streamed: a parser of the same type inherited from the API (the price workbook's buffer) is replaced here
    const types = [...new Set([...TYPES, ...TABLE_TYPES])];
    for (const type of types) if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
    scope.addContentTypeParser(types, (_request, payload, done) => done(null, payload));
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();
    r.post('/imports', {
      config: { permission: 'data.import', unitCode: (request) => (request.query as { unit?: string }).unit },
      schema: {
        tags: ['imports'],
        summary: 'Nộp gói dữ liệu nhà thầu (shapefile nén zip, GeoJSON, GeoPackage) vào vùng chờ; nạp và kiểm tra chạy nền / upload a contractor delivery to staging',
        consumes: TYPES,
        querystring: UploadQuery,
        response: { 202: Batch, ...errorResponses },
      },
    }, async (request, reply) => {
      const q = request.query;
      const mapping = parseMapping(q.mapping);
      const batch = await withUpload(request, deps.maxBytes, (file) => service.uploadDelivery(deps, callerOf(request), {
        unitCode: q.unit, projectId: q.project, fileName: q.name ?? 'delivery', tempPath: file, encoding: q.encoding, sourceSrid: q.srid, scale: q.scale, checkGaps: q.gaps, mapping, layer: q.layer,
      }));
      deps.wake?.();
      return reply.code(202).send(batch);
    });
    r.put('/imports/:id/file', {
      config: { permission: 'data.import' },
      schema: {
        tags: ['imports'], summary: 'Nộp lại gói dữ liệu đã sửa (lần nộp mới) / re-upload a fixed delivery', consumes: TYPES, params: Id,
        querystring: Type.Omit(UploadQuery, ['unit', 'project']), response: { 202: Batch, ...errorResponses },
      },
    }, async (request, reply) => {
      const q = request.query;
      const mapping = parseMapping(q.mapping);
      const batch = await withUpload(request, deps.maxBytes, (file) => service.replaceDelivery(deps, callerOf(request), request.params.id, {
        fileName: q.name ?? 'delivery', tempPath: file, encoding: q.encoding, sourceSrid: q.srid, scale: q.scale, checkGaps: q.gaps, mapping, layer: q.layer,
      }));
      deps.wake?.();
      return reply.code(202).send(batch);
    });
    r.put('/imports/:id/attributes', {
      config: { permission: 'data.import' },
      schema: {
        tags: ['imports'],
        summary: 'Nộp bảng thuộc tính (CSV, Excel) kèm gói dữ liệu, ghép theo xã + tờ + thửa (lần nộp mới) / upload an attribute table beside the delivery',
        consumes: TABLE_TYPES, params: Id,
        querystring: Type.Object({ name: Type.String({ minLength: 5, maxLength: 255, pattern: '^[^\\u0000-\\u001f/\\\\]+\\.(csv|CSV|xlsx|XLSX)$' }) }, { additionalProperties: false }),
        response: { 202: Batch, ...errorResponses },
      },
    }, async (request, reply) => {
      const batch = await withUpload(request, deps.maxBytes, (file) => service.addAttributeTable(deps, callerOf(request), request.params.id, { fileName: request.query.name, tempPath: file }));
      deps.wake?.();
      return reply.code(202).send(batch);
    });
  });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/imports', {
    config: { permission: 'data.import', unitCode: (request) => (request.query as { unit?: string }).unit },
    schema: {
      tags: ['imports'], summary: 'Các gói dữ liệu nhập của đơn vị (nhà thầu: của dự án mình) / deliveries of a unit',
      querystring: Type.Object({ unit: UnitCode, limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) }, { additionalProperties: false }),
      response: { 200: Type.Array(Batch), ...errorResponses },
    },
  }, async (request) => service.listBatches(deps, callerOf(request), request.query.unit, request.query.limit));
  // read by the project's people (data.import) and the approving officers (cadastre.approve): checked on the batch's unit
  r.get('/imports/:id', {
    config: { permission: 'authenticated' },
    schema: { tags: ['imports'], summary: 'Gói dữ liệu nhập và tiến độ xử lý / a delivery and its job progress', params: Id, response: { 200: Batch, ...errorResponses } },
  }, async (request) => service.getBatch(deps, callerOf(request), request.params.id));
  r.get('/imports/:id/report', {
    config: { permission: 'authenticated' },
    schema: {
      tags: ['imports'], summary: 'Báo cáo kiểm tra (JSON hoặc ?format=xlsx) / validation report', params: Id,
      querystring: Type.Object({ format: Type.Union([Type.Literal('json'), Type.Literal('xlsx')], { default: 'json' }), limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 5000 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ batch: Batch, counts: Type.Object({ errors: Type.Integer(), warnings: Type.Integer() }), findings: Type.Array(Finding) }), ...errorResponses },
    },
  }, async (request, reply) => {
    const report = await service.report(deps, callerOf(request), request.params.id, request.query.limit);
    if (request.query.format === 'xlsx') {
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="bao-cao-kiem-tra-${report.batch.id}.xlsx"`)
        .send(await reportWorkbook(report));
    }
    return report;
  });
  r.get('/imports/:id/map', {
    config: { permission: 'authenticated' },
    schema: {
      tags: ['imports'], summary: 'Thửa đất trong vùng chờ và vị trí lỗi (GeoJSON, EPSG:4326) / staged parcels and findings for the map', params: Id,
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 20_000 }) }, { additionalProperties: false }),
    },
  }, async (request, reply) => reply.header('content-type', 'application/geo+json').send(await service.batchMap(deps, callerOf(request), request.params.id, request.query.limit)));
  r.post('/imports/:id/cancel', {
    config: { permission: 'data.import' },
    schema: { tags: ['imports'], summary: 'Hủy gói dữ liệu (dừng việc nạp) / cancel a delivery', params: Id, response: { 200: Batch, ...errorResponses } },
  }, async (request) => service.cancelBatch(deps, callerOf(request), request.params.id));
  r.post('/imports/:id/commit', {
    config: { permission: 'cadastre.approve' },
    schema: {
      tags: ['imports'], summary: 'Cập nhật gói dữ liệu đã kiểm tra vào cơ sở dữ liệu địa chính (một biến động) / commit a validated delivery as one change', params: Id,
      body: Type.Object({ legalBasis: Type.String({ minLength: 3, maxLength: 500, description: 'Căn cứ (quyết định nghiệm thu, …) / legal basis' }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ batch: Batch, changeId: Type.String(), created: Type.Integer(), replaced: Type.Integer() }), ...errorResponses },
    },
  }, async (request) => service.commitBatch(deps, callerOf(request), request.params.id, request.body.legalBasis));
  r.post('/imports/:id/reject', {
    config: { permission: 'cadastre.approve' },
    schema: {
      tags: ['imports'], summary: 'Từ chối gói dữ liệu, nêu lý do / reject a delivery with a reason', params: Id,
      body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 2000 }) }, { additionalProperties: false }),
      response: { 200: Batch, ...errorResponses },
    },
  }, async (request) => service.rejectBatch(deps, callerOf(request), request.params.id, request.body.reason));
}
