// Machine APIs of the workflow (issue #7 items 4 and 5; P2), outside /api/v1 like /share:
// their callers are systems, not signed-in people. Every call is signed with the party's
// shared secret from the configuration (LIS_TAX_SECRET, LIS_ONE_STOP_SECRET):
//   X-Lis-Timestamp: unix seconds (within 5 minutes of ours)
//   X-Lis-Signature: sha256=HEX(HMAC-SHA256(secret, `${timestamp}.${METHOD}.${path}.${raw body}`))
// A call without a valid signature is refused (401) and written to the audit log. Creating
// a dossier and recording a notice are idempotent, so a replay within the window changes nothing.
//   POST /exchange/v1/tax/notices                                   the tax notice
//   POST /exchange/v1/tax/payments                                  the payment confirmation
//   POST /exchange/v1/one-stop/:system/dossiers                     create a dossier
//   POST /exchange/v1/one-stop/:system/dossiers/:reference/documents  add documents, each
//        optionally with its scanned file as base64 in the JSON body (so the signature
//        covers the bytes): { type, file: { fileName, contentBase64, containsPersonalData } }
//   GET  /exchange/v1/one-stop/:system/dossiers/:reference          its status
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorResponses, IsoDate, UnitCode } from '../../http/schemas.js';
import { AppError, errors } from '../../kernel/app-error.js';
import { actAs, appendAudit } from '../audit/index.js';
import type { DocumentStore } from '../documents/index.js';
import { verifyWebhook } from '../webhooks/index.js';
import { MAX_PARCELS_PER_DOSSIER, type DossierDeps } from './dossiers.service.js';
import { oneStopActor, oneStopAddDocuments, oneStopCreate, oneStopStatus } from './one-stop.js';
import { recordTaxNotice, recordTaxPayment, TAX_ACTOR } from './tax-exchange.js';

export interface ExchangeRouteDeps extends DossierDeps {
  taxSecret: string | undefined;
  oneStopSecret: string | undefined;
  oneStopWebhookUrl: string | undefined;
  /** where the scans sent with documents go: the documents module's store and upload size limit */
  documents: { store: DocumentStore; maxBytes: number };
}

const MAX_BODY = 256 * 1024;
// calls per minute from one address: ample for a one-stop system, a cap on what a flood of
// unsigned calls can write to the audit log
const LIMIT = { rateLimit: { max: 600, timeWindow: '1 minute' } };
const tags = ['workflow'];
const Any = Type.Object({}, { additionalProperties: true });
const refused = { 401: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse'), ...errorResponses };
const Money = Type.Number({ minimum: 0, maximum: 1e15 });
const System = Type.String({ pattern: '^[a-z0-9_]{2,40}$', description: 'Mã hệ thống một cửa / one-stop system code (dvc_quoc_gia, mot_cua_tinh …)' });
const Reference = Type.String({ pattern: '^[A-Za-z0-9._/-]{1,100}$', description: 'Mã hồ sơ bên hệ thống một cửa / the system\'s dossier reference' });
const DocumentIn = Type.Object({
  type: Type.String({ pattern: '^[a-z_]{2,40}$' }),
  copies: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  note: Type.Optional(Type.String({ maxLength: 300 })),
}, { additionalProperties: false });

const FileIn = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\\\]+$' }),
  contentBase64: Type.String({ minLength: 4, description: 'Nội dung tệp (PDF, JPEG, PNG, TIFF) mã hóa base64 / the file, base64' }),
  containsPersonalData: Type.Boolean({ description: 'Tệp có thông tin cá nhân (khi tải về: cần quyền xem, đóng dấu tên người xem) / has personal data' }),
}, { additionalProperties: false });
const DocumentWithFile = Type.Object({ ...DocumentIn.properties, file: Type.Optional(FileIn) }, { additionalProperties: false });
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The file's bytes; strict base64 (a stray character would silently change them). */
function decodeFile(text: string, index: number): Buffer {
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    throw errors.invalid({ vi: `Tệp của giấy tờ thứ ${index + 1} không phải base64 hợp lệ`, en: `The file of document ${index + 1} is not valid base64` }, { field: `documents/${index}/file/contentBase64` });
  }
  return Buffer.from(text, 'base64');
}

const rawBodies = new WeakMap<FastifyRequest, string>();

function unauthenticated(): AppError {
  return new AppError('UNAUTHENTICATED', { vi: 'Chữ ký của lời gọi không hợp lệ hoặc đã quá hạn', en: 'The call\'s signature is missing, invalid or expired' });
}

export async function registerExchangeRoutes(app: FastifyInstance, deps: ExchangeRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    // the signature covers the body as sent: keep it before parsing
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: MAX_BODY }, (request, body, done) => {
      const text = body as string;
      rawBodies.set(request, text);
      try {
        done(null, text.length ? JSON.parse(text) : {});
      } catch {
        done(errors.invalid({ vi: 'Nội dung không phải JSON hợp lệ', en: 'The body is not valid JSON' }, { field: 'body' }), undefined);
      }
    });

    /** Checks the party's signature before validation (an unsigned caller learns nothing of the format); refusals are audited. */
    const signedBy = (party: 'tax' | 'one_stop') => async (request: FastifyRequest) => {
      const secret = party === 'tax' ? deps.taxSecret : deps.oneStopSecret;
      const header = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : undefined);
      const signed = `${request.method}.${request.url}.${rawBodies.get(request) ?? ''}`;
      const ok = secret !== undefined && verifyWebhook(secret, { timestamp: header('x-lis-timestamp'), signature: header('x-lis-signature') }, signed, deps.clock.now());
      if (ok) return;
      const actor = { id: null, name: `exchange:${party}`, requestId: request.id };
      await actAs(deps.db, actor, (tx) => appendAudit(tx, actor, {
        action: 'exchange.refused', objectType: 'exchange',
        details: { party, method: request.method, path: request.url.slice(0, 300), ip: request.ip, reason: secret === undefined ? 'not configured' : header('x-lis-signature') ? 'bad or expired signature' : 'no signature' },
      }));
      throw unauthenticated();
    };
    const typed = scope.withTypeProvider<TypeBoxTypeProvider>();

    typed.post('/exchange/v1/tax/notices', {
      config: LIMIT,
      preValidation: signedBy('tax'),
      schema: {
        tags, summary: 'Cơ quan thuế gửi thông báo nộp nghĩa vụ tài chính / the tax notice comes back',
        body: Type.Object({
          messageId: Type.String({ format: 'uuid' }), receiptCode: Type.String({ pattern: '^[0-9]{2,5}-[0-9]{6}-[0-9]{4,6}$' }),
          noticeNumber: Type.String({ pattern: '^[A-Za-z0-9._/-]{1,100}$' }), issuedOn: IsoDate,
          landUseFee: Money, registrationFee: Money, personalIncomeTax: Money,
          paymentDueOn: Type.Optional(IsoDate), taxOffice: Type.Optional(Type.String({ maxLength: 300 })),
        }, { additionalProperties: false }),
        response: { 200: Any, ...refused },
      },
    }, async (request) => recordTaxNotice(deps, request.body));

    typed.post('/exchange/v1/tax/payments', {
      config: LIMIT,
      preValidation: signedBy('tax'),
      schema: {
        tags, summary: 'Xác nhận đã nộp nghĩa vụ tài chính: hoàn thành bước thuế / the payment confirmed',
        body: Type.Object({
          noticeNumber: Type.String({ pattern: '^[A-Za-z0-9._/-]{1,100}$' }), paidOn: IsoDate, amount: Money,
          receiptNumber: Type.String({ pattern: '^[A-Za-z0-9._/-]{1,100}$' }),
        }, { additionalProperties: false }),
        response: { 200: Any, ...refused },
      },
    }, async (request) => recordTaxPayment(deps, { ...TAX_ACTOR, requestId: request.id }, request.body));

    const oneStopDeps = { ...deps, webhookUrl: deps.oneStopWebhookUrl };
    typed.post('/exchange/v1/one-stop/:system/dossiers', {
      config: LIMIT,
      preValidation: signedBy('one_stop'),
      schema: {
        tags, summary: 'Hệ thống một cửa gửi hồ sơ (gửi lại cùng mã: trả hồ sơ đã tạo) / a one-stop system sends a dossier',
        params: Type.Object({ system: System }),
        body: Type.Object({
          reference: Reference,
          procedureCode: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' }),
          unitCode: UnitCode,
          applicant: Type.Object({
            fullName: Type.String({ minLength: 2, maxLength: 300 }),
            idNumber: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{6,20}$' })),
            phone: Type.Optional(Type.String({ pattern: '^[0-9+ ]{6,20}$' })),
            address: Type.Optional(Type.String({ maxLength: 300 })),
          }, { additionalProperties: false }),
          parcels: Type.Array(Type.Object({
            unitCode: UnitCode, sheetNumber: Type.Integer({ minimum: 1, maximum: 9999 }), parcelNumber: Type.Integer({ minimum: 1, maximum: 99999 }),
          }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_PARCELS_PER_DOSSIER }),
          forms: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' }), Type.Unknown()),
          documents: Type.Array(DocumentIn, { maxItems: 50 }),
          disadvantagedCommune: Type.Optional(Type.Boolean()),
        }, { additionalProperties: false }),
        response: { 200: Any, 201: Any, ...refused },
      },
    }, async (request, reply) => {
      const { reference, ...input } = request.body;
      const result = await oneStopCreate(oneStopDeps, request.params.system, reference, input, request.id);
      return reply.status(result.created ? 201 : 200).send(result.dossier);
    });

    typed.post('/exchange/v1/one-stop/:system/dossiers/:reference/documents', {
      config: LIMIT,
      // the files of one call together within the upload size limit, as base64 (4 characters per 3 bytes)
      bodyLimit: Math.ceil(deps.documents.maxBytes / 3) * 4 + MAX_BODY,
      preValidation: signedBy('one_stop'),
      schema: {
        tags, summary: 'Bổ sung giấy tờ (kèm tệp quét nếu có) vào hồ sơ / add documents, with their scanned files', params: Type.Object({ system: System, reference: Reference }),
        body: Type.Object({ documents: Type.Array(DocumentWithFile, { minItems: 1, maxItems: 50 }) }, { additionalProperties: false }),
        response: { 200: Any, 413: Type.Ref('ErrorResponse'), ...refused },
      },
    }, async (request) => {
      const documents = request.body.documents.map(({ file, ...entry }, i) => (file
        ? { ...entry, file: { fileName: file.fileName, containsPersonalData: file.containsPersonalData, bytes: decodeFile(file.contentBase64, i) } }
        : entry));
      return oneStopAddDocuments(deps, request.params.system, request.params.reference, documents, oneStopActor(request.params.system, request.id).requestId);
    });

    typed.get('/exchange/v1/one-stop/:system/dossiers/:reference', {
      config: LIMIT,
      preValidation: signedBy('one_stop'),
      schema: { tags, summary: 'Tình trạng hồ sơ / status of a dossier', params: Type.Object({ system: System, reference: Reference }), response: { 200: Any, ...refused } },
    }, async (request) => oneStopStatus(deps, request.params.system, request.params.reference));
  });
}
