// Scanned documents over HTTP (S-SCAN, issue #9): multipart upload (metadata fields
// first, then the file; streamed to the store, never buffered whole), new versions,
// lists by record, metadata, streamed download, and the integrity check. There is no
// route by hash: a document is reached by its id, and only through its links' units.
import multipart from '@fastify/multipart';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type as T, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { Database } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { BilingualText, errorResponses } from '../../http/schemas.js';
import { covers } from '../accounts/index.js';
import { tooLarge, type DocumentStore } from './document-store.js';
import { listDocumentTypes } from './documents.repo.js';
import { addVersion, getDocument, listDocuments, listVersions, openContent, uploadDocument, type DocumentCaller } from './documents.service.js';
import { lastIntegrityReport, runIntegrityCheck } from './integrity.service.js';
import { registerBulkImportRoute } from './bulk-import.routes.js';

const tags = ['documents'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
/** GCN serial, as in the cadastre's routes (Thông tư 10/2024/TT-BTNMT). */
const CertificateSerial = Type.String({ pattern: '^[A-Z]{2}[0-9]{6,8}$', description: 'Số phát hành Giấy chứng nhận / certificate serial' });

/** The metadata fields of an upload (multipart text fields, checked like a body). */
/** multipart fields are checked with TypeBox's Value (no format registry): patterns only */
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UploadFields = T.Object(
  {
    documentType: T.String({ pattern: '^[a-z_]{2,40}$', description: 'Mã loại tài liệu (GET /document-types) / document type code' }),
    title: T.String({ minLength: 1, maxLength: 500, description: 'Trích yếu / title' }),
    number: T.Optional(T.String({ minLength: 1, maxLength: 100, description: 'Số văn bản / number' })),
    issuedOn: T.Optional(T.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', description: 'YYYY-MM-DD' })),
    issuer: T.Optional(T.String({ minLength: 1, maxLength: 300, description: 'Cơ quan ban hành / issuer' })),
    containsPersonalData: T.Boolean({ description: 'Có thông tin cá nhân (Nghị định 13/2023) / holds personal data' }),
    parcelUid: T.Optional(T.String({ pattern: UUID })),
    certificateSerial: T.Optional(T.String({ pattern: '^[A-Z]{2}[0-9]{6,8}$' })),
    changeId: T.Optional(T.String({ pattern: UUID })),
    partyId: T.Optional(T.String({ pattern: UUID })),
    accountId: T.Optional(T.String({ pattern: UUID })),
    dossierRef: T.Optional(T.String({ minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f]+$' })),
    unitCode: T.Optional(T.String({ pattern: '^[0-9]{2,5}$' })),
  },
  { additionalProperties: false },
);
const VersionFields = T.Partial(T.Pick(UploadFields, ['documentType', 'title', 'number', 'issuedOn', 'issuer', 'containsPersonalData']), { additionalProperties: false });

const DocumentOut = Type.Object({
  id: Uuid,
  documentUid: Type.String({ format: 'uuid', description: 'Định danh tài liệu qua các phiên bản / identity across versions' }),
  version: Type.Integer(),
  documentType: Type.String(),
  number: Nullable(Type.String()),
  issuedOn: Nullable(Type.String()),
  issuer: Nullable(Type.String()),
  title: Type.String(),
  pages: Nullable(Type.Integer({ description: 'Số trang (null: không đếm được) / pages (null: unknown)' })),
  mediaType: Type.String({ description: 'Theo nội dung tệp / from the file content' }),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  fileName: Nullable(Type.String()),
  containsPersonalData: Type.Boolean(),
  uploadedBy: Nullable(Type.String()),
  uploadedByName: Nullable(Type.String({ description: 'Họ tên người tải lên / uploader\'s name' })),
  uploadedAt: Type.String(),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
  links: Type.Array(Type.Object({ kind: Type.String(), ref: Type.String(), unitCode: Type.String() })),
});

const IntegrityOut = Type.Object({
  ok: Type.Boolean(),
  checkedAt: Type.String(),
  store: Type.String(),
  referenced: Type.Integer(),
  verified: Type.Integer(),
  missing: Type.Array(Type.Object({ sha256: Type.String(), documents: Type.Integer() })),
  altered: Type.Array(Type.Object({ sha256: Type.String(), actualSha256: Type.String(), size: Type.Integer(), documents: Type.Integer() })),
  unreferenced: Type.Array(Type.Object({ sha256: Type.String(), size: Type.Integer() })),
  listLimit: Type.Integer(),
  counts: Type.Object({ missing: Type.Integer(), altered: Type.Integer(), unreferenced: Type.Integer() }),
});

const denied = { 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse') };

export interface DocumentRouteDeps {
  db: Database;
  clock: Clock;
  store: DocumentStore;
  /** largest accepted file in bytes */
  maxBytes: number;
  /** largest zip of a bulk import in bytes (default bulk-import.routes.ts DEFAULT_BULK_ZIP_MAX_BYTES) */
  bulkMaxBytes?: number | undefined;
}

function callerOf(request: FastifyRequest): DocumentCaller {
  const auth = request.auth;
  return {
    actor: request.actor,
    may: (permission, unitId) => covers(auth, permission, unitId),
    viewer: auth ? { fullName: auth.fullName, username: auth.username } : undefined,
  };
}

function fieldsError(schema: TSchema, value: unknown): AppError {
  const first = Value.Errors(schema, value).First();
  const field = first?.path.replace(/^\//, '') || 'fields';
  return errors.invalid(
    { vi: `Trường "${field}" của biểu mẫu tải lên không hợp lệ`, en: `Upload form field "${field}" is invalid: ${first?.message ?? 'invalid'}` },
    { field },
  );
}

/** Multipart errors as AppErrors: the size limit is 413, the others a bad request naming the limit. */
function multipartError(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (typeof code === 'string' && /^FST_(FILES|FIELDS|PARTS)_LIMIT$|^FST_INVALID_MULTIPART/.test(code)) {
    return errors.invalid({ vi: 'Biểu mẫu tải lên không hợp lệ: chỉ một tệp, tối đa 30 trường', en: `Invalid upload form (${code}): one file and at most 30 fields` }, { field: 'form' });
  }
  return error;
}

/**
 * Reads the text fields up to the file, checks them, and hands the file stream to `use`.
 * Fields after the file are not read (the form must put the file last).
 */
async function withUpload<S extends TSchema, R>(
  request: FastifyRequest,
  schema: S,
  maxBytes: number,
  use: (fields: Static<S>, file: Readable, fileName: string) => Promise<R>,
): Promise<R> {
  if (!request.isMultipart()) {
    throw errors.invalid({ vi: 'Cần gửi dạng multipart/form-data với tệp ở trường "file"', en: 'Send multipart/form-data with the file in field "file"' }, { field: 'file' });
  }
  const raw: Record<string, unknown> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'file') throw errors.invalid({ vi: 'Trường "file" phải là tệp', en: 'Field "file" must be a file' }, { field: 'file' });
        if (part.valueTruncated) throw errors.invalid({ vi: `Trường "${part.fieldname}" quá dài`, en: `Field "${part.fieldname}" is too long` }, { field: part.fieldname });
        raw[part.fieldname] = part.fieldname === 'containsPersonalData' ? part.value === 'true' || (part.value === 'false' ? false : part.value) : part.value;
        continue;
      }
      if (part.fieldname !== 'file') throw errors.invalid({ vi: `Tệp phải ở trường "file", không phải "${part.fieldname}"`, en: `The file must be in field "file", not "${part.fieldname}"` }, { field: part.fieldname });
      if (!Value.Check(schema, raw)) {
        part.file.resume();
        throw fieldsError(schema, raw);
      }
      return await use(raw as Static<S>, part.file, part.filename);
    }
  } catch (error) {
    throw multipartError(error, maxBytes);
  }
  throw errors.invalid({ vi: 'Thiếu tệp (trường "file", đặt sau các trường thông tin)', en: 'The file is missing (field "file", after the metadata fields)' }, { field: 'file' });
}

export function registerDocumentRoutes(app: FastifyInstance, deps: DocumentRouteDeps): void {
  const service = { db: deps.db, clock: deps.clock, store: deps.store, maxBytes: deps.maxBytes };
  registerBulkImportRoute(app, { ...service, bulkMaxBytes: deps.bulkMaxBytes });
  // multipart only for these routes (its own scope); the file limit is enforced by the store too
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: deps.maxBytes + 1, files: 1, fields: 30, fieldSize: 4096, parts: 31, headerPairs: 100 },
    });
    const typed = scope.withTypeProvider<TypeBoxTypeProvider>();

    typed.post(
      '/documents',
      {
        // scoped in the service, on the unit of the linked record
        config: { permission: 'cadastre.edit' },
        schema: {
          tags,
          summary: 'Tải lên tài liệu quét (multipart: các trường thông tin trước, tệp ở trường "file" sau cùng) / upload a scanned document (metadata fields first, the file last)',
          consumes: ['multipart/form-data'],
          response: { 201: DocumentOut, ...denied, 413: Type.Ref('ErrorResponse'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const doc = await withUpload(request, UploadFields, deps.maxBytes, (f, file, fileName) =>
          uploadDocument(service, callerOf(request), {
            documentType: f.documentType, title: f.title, number: f.number, issuedOn: f.issuedOn, issuer: f.issuer,
            containsPersonalData: f.containsPersonalData, fileName,
            link: { parcelUid: f.parcelUid, certificateSerial: f.certificateSerial, changeId: f.changeId, partyId: f.partyId, accountId: f.accountId, dossierRef: f.dossierRef, unitCode: f.unitCode },
          }, file),
        );
        return reply.status(201).send(doc);
      },
    );

    typed.post(
      '/documents/:uid/versions',
      {
        config: { permission: 'cadastre.edit' },
        schema: {
          tags,
          summary: 'Phiên bản mới của tài liệu (phiên bản cũ kết thúc, không bị ghi đè) / a new version (the old one ends, never overwritten)',
          consumes: ['multipart/form-data'],
          params: Type.Object({ uid: Uuid }),
          response: { 201: DocumentOut, ...denied, 413: Type.Ref('ErrorResponse'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const doc = await withUpload(request, VersionFields, deps.maxBytes, (f, file, fileName) =>
          addVersion(service, callerOf(request), request.params.uid, { ...f, fileName }, file),
        );
        return reply.status(201).send(doc);
      },
    );
  });

  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    '/document-types',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Danh mục loại tài liệu / document types',
        response: { 200: Type.Array(Type.Object({ code: Type.String(), name: BilingualText })), ...denied, ...errorResponses },
      },
    },
    async () => (await listDocumentTypes(deps.db)).map((t) => ({ code: t.code, name: { vi: t.nameVi, en: t.nameEn } })),
  );

  typed.get(
    '/documents',
    {
      // scoped in the service: only documents with a link in the caller's units are listed
      config: { permission: 'cadastre.read' },
      schema: {
        tags,
        summary: 'Tài liệu của một thửa (parcel_uid), Giấy chứng nhận (số phát hành) hoặc biến động / documents of a parcel, certificate or change',
        querystring: Type.Object(
          {
            parcel: Type.Optional(Uuid),
            certificate: Type.Optional(CertificateSerial),
            change: Type.Optional(Uuid),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ documents: Type.Array(DocumentOut) }), ...denied, ...errorResponses },
      },
    },
    async (request) => {
      const { parcel, certificate, change, limit } = request.query;
      const given = [parcel, certificate, change].filter((v) => v !== undefined);
      if (given.length !== 1) {
        throw errors.invalid({ vi: 'Cần đúng một trong parcel, certificate, change', en: 'Exactly one of parcel, certificate, change is needed' }, { field: 'querystring' });
      }
      const filter = parcel ? { parcel } : certificate ? { certificate } : { change: change! };
      return { documents: await listDocuments(service, callerOf(request), filter, limit) };
    },
  );

  typed.get(
    '/documents/:id',
    {
      config: { permission: 'cadastre.read' },
      schema: {
        tags,
        summary: 'Thông tin một phiên bản tài liệu / metadata of a document version',
        params: Type.Object({ id: Uuid }),
        response: { 200: DocumentOut, ...denied, ...errorResponses },
      },
    },
    async (request) => getDocument(service, callerOf(request), request.params.id),
  );

  typed.get(
    '/documents/:uid/versions',
    {
      config: { permission: 'cadastre.read' },
      schema: {
        tags,
        summary: 'Mọi phiên bản của một tài liệu, cũ trước / every version of a document, oldest first',
        params: Type.Object({ uid: Uuid }),
        response: { 200: Type.Object({ versions: Type.Array(DocumentOut) }), ...denied, ...errorResponses },
      },
    },
    async (request) => ({ versions: await listVersions(service, callerOf(request), request.params.uid) }),
  );

  typed.get(
    '/documents/:id/content',
    {
      config: { permission: 'cadastre.read' },
      schema: {
        tags,
        summary:
          'Tải tệp tài liệu; tài liệu có thông tin cá nhân: cần cadastre.read_personal, được ghi nhật ký, và nhận bản PDF đóng dấu tên người xem (x-lis-watermarked: 1) ' +
          '/ download the file; personal data: needs cadastre.read_personal, logged, and comes as a PDF copy stamped with the viewer\'s name (x-lis-watermarked: 1)',
        params: Type.Object({ id: Uuid }),
        response: { ...denied, 503: Type.Ref('ErrorResponse'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const content = await openContent(service, callerOf(request), request.params.id).catch((error: unknown) => {
        // a copy that could not be stamped (encrypted or damaged original) is logged for the administrators
        if (error instanceof AppError && error.details?.watermark) request.log.warn({ err: error, document: request.params.id }, 'watermark refused');
        throw error;
      });
      if (content.watermarkedFrom) reply.header('x-lis-watermarked', '1').header('x-lis-original-sha256', content.watermarkedFrom);
      return reply
        .header('content-type', content.mediaType)
        .header('content-length', String(content.size))
        .header('etag', `"${content.sha256}"`)
        .header('content-disposition', content.disposition)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(content.stream);
    },
  );

  typed.get(
    '/admin/documents/integrity',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['administration'],
        summary: 'Kết quả kiểm tra toàn vẹn tài liệu quét gần nhất / the last integrity report of the scanned documents',
        response: { 200: IntegrityOut, ...denied, ...errorResponses },
      },
    },
    async () => {
      const report = await lastIntegrityReport(deps.db);
      if (!report) throw errors.notFound({ vi: 'báo cáo kiểm tra toàn vẹn (chưa chạy lần nào)', en: 'Integrity report (never run)' });
      return report;
    },
  );

  typed.post(
    '/admin/documents/integrity',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['administration'],
        summary: 'Chạy kiểm tra toàn vẹn: tính lại mã băm mọi tệp, báo tệp thiếu, bị sửa, không thuộc tài liệu nào / run the integrity check',
        response: { 200: IntegrityOut, ...denied, ...errorResponses },
      },
    },
    async (request) => runIntegrityCheck({ db: deps.db, clock: deps.clock, store: deps.store }, request.actor),
  );
}
