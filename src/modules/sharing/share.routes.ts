// The machine side of data sharing, outside /api/v1: the OAuth 2.0 token endpoint
// (/oauth/token) and the default sharing services (/share/v1/...) with their published
// schemas, OpenAPI document and the server's public keys. Consumers authenticate with
// access tokens (share-gateway.ts), never with session cookies.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.js';
import { errors } from '../../kernel/app-error.js';
import { listServices, receiptOf } from './exchange.repo.js';
import { issueToken, OAuthError } from './oauth.service.js';
import { shareOpenApi } from './share-openapi.js';
import { registerShareGateway, shareCall } from './share-gateway.routes.js';
import { CertificateRequestV1, DateQueryV1, HolderParcelsRequestV1, IocIndicatorsRequestV1, ParcelChangesRequestV1, ParcelKeyV1, PUBLISHED, publishedSchema, UnitStatisticsRequestV1 } from './share-schemas.js';
import * as service from './share.service.js';
import * as requests from './requests.service.js';
import { RequestFieldsIn } from './sharing.routes.js';
import type { KeyRing } from './signing-keys.js';

export interface ShareDeps {
  db: Database;
  clock: { now(): Date };
  keys: KeyRing;
  tokenTtlSeconds: number;
}

const MAX_FORM_BYTES = 4096;

/** RFC 6749 §2.3.1: HTTP Basic with the form-urlencoded client id and secret. */
function basicCredentials(request: FastifyRequest): { id: string; secret: string } | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]{1,1000})$/.exec(request.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function registerTokenRoute(app: FastifyInstance, deps: ShareDeps): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: MAX_FORM_BYTES }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.post('/oauth/token', {
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      tags: ['sharing'], summary: 'Cấp mã truy cập cho bên khai thác (OAuth 2.0 client credentials) / consumer access token',
      consumes: ['application/x-www-form-urlencoded'],
      body: Type.Object({
        grant_type: Type.String({ maxLength: 40 }),
        client_id: Type.Optional(Type.String({ maxLength: 64 })),
        client_secret: Type.Optional(Type.String({ maxLength: 200 })),
        scope: Type.Optional(Type.String({ maxLength: 1000 })),
      }),
    },
    attachValidation: true,
  }, async (request, reply) => {
    // RFC 6749 §5.1-5.2: no caching, errors in the OAuth shape (clients' libraries expect it)
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const fail = (status: number, error: OAuthError) => {
      if (error.error === 'invalid_client') void reply.header('www-authenticate', 'Basic realm="lis-share"');
      return reply.status(status).send({ error: error.error, error_description: error.description });
    };
    if (request.validationError) return fail(400, new OAuthError('invalid_request', request.validationError.message));
    const body = request.body as { grant_type: string; client_id?: string; client_secret?: string; scope?: string };
    if (body.grant_type !== 'client_credentials') return fail(400, new OAuthError('unsupported_grant_type', 'Only client_credentials is supported'));
    const basic = basicCredentials(request);
    const id = basic?.id ?? body.client_id;
    const secret = basic?.secret ?? body.client_secret;
    if (!id || !secret) return fail(401, new OAuthError('invalid_client', 'Client credentials are required (HTTP Basic or client_id and client_secret)'));
    try {
      return await issueToken({ db: deps.db, clock: deps.clock, keys: deps.keys, ttlSeconds: deps.tokenTtlSeconds }, id, secret, body.scope);
    } catch (error) {
      if (error instanceof OAuthError) return fail(error.error === 'invalid_client' ? 401 : 400, error);
      throw error;
    }
  });
}

const date = (query: { date?: string | undefined }, now: Date) => query.date ?? service.vietnamDay(now);
const tags = ['sharing'];

function registerServices(share: FastifyInstance, deps: ShareDeps): void {
  const typed = share.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  typed.get('/.well-known/jwks.json', { config: { share: 'public' }, schema: { tags, summary: 'Khóa công khai của máy chủ (JWKS) / server public keys' } },
    async () => deps.keys.jwks());
  typed.get('/v1/services', { config: { share: 'public' }, schema: { tags, summary: 'Danh mục dịch vụ chia sẻ mặc định / default sharing services' } },
    async () => ({ services: await listServices(db) }));
  typed.get('/v1/schemas/:file', {
    config: { share: 'public' },
    schema: { tags, summary: 'Cấu trúc trao đổi đã công bố (JSON Schema) / published exchange structure', params: Type.Object({ file: Type.String({ pattern: '^[a-z-]{3,40}\\.json$' }) }) },
  }, async (request) => {
    const code = request.params.file.replace(/\.json$/, '');
    const published = PUBLISHED.find((p) => p.code === code && p.version === 1);
    if (!published) throw errors.notFound({ vi: `cấu trúc trao đổi ${code} v1`, en: `Exchange structure ${code} v1` }, { field: 'file' });
    return publishedSchema(published);
  });
  typed.get('/v1/openapi.json', { config: { share: 'public' }, schema: { tags, summary: 'OpenAPI của /share / OpenAPI document of /share' } },
    async () => shareOpenApi(1));

  const ParcelQuery = { params: ParcelKeyV1 };
  typed.get('/v1/parcels/:unitCode/:sheetNumber/:parcelNumber', {
    config: { share: { service: 'parcel-info', version: 1 } },
    schema: { tags, summary: 'Thông tin thửa đất / parcel information', ...ParcelQuery },
  }, async (request) => {
    const call = shareCall(request);
    const answer = await service.parcelInfo(db, call.caller, request.params);
    call.records = 1;
    call.personalData = !answer.masked && answer.holders.length > 0;
    return answer;
  });
  typed.get('/v1/parcels/by-code/:nationalCode', {
    config: { share: { service: 'parcel-info', version: 1 } },
    schema: { tags, summary: 'Thông tin thửa đất theo mã định danh / parcel information by national code', params: Type.Object({ nationalCode: Type.String({ pattern: '^[0-9b-hjkmnp-z]{12}$' }) }, { additionalProperties: false }) },
  }, async (request) => {
    const call = shareCall(request);
    const answer = await service.parcelInfoByNationalCode(db, call.caller, request.params.nationalCode);
    call.records = 1;
    call.personalData = !answer.masked && answer.holders.length > 0;
    return answer;
  });
  typed.get('/v1/parcels/:unitCode/:sheetNumber/:parcelNumber/planning', {
    config: { share: { service: 'parcel-planning', version: 1 } },
    schema: { tags, summary: 'Quy hoạch của thửa đất / planning of a parcel', ...ParcelQuery, querystring: DateQueryV1 },
  }, async (request) => {
    const call = shareCall(request);
    const answer = await service.planningOfParcel(db, call.caller, request.params, date(request.query, call.caller.now));
    call.records = answer.plans.length;
    return answer;
  });
  typed.get('/v1/parcels/:unitCode/:sheetNumber/:parcelNumber/price', {
    config: { share: { service: 'parcel-price', version: 1 } },
    schema: { tags, summary: 'Giá đất của thửa đất / land price of a parcel', ...ParcelQuery, querystring: DateQueryV1 },
  }, async (request) => {
    const call = shareCall(request);
    const answer = await service.priceOfParcel(db, call.caller, request.params, date(request.query, call.caller.now));
    call.records = 1;
    return answer;
  });
  typed.get('/v1/certificates/:serial', {
    config: { share: { service: 'certificate-status', version: 1 } },
    schema: { tags, summary: 'Tình trạng Giấy chứng nhận / certificate status', params: CertificateRequestV1 },
  }, async (request) => {
    const call = shareCall(request);
    const answer = await service.certificateStatus(db, call.caller, request.params.serial);
    call.records = 1;
    call.personalData = !answer.masked && answer.holders.length > 0;
    return answer;
  });
  typed.get('/v1/statistics/:unitCode', {
    config: { share: { service: 'unit-statistics', version: 1 } },
    schema: { tags, summary: 'Thống kê đất đai 01/TKKK của đơn vị / land statistics of a unit', params: UnitStatisticsRequestV1, querystring: DateQueryV1 },
  }, async (request) => {
    const call = shareCall(request);
    const answer = await service.unitStatistics(db, call.caller, request.params.unitCode, date(request.query, call.caller.now));
    call.records = answer.rows.length;
    return answer;
  });
  typed.post('/v1/parcels/search', {
    config: { share: { service: 'holder-parcels', version: 1 } },
    schema: { tags, summary: 'Thửa đất của người sử dụng đất theo số giấy tờ (trong nội dung) / parcels of a land user by ID number (in the body)', body: HolderParcelsRequestV1 },
  }, async (request) => {
    const call = shareCall(request);
    const answer = await service.holderParcels(db, call.caller, request.body.idNumber, request.body.limit ?? 20);
    call.records = answer.parcels.length;
    call.personalData = answer.parcels.length > 0;
    return answer;
  });
  typed.get('/v1/ioc/indicators', {
    config: { share: { service: 'ioc-indicators', version: 1 } },
    schema: { tags, summary: 'Chỉ tiêu cho Trung tâm điều hành thông minh / indicators for the operations centre (IOC)', querystring: IocIndicatorsRequestV1 },
  }, async (request) => {
    const call = shareCall(request);
    const answer = await service.iocIndicators(db, call.caller, request.query);
    call.records = 1;
    return answer;
  });
  typed.get('/v1/changes', {
    config: { share: { service: 'parcel-changes', version: 1 } },
    schema: { tags, summary: 'Biến động đất đai từ một ngày, đọc theo trang / land changes since a date, paged by cursor', querystring: ParcelChangesRequestV1 },
  }, async (request) => {
    const call = shareCall(request);
    const answer = await service.parcelChanges(db, call.caller, request.query);
    call.records = answer.changes.length;
    return answer;
  });
  // special requests (Art. 4.3): filed by the consumer, decided by an officer, delivered by link
  typed.post('/v1/requests', {
    config: { share: { version: 1 } },
    schema: { tags, summary: 'Gửi yêu cầu chia sẻ theo yêu cầu riêng / file a special sharing request', body: RequestFieldsIn },
  }, async (request, reply) => {
    const call = shareCall(request);
    const filed = await requests.fileRequest(deps, call.caller.actor, { consumerId: call.caller.consumer.id, agency: call.caller.consumer.agency }, { ...request.body, landUseCodes: request.body.landUseCodes ?? null });
    call.records = 1;
    return reply.status(201).send(filed);
  });
  typed.get('/v1/requests/:id', {
    config: { share: { version: 1 } },
    schema: { tags, summary: 'Tình trạng yêu cầu và đường dẫn tải / request status and download link', params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
  }, async (request) => {
    const call = shareCall(request);
    const found = await requests.getRequest(deps, request.params.id, call.caller.consumer.id);
    call.records = 1;
    const { filedBy: _f, decidedBy: _d, ...visible } = found;
    return visible;
  });
  // a wildcard: the signed token is longer than a route parameter may be (100 characters)
  typed.get('/v1/deliveries/*', {
    config: { share: 'public' },
    schema: { tags, summary: 'Tải dữ liệu đã được duyệt (đường dẫn có hạn) / download an approved extract (expiring link)', params: Type.Object({ '*': Type.String({ pattern: '^[A-Za-z0-9._-]{20,2000}$' }) }) },
  }, async (request, reply) => {
    const file = await requests.download(deps, request.params['*']);
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).header('cache-control', 'no-store').send(file.content);
  });
  typed.get('/v1/receipts/:id', {
    config: { share: { version: 1 } },
    schema: { tags, summary: 'Biên nhận đã ký của một lần trao đổi / signed receipt of an exchange', params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
  }, async (request) => {
    const call = shareCall(request);
    const receipt = await receiptOf(db, request.params.id, call.caller.consumer.id);
    if (!receipt) throw errors.notFound({ vi: `biên nhận ${request.params.id}`, en: `Receipt ${request.params.id}` }, { field: 'id' });
    call.records = 1;
    return { id: request.params.id, receipt };
  });
}

export async function registerShareRoutes(app: FastifyInstance, deps: ShareDeps): Promise<void> {
  await app.register(async (oauth) => registerTokenRoute(oauth, deps));
  await app.register(async (share) => {
    registerShareGateway(share, deps);
    registerServices(share, deps);
  }, { prefix: '/share' });
}
