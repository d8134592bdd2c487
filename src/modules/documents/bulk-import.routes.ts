// Bulk scan import over HTTP (S-SCAN, issue #9 item 5): POST /documents/bulk with the zip
// as the raw body (Content-Type: application/zip). A zip is read from its central
// directory at the end, so the body is first streamed to a temporary file (with the size
// limit, never held in memory), then read entry by entry; the file is removed afterwards.
// Raw body rather than multipart: one stream, no form parsing, curl --data-binary works.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../../kernel/app-error.js';
import { errorResponses } from '../../http/schemas.js';
import { covers } from '../accounts/index.js';
import { HashingLimiter } from './document-store.js';
import { BULK_STATUSES, importZip, reportWorkbook } from './bulk-import.service.js';
import type { DocumentCaller, DocumentsDeps } from './documents.service.js';

/** Largest zip accepted over HTTP when the configuration names none (verify: a LIS_DOCUMENT_BULK_MAX_MB setting). */
export const DEFAULT_BULK_ZIP_MAX_BYTES = 4 * 1024 ** 3;

const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed'];

const Message = Type.Object({ vi: Type.String(), en: Type.String() });
const FileOut = Type.Object({
  name: Type.String(),
  status: Type.Union(BULK_STATUSES.map((s) => Type.Literal(s))),
  record: Type.Optional(Type.String({ description: 'xã/tờ/thửa hoặc số phát hành GCN / unit/sheet/parcel or certificate serial' })),
  documentType: Type.Optional(Type.String()),
  documentId: Type.Optional(Type.String({ description: 'tài liệu đã tạo, hoặc tài liệu đã có khi trùng / the new document, or the existing one for a duplicate' })),
  sha256: Type.Optional(Type.String()),
  size: Type.Optional(Type.Integer()),
  detected: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  message: Type.Optional(Message),
});
const ReportOut = Type.Object({
  source: Type.String(),
  store: Type.String(),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  totals: Type.Object({
    files: Type.Integer(),
    bytesStored: Type.Integer(),
    ...Object.fromEntries(BULK_STATUSES.map((s) => [s, Type.Integer()])),
  }),
  files: Type.Array(FileOut),
});

export interface BulkRouteDeps extends DocumentsDeps {
  /** largest zip body in bytes */
  bulkMaxBytes?: number | undefined;
}

function callerOf(request: FastifyRequest): DocumentCaller {
  return { actor: request.actor, may: (permission, unitId) => covers(request.auth, permission, unitId) };
}

export function registerBulkImportRoute(app: FastifyInstance, deps: BulkRouteDeps): void {
  const maxZip = deps.bulkMaxBytes ?? DEFAULT_BULK_ZIP_MAX_BYTES;
  void app.register(async (scope) => {
    // the body stays a stream for this route only (its own scope)
    scope.addContentTypeParser(ZIP_TYPES, (_request, payload, done) => done(null, payload));
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/documents/bulk',
      {
        // scoped per file in the service: files of records outside the caller's units are reported, not imported
        config: { permission: 'cadastre.edit' },
        schema: {
          tags: ['documents'],
          summary:
            'Nhập hàng loạt tài liệu quét từ tệp zip (thân yêu cầu application/zip), đặt tên theo quy ước xã_tờ_thửa hoặc số phát hành GCN; trả báo cáo (JSON hoặc ?format=xlsx) / bulk import of scans from a zip named by the province convention',
          consumes: ZIP_TYPES,
          querystring: Type.Object(
            {
              type: Type.Optional(Type.String({ pattern: '^[a-z_]{2,40}$', description: 'Loại tài liệu mặc định / default document type' })),
              personalData: Type.Boolean({ default: true, description: 'Tài liệu có thông tin cá nhân (Nghị định 13/2023) / the documents hold personal data' }),
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\u0000-\\u001f]+$', description: 'Tên tệp zip (cho báo cáo, nhật ký) / the zip file name' })),
              format: Type.Union([Type.Literal('json'), Type.Literal('xlsx')], { default: 'json' }),
            },
            { additionalProperties: false },
          ),
          response: { 200: ReportOut, 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), 413: Type.Ref('ErrorResponse'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = request.body as Readable | undefined;
        if (!body || typeof (body as Readable).pipe !== 'function') {
          throw errors.invalid(
            { vi: 'Gửi tệp zip làm thân yêu cầu với Content-Type: application/zip', en: 'Send the zip file as the request body with Content-Type: application/zip' },
            { field: 'body' },
          );
        }
        const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'lis-bulk-'));
        const zipPath = path.join(dir, `${crypto.randomUUID()}.zip`);
        try {
          await pipeline(body, new HashingLimiter(maxZip), fs.createWriteStream(zipPath, { flags: 'wx', mode: 0o600 }));
          const { type, personalData, name, format } = request.query;
          const report = await importZip(deps, callerOf(request), zipPath, {
            sourceName: name ?? 'upload.zip', defaultType: type, containsPersonalData: personalData,
          });
          if (format === 'xlsx') {
            const stem = (name ?? 'nhap-tai-lieu').replace(/\.zip$/i, '').replace(/[^A-Za-z0-9._-]/g, '_');
            return reply
              .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
              .header('content-disposition', `attachment; filename="${stem}-bao-cao.xlsx"`)
              .send(await reportWorkbook(report));
          }
          return report;
        } finally {
          await fsp.rm(dir, { recursive: true, force: true });
        }
      },
    );
  });
}
