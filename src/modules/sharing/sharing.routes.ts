// Administration of data sharing under /api/v1/sharing (S-SHARE, O5, U4): consumers and
// their secrets, the service catalogue's retirements, the signing key rotation
// (sharing.manage), and usage per consumer and service (reports.read, for the reports).
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { errors } from '../../kernel/app-error.js';
import { errorResponses, IsoDate, UnitCode } from '../../http/schemas.js';
import * as consumers from './consumers.service.js';
import { listServices } from './exchange.repo.js';
import { sharingUsage } from './usage.service.js';
import type { KeyRing } from './signing-keys.js';
import * as requests from './requests.service.js';
import { setWebhook } from './webhooks.service.js';

export interface SharingAdminDeps {
  db: Database;
  clock: { now(): Date };
  keys: KeyRing;
}

const tags = ['sharing'];
const MANAGE = 'sharing.manage';
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const denied = { 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse'), ...errorResponses };
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601' });
const ServiceCode = Type.String({ pattern: '^[a-z][a-z-]{2,40}$' });

const ConsumerFields = {
  agency: Type.String({ minLength: 2, maxLength: 300, description: 'Cơ quan, tổ chức khai thác / consuming agency' }),
  contact: Type.Object({
    name: Type.String({ minLength: 2, maxLength: 200 }),
    email: Nullable(Type.String({ maxLength: 200, format: 'email' })),
    phone: Nullable(Type.String({ maxLength: 30, pattern: '^[0-9 +().-]*$' })),
  }, { additionalProperties: false }),
  decision: Type.Object({
    number: Type.String({ minLength: 1, maxLength: 100, description: 'Số văn bản cho phép khai thác / number of the granting decision' }),
    date: IsoDate,
    issuer: Type.String({ minLength: 2, maxLength: 300 }),
  }, { additionalProperties: false }),
  services: Type.Array(ServiceCode, { minItems: 1, maxItems: 50, uniqueItems: true }),
  unitCodes: Type.Array(UnitCode, { minItems: 1, maxItems: 500, uniqueItems: true, description: 'Đơn vị được khai thác (gồm cấp dưới và đơn vị kế thừa) / units granted, with their descendants and lineage' }),
  personalData: Type.Boolean({ description: 'Được khai thác dữ liệu cá nhân / may read personal data' }),
  ratePerMinute: Type.Integer({ minimum: 1, maximum: 100000 }),
  validFrom: Instant,
  validTo: Nullable(Instant),
};
const ConsumerIn = Type.Object({ clientId: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,63}$' }), ...ConsumerFields }, { additionalProperties: false });
const ConsumerChange = Type.Object({ ...ConsumerFields, status: Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('revoked')]) }, { additionalProperties: false });

/** What a special request asks for (the same from a consumer and from an officer). */
export const RequestFieldsIn = Type.Object({
  purpose: Type.String({ minLength: 3, maxLength: 1000, description: 'Mục đích sử dụng dữ liệu / purpose' }),
  unitCode: UnitCode,
  asOf: IsoDate,
  landUseCodes: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{3}$' }), { maxItems: 50, uniqueItems: true })),
  format: Type.Union([Type.Literal('geojson'), Type.Literal('xlsx')]),
}, { additionalProperties: false });

export function registerSharingRoutes(api: FastifyInstance, deps: SharingAdminDeps): void {
  const typed = api.withTypeProvider<TypeBoxTypeProvider>();

  typed.get('/sharing/consumers', { config: { permission: MANAGE }, schema: { tags, summary: 'Bên khai thác dữ liệu / data consumers', response: { ...denied } } },
    async () => ({ consumers: await consumers.listConsumers(deps.db) }));
  typed.post('/sharing/consumers', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Đăng ký bên khai thác (khóa bí mật chỉ hiện một lần) / register a consumer (secret shown once)', body: ConsumerIn, response: { ...denied } },
  }, async (request, reply) => {
    const body = request.body;
    const created = await consumers.registerConsumer(deps, request.actor, { ...body, contact: body.contact, validTo: body.validTo });
    return reply.status(201).send(created);
  });
  typed.get('/sharing/consumers/:id', { config: { permission: MANAGE }, schema: { tags, summary: 'Một bên khai thác / one consumer', params: Id, response: { ...denied } } },
    async (request) => consumers.getConsumer(deps, request.params.id));
  typed.put('/sharing/consumers/:id', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Sửa quyền khai thác, tạm dừng, thu hồi / change, suspend or revoke a consumer', params: Id, body: ConsumerChange, response: { ...denied } },
  }, async (request) => consumers.changeConsumer(deps, request.actor, request.params.id, request.body));
  typed.post('/sharing/consumers/:id/secrets', {
    config: { permission: MANAGE },
    schema: {
      tags, summary: 'Thêm khóa bí mật mới để xoay vòng (tối đa 2 đang dùng) / add a secret for rotation (at most 2 active)', params: Id,
      body: Type.Object({ label: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }), response: { ...denied },
    },
  }, async (request, reply) => reply.status(201).send(await consumers.addSecret(deps, request.actor, request.params.id, request.body.label)));
  typed.post('/sharing/consumers/:id/secrets/:secretId/retire', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Thu hồi khóa bí mật cũ / retire a secret', params: Type.Object({ id: Type.String({ format: 'uuid' }), secretId: Type.String({ format: 'uuid' }) }), response: { ...denied } },
  }, async (request, reply) => {
    await consumers.retireSecret(deps, request.actor, request.params.id, request.params.secretId);
    return reply.status(204).send();
  });
  typed.put('/sharing/consumers/:id/webhook', {
    config: { permission: MANAGE },
    schema: {
      tags, summary: 'Đăng ký webhook báo biến động (khóa ký chỉ hiện một lần); url null để tắt / register the change webhook (secret shown once); null url turns it off', params: Id,
      body: Type.Object({ url: Nullable(Type.String({ pattern: '^https?://[^\\s]{3,490}$' })), since: IsoDate }, { additionalProperties: false }), response: { ...denied },
    },
  }, async (request) => setWebhook(deps, request.actor, request.params.id, request.body));
  typed.get('/sharing/services', { config: { permission: MANAGE }, schema: { tags, summary: 'Danh mục dịch vụ và phiên bản / services and versions', response: { ...denied } } },
    async () => ({ services: await listServices(deps.db) }));
  typed.put('/sharing/services/:code/:version/retirement', {
    config: { permission: MANAGE },
    schema: {
      tags, summary: 'Ngừng một phiên bản dịch vụ (410 từ thời điểm đó) / retire a service version (410 from then on)',
      params: Type.Object({ code: ServiceCode, version: Type.Integer({ minimum: 1, maximum: 99 }) }),
      body: Type.Object({ retiredAt: Nullable(Instant) }, { additionalProperties: false }), response: { ...denied },
    },
  }, async (request, reply) => {
    const { retiredAt } = request.body;
    await consumers.setServiceRetirement(deps, request.actor, request.params.code, request.params.version, retiredAt === null ? null : new Date(retiredAt));
    return reply.status(204).send();
  });
  typed.post('/sharing/signing-keys/rotate', {
    config: { permission: MANAGE },
    schema: {
      tags, summary: 'Xoay vòng khóa ký của máy chủ (khóa cũ vẫn dùng để kiểm tra) / rotate the server signing key (the old one still verifies)',
      body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500, description: 'Lý do / reason (audited)' }) }, { additionalProperties: false }), response: { ...denied },
    },
  }, async (request) => consumers.rotateSigningKey(deps, deps.keys, request.actor, request.body.reason));
  typed.get('/sharing/requests', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Yêu cầu chia sẻ theo yêu cầu riêng / special sharing requests', querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false }), response: { ...denied } },
  }, async (request) => ({ requests: await requests.listRequests(deps.db, request.query.limit ?? 100) }));
  typed.post('/sharing/requests', {
    config: { permission: MANAGE },
    schema: {
      tags, summary: 'Ghi nhận yêu cầu của một cơ quan / file a request for an agency',
      body: Type.Object({ agency: Type.String({ minLength: 2, maxLength: 300 }), ...RequestFieldsIn.properties }, { additionalProperties: false }), response: { ...denied },
    },
  }, async (request, reply) => {
    const { agency, ...fields } = request.body;
    return reply.status(201).send(await requests.fileRequest(deps, request.actor, { accountId: request.actor.id!, agency }, { ...fields, landUseCodes: fields.landUseCodes ?? null }));
  });
  typed.get('/sharing/requests/:id', { config: { permission: MANAGE }, schema: { tags, summary: 'Một yêu cầu / one request', params: Id, response: { ...denied } } },
    async (request) => requests.getRequest(deps, request.params.id));
  typed.post('/sharing/requests/:id/decision', {
    config: { permission: MANAGE },
    schema: {
      tags, summary: 'Duyệt (kèm điều kiện) hoặc từ chối; duyệt thì trích xuất và cấp đường dẫn có hạn / approve with conditions or refuse', params: Id,
      body: Type.Object({
        approve: Type.Boolean(),
        conditions: Type.Optional(Type.String({ maxLength: 2000, description: 'Điều kiện sử dụng / conditions of use' })),
        note: Type.Optional(Type.String({ maxLength: 2000 })),
        linkHours: Type.Optional(Type.Integer({ minimum: 1, maximum: requests.MAX_LINK_HOURS })),
      }, { additionalProperties: false }),
      response: { ...denied },
    },
  }, async (request) => {
    const b = request.body;
    return requests.decideRequest(deps, request.actor, request.params.id, { approve: b.approve, conditions: b.conditions ?? null, note: b.note ?? null, linkHours: b.linkHours ?? requests.DEFAULT_LINK_HOURS });
  });
  typed.get('/sharing/usage', {
    config: { permission: 'reports.read' },
    schema: {
      tags, summary: 'Thống kê khai thác theo bên khai thác và dịch vụ / usage per consumer and service',
      querystring: Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false }), response: { ...denied },
    },
  }, async (request) => {
    const { from, to } = request.query;
    if (to < from) throw errors.invalid({ vi: 'to phải không trước from', en: 'to must not be before from' }, { field: 'querystring/to' });
    return sharingUsage(deps.db, from, to);
  });
}
