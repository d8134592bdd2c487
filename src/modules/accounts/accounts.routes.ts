// Administration of accounts (permission accounts.admin): HTTP in, service call, HTTP out.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { errorResponses, IsoDate, UnitCode } from '../../http/schemas.js';
import * as accounts from './accounts.service.js';
import type { AccountsDeps } from './accounts.service.js';
import { listAccounts, listRoles } from './accounts.repo.js';
import { acceptProject, createProject } from './projects.service.js';
import { listProjects } from './projects.repo.js';
import { accountsReport } from './accounts-report.repo.js';

const admin = { permission: 'accounts.admin' } as const;
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Document = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 100 }),
  date: IsoDate,
  issuer: Type.String({ minLength: 2, maxLength: 300 }),
}, { additionalProperties: false, description: 'Văn bản đề nghị / quyết định: số, ngày, cơ quan ban hành' });
const Note = Type.Optional(Type.String({ maxLength: 2000 }));
const Decision = Type.Object({ document: Document, note: Note }, { additionalProperties: false });
const GrantIn = Type.Object({ role: Type.String({ pattern: '^[a-z_]{2,40}$' }), unitCode: UnitCode }, { additionalProperties: false });
const Grants = Type.Array(GrantIn, { minItems: 0, maxItems: 50 });
const LockReason = Type.Union(['compromised', 'departed', 'project_accepted', 'other'].map((r) => Type.Literal(r)));
const AccountOut = Type.Object({}, { additionalProperties: true });

export function registerAccountRoutes(app: FastifyInstance, deps: AccountsDeps): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['administration'];

  typed.get('/admin/accounts', {
    config: admin,
    schema: {
      tags, summary: 'Danh sách tài khoản / accounts',
      querystring: Type.Object({ status: Type.Optional(Type.String({ pattern: '^[a-z]{4,10}$' })), q: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(AccountOut) }), ...errorResponses },
    },
  }, async (request) => ({ items: await listAccounts(deps.db, request.query, deps.clock.now()) }));

  typed.get('/admin/accounts/:id', { config: admin, schema: { tags, summary: 'Hồ sơ tài khoản / account detail', params: Id, response: { 200: AccountOut, ...errorResponses } } },
    async (request) => accounts.readAccount(deps, request.actor, request.params.id));

  typed.post('/admin/accounts', {
    config: admin,
    schema: {
      tags, summary: 'Ghi nhận đề nghị cấp tài khoản / record an account request (A1-A3)',
      body: Type.Object({
        username: Type.String({ pattern: '^[a-z][a-z0-9._-]{2,39}$' }),
        fullName: Type.String({ minLength: 2, maxLength: 200 }),
        nationalId: Type.String({ pattern: '^[0-9]{12}$' }),
        organisation: Type.String({ minLength: 2, maxLength: 300 }),
        position: Type.String({ minLength: 2, maxLength: 200 }),
        email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
        phone: Type.Optional(Type.String({ pattern: '^[0-9+ ]{8,20}$' })),
        request: Document,
        grants: Grants,
        projectId: Type.Optional(Type.String({ format: 'uuid' })),
      }, { additionalProperties: false }),
      response: { 201: AccountOut, 409: Type.Ref('ErrorResponse'), ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await accounts.requestAccount(deps, request.actor, request.body)));

  typed.post('/admin/accounts/:id/issue', {
    config: admin,
    schema: { tags, summary: 'Cấp tài khoản (mật khẩu ban đầu) / issue with an initial password', params: Id, response: { 200: Type.Object({ account: AccountOut, initialPassword: Type.String() }), ...errorResponses } },
  }, async (request) => accounts.issueAccount(deps, request.actor, request.params.id));

  typed.post('/admin/accounts/:id/lock', {
    config: admin,
    schema: { tags, summary: 'Khóa tài khoản / lock (L2, L4)', params: Id, body: Type.Object({ reason: LockReason, document: Document, note: Note }, { additionalProperties: false }), response: { 200: AccountOut, ...errorResponses } },
  }, async (request) => accounts.lockAccount(deps, request.actor, request.params.id, request.body.reason as 'other', request.body));

  typed.post('/admin/accounts/:id/unlock', { config: admin, schema: { tags, summary: 'Mở khóa / unlock', params: Id, body: Decision, response: { 200: AccountOut, ...errorResponses } } },
    async (request) => accounts.unlockAccount(deps, request.actor, request.params.id, request.body));

  typed.post('/admin/accounts/:id/close', { config: admin, schema: { tags, summary: 'Đóng tài khoản / close', params: Id, body: Decision, response: { 200: AccountOut, ...errorResponses } } },
    async (request) => accounts.closeAccount(deps, request.actor, request.params.id, request.body));

  typed.put('/admin/accounts/:id/grants', {
    config: admin,
    schema: { tags, summary: 'Thay đổi quyền theo văn bản đề nghị / change rights on a written request (A5)', params: Id, body: Type.Object({ grants: Grants, document: Document, note: Note }, { additionalProperties: false }), response: { 200: AccountOut, ...errorResponses } },
  }, async (request) => accounts.changeGrants(deps, request.actor, request.params.id, request.body.grants, request.body));

  typed.get('/admin/roles', { config: admin, schema: { tags, summary: 'Vai trò và quyền / roles and permissions', response: { 200: Type.Object({ items: Type.Array(AccountOut) }) } } },
    async () => ({ items: await listRoles(deps.db) }));

  typed.get('/admin/projects', { config: admin, schema: { tags, summary: 'Dự án của đơn vị thi công / contractor projects', response: { 200: Type.Object({ items: Type.Array(AccountOut) }) } } },
    async () => ({ items: await listProjects(deps.db) }));

  typed.post('/admin/projects', {
    config: admin,
    schema: {
      tags, summary: 'Đăng ký dự án / register a project (A6)',
      body: Type.Object({
        name: Type.String({ minLength: 3, maxLength: 300 }),
        contractNumber: Type.String({ minLength: 1, maxLength: 100 }),
        planDocument: Document,
        unitCodes: Type.Array(UnitCode, { minItems: 1, maxItems: 200 }),
        validFrom: IsoDate,
        validTo: IsoDate,
      }, { additionalProperties: false }),
      response: { 201: AccountOut, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await createProject(deps, request.actor, request.body)));

  typed.post('/admin/projects/:id/accept', { config: admin, schema: { tags, summary: 'Nghiệm thu dự án, khóa tài khoản (L3) / accept a project', params: Id, body: Decision, response: { 200: AccountOut, ...errorResponses } } },
    async (request) => acceptProject(deps, request.actor, request.params.id, request.body));

  typed.get('/admin/reports/accounts', {
    config: admin,
    schema: { tags, summary: 'Báo cáo tài khoản trong kỳ / accounts report (A8, L4)', querystring: Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false }), response: { 200: AccountOut, ...errorResponses } },
  }, async (request) => accountsReport(deps.db, request.query.from, request.query.to));
}
