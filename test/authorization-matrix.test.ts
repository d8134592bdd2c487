// The authorisation matrix (issue #3 must-show): for every /api/v1 route, every seeded
// role, inside and outside its unit scope, and anonymous: the expected allow or deny.
// The expected permissions of each role are written here, apart from the seed, so that
// changing what a role may do is a deliberate change to this table too. A route added
// without config.permission stops buildApp; a route added without a sample here fails.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { sharedTestDatabase } from './support/test-database.js';
import { buildTestApp, fixedClock } from './support/test-app.js';
import { createActiveAccount, signIn } from './support/accounts.js';

const ROLE_PERMISSIONS: Record<string, string[]> = {
  dept_admin: ['cadastre.read', 'cadastre.read_personal', 'cadastre.edit', 'cadastre.approve', 'dossier.intake', 'dossier.process', 'dossier.approve', 'data.import', 'data.export', 'reports.read', 'accounts.admin', 'audit.read', 'backup.restore', 'planning.edit', 'prices.edit', 'sharing.manage', 'operations.manage', 'procedures.edit'], // operations.manage: migration 0020; procedures.edit: 0022
  lro_leader: ['cadastre.read', 'cadastre.read_personal', 'cadastre.edit', 'cadastre.approve', 'dossier.intake', 'dossier.process', 'dossier.approve', 'data.import', 'data.export', 'reports.read', 'audit.read'],
  lro_staff: ['cadastre.read', 'cadastre.read_personal', 'cadastre.edit', 'dossier.intake', 'dossier.process', 'data.import', 'data.export', 'reports.read'],
  district_officer: ['cadastre.read', 'cadastre.read_personal', 'cadastre.edit', 'dossier.process', 'reports.read'],
  commune_officer: ['cadastre.read', 'cadastre.read_personal', 'dossier.intake', 'reports.read'],
  agency_reader: ['cadastre.read', 'reports.read'],
  contractor: ['cadastre.read', 'cadastre.edit', 'data.import'],
  auditor: ['cadastre.read', 'reports.read', 'audit.read'],
  dept_land_officer: ['cadastre.read', 'reports.read', 'prices.edit', 'planning.edit'], // planning.edit: migration 0016
};

/** Every route needs a sample here: `METHOD url` → path with params filled ({unit} = the unit under test). */
const SAMPLES: Record<string, string> = {
  'POST /api/v1/auth/login': '/api/v1/auth/login',
  'POST /api/v1/auth/logout': '/api/v1/auth/logout',
  'GET /api/v1/auth/me': '/api/v1/auth/me',
  'POST /api/v1/auth/password': '/api/v1/auth/password',
  'GET /api/v1/auth/sessions': '/api/v1/auth/sessions',
  'DELETE /api/v1/auth/sessions/:id': '/api/v1/auth/sessions/{uuid}',
  'POST /api/v1/auth/totp/setup': '/api/v1/auth/totp/setup',
  'POST /api/v1/auth/totp/confirm': '/api/v1/auth/totp/confirm',
  'GET /api/v1/admin/accounts': '/api/v1/admin/accounts',
  'GET /api/v1/admin/accounts/:id': '/api/v1/admin/accounts/{uuid}',
  'POST /api/v1/admin/accounts': '/api/v1/admin/accounts',
  'POST /api/v1/admin/accounts/:id/issue': '/api/v1/admin/accounts/{uuid}/issue',
  'POST /api/v1/admin/accounts/:id/lock': '/api/v1/admin/accounts/{uuid}/lock',
  'POST /api/v1/admin/accounts/:id/unlock': '/api/v1/admin/accounts/{uuid}/unlock',
  'POST /api/v1/admin/accounts/:id/close': '/api/v1/admin/accounts/{uuid}/close',
  'PUT /api/v1/admin/accounts/:id/grants': '/api/v1/admin/accounts/{uuid}/grants',
  'GET /api/v1/admin/roles': '/api/v1/admin/roles',
  'GET /api/v1/admin/projects': '/api/v1/admin/projects',
  'POST /api/v1/admin/projects': '/api/v1/admin/projects',
  'POST /api/v1/admin/projects/:id/accept': '/api/v1/admin/projects/{uuid}/accept',
  'GET /api/v1/admin/reports/accounts': '/api/v1/admin/reports/accounts?from=2026-01-01&to=2026-12-31',
  'GET /api/v1/admin/audit': '/api/v1/admin/audit?limit=1',
  'GET /api/v1/admin/audit/verify': '/api/v1/admin/audit/verify',
  'GET /api/v1/units': '/api/v1/units',
  'GET /api/v1/units/boundaries': '/api/v1/units/boundaries?level=district',
  'GET /api/v1/units/:code/parcels': '/api/v1/units/{unit}/parcels?limit=1',
  'GET /api/v1/parcels/:unitCode/:sheetNumber/:parcelNumber': '/api/v1/parcels/{unit}/1/1',
  'POST /api/v1/parcels/lookup': '/api/v1/parcels/lookup',
  'GET /api/v1/parcels/:unitCode/:sheetNumber/:parcelNumber/holders': '/api/v1/parcels/{unit}/1/1/holders',
  'GET /api/v1/parcels/at': '/api/v1/parcels/at?lon=106.9&lat=11.5',
  'GET /api/v1/parcels/:unitCode/:sheetNumber/:parcelNumber/versions': '/api/v1/parcels/{unit}/1/1/versions',
  'GET /api/v1/parcels/:unitCode/:sheetNumber/:parcelNumber/compare': '/api/v1/parcels/{unit}/1/1/compare?from=2024-01-01T00:00:00Z',
  'GET /api/v1/land-use-codes': '/api/v1/land-use-codes',
  'POST /api/v1/changes': '/api/v1/changes',
  'GET /api/v1/changes': '/api/v1/changes?unitCode={unit}',
  'GET /api/v1/changes/:id': '/api/v1/changes/{uuid}',
  'POST /api/v1/search/parcels': '/api/v1/search/parcels',
  'GET /api/v1/parcels/:unitCode/:sheetNumber/:parcelNumber/records': '/api/v1/parcels/{unit}/1/1/records',
  'GET /api/v1/certificates/:serial': '/api/v1/certificates/CA000001',
  'GET /api/v1/code-lists': '/api/v1/code-lists',
  'POST /api/v1/parties/:id/population-match': '/api/v1/parties/{uuid}/population-match',
  'POST /api/v1/changes/:id/approve': '/api/v1/changes/{uuid}/approve',
  'POST /api/v1/changes/:id/cancel': '/api/v1/changes/{uuid}/cancel',
  'GET /api/v1/parcels/:unitCode/:sheetNumber/:parcelNumber/history': '/api/v1/parcels/{unit}/1/1/history',
  'GET /api/v1/tiles/:layer/:z/:x/:y.mvt': '/api/v1/tiles/parcels/16/52228/30607.mvt',
  'GET /api/v1/prices/tables': '/api/v1/prices/tables',
  'GET /api/v1/prices/tables/:id': '/api/v1/prices/tables/{uuid}',
  'GET /api/v1/prices/tables/:id/export': '/api/v1/prices/tables/{uuid}/export',
  'GET /api/v1/prices/parcels/:unitCode/:sheetNumber/:parcelNumber': '/api/v1/prices/parcels/{unit}/1/1?date=2026-06-01',
  'POST /api/v1/prices/tables': '/api/v1/prices/tables',
  'POST /api/v1/prices/tables/:id/publish': '/api/v1/prices/tables/{uuid}/publish',
  'POST /api/v1/prices/tables/:id/segments': '/api/v1/prices/tables/{uuid}/segments',
  'POST /api/v1/prices/tables/:id/import': '/api/v1/prices/tables/{uuid}/import',
  'PUT /api/v1/prices/segments/geometry': '/api/v1/prices/segments/geometry',
  'POST /api/v1/prices/tables/:id/coefficients': '/api/v1/prices/tables/{uuid}/coefficients',
  'POST /api/v1/prices/specific': '/api/v1/prices/specific',
  'POST /api/v1/prices/transactions': '/api/v1/prices/transactions',
  'GET /api/v1/prices/transactions': '/api/v1/prices/transactions?limit=1',
  'GET /api/v1/statistics/:unitCode/land-use': '/api/v1/statistics/{unit}/land-use?date=2024-12-31',
  'GET /api/v1/statistics/:unitCode/users': '/api/v1/statistics/{unit}/users?date=2024-12-31',
  'GET /api/v1/statistics/:unitCode/changes': '/api/v1/statistics/{unit}/changes?from=2024-01-01&to=2024-12-31',
  'GET /api/v1/reports/parcels': '/api/v1/reports/parcels?unitCode={unit}&date=2024-12-31&limit=1',
  'GET /api/v1/planning/plans': '/api/v1/planning/plans?unitCode={unit}',
  'GET /api/v1/planning/plans/:planId': '/api/v1/planning/plans/{uuid}',
  'GET /api/v1/planning/parcels/:unitCode/:sheetNumber/:parcelNumber': '/api/v1/planning/parcels/{unit}/1/1',
  'POST /api/v1/planning/plans': '/api/v1/planning/plans',
  'POST /api/v1/planning/plans/:planId/zones': '/api/v1/planning/plans/{uuid}/zones',
  'POST /api/v1/planning/plans/:planId/projects': '/api/v1/planning/plans/{uuid}/projects',
  'POST /api/v1/planning/plans/:planId/approve': '/api/v1/planning/plans/{uuid}/approve',
  'POST /api/v1/planning/plans/:planId/supersede': '/api/v1/planning/plans/{uuid}/supersede',
  'POST /api/v1/documents': '/api/v1/documents',
  'POST /api/v1/documents/:uid/versions': '/api/v1/documents/{uuid}/versions',
  'POST /api/v1/documents/bulk': '/api/v1/documents/bulk',
  'GET /api/v1/document-types': '/api/v1/document-types',
  'GET /api/v1/documents': '/api/v1/documents?parcel={uuid}',
  'GET /api/v1/documents/:id': '/api/v1/documents/{uuid}',
  'GET /api/v1/documents/:id/content': '/api/v1/documents/{uuid}/content',
  'GET /api/v1/documents/:uid/versions': '/api/v1/documents/{uuid}/versions',
  'GET /api/v1/admin/documents/integrity': '/api/v1/admin/documents/integrity',
  'POST /api/v1/admin/documents/integrity': '/api/v1/admin/documents/integrity',
  'GET /api/v1/backups': '/api/v1/backups',
  'POST /api/v1/backups': '/api/v1/backups',
  'GET /api/v1/backups/removable': '/api/v1/backups/removable',
  'POST /api/v1/backups/removable': '/api/v1/backups/removable',
  'PUT /api/v1/backups/removable/:id': '/api/v1/backups/removable/{uuid}',
  'GET /api/v1/restores': '/api/v1/restores',
  'GET /api/v1/restores/preview': '/api/v1/restores/preview',
  'POST /api/v1/restores': '/api/v1/restores',
  'POST /api/v1/restores/drill': '/api/v1/restores/drill',
  'GET /api/v1/restores/:id': '/api/v1/restores/{uuid}',
  'GET /api/v1/restores/:id/log.pdf': '/api/v1/restores/{uuid}/log.pdf',
  'POST /api/v1/operations/incidents': '/api/v1/operations/incidents',
  'GET /api/v1/operations/incidents': '/api/v1/operations/incidents',
  'GET /api/v1/operations/incidents/:id': '/api/v1/operations/incidents/{uuid}',
  'GET /api/v1/operations/incidents/:id/report': '/api/v1/operations/incidents/{uuid}/report',
  'PATCH /api/v1/operations/incidents/:id': '/api/v1/operations/incidents/{uuid}',
  'POST /api/v1/operations/incidents/:id/actions': '/api/v1/operations/incidents/{uuid}/actions',
  'POST /api/v1/operations/incidents/:id/notices': '/api/v1/operations/incidents/{uuid}/notices',
  'POST /api/v1/operations/incidents/:id/close': '/api/v1/operations/incidents/{uuid}/close',
  'GET /api/v1/notices': '/api/v1/notices',
  'GET /api/v1/operations/maintenance': '/api/v1/operations/maintenance',
  'PUT /api/v1/operations/maintenance/:subsystem': '/api/v1/operations/maintenance/prices',
  'DELETE /api/v1/operations/maintenance/:subsystem': '/api/v1/operations/maintenance/prices',
  'GET /api/v1/operations/reports/:unitCode': '/api/v1/operations/reports/{unit}',
  'POST /api/v1/operations/reports/:unitCode': '/api/v1/operations/reports/{unit}',
  'GET /api/v1/operations/reports/:unitCode/:id': '/api/v1/operations/reports/{unit}/{uuid}',
  'GET /api/v1/sharing/consumers': '/api/v1/sharing/consumers',
  'POST /api/v1/sharing/consumers': '/api/v1/sharing/consumers',
  'GET /api/v1/sharing/consumers/:id': '/api/v1/sharing/consumers/{uuid}',
  'PUT /api/v1/sharing/consumers/:id': '/api/v1/sharing/consumers/{uuid}',
  'POST /api/v1/sharing/consumers/:id/secrets': '/api/v1/sharing/consumers/{uuid}/secrets',
  'POST /api/v1/sharing/consumers/:id/secrets/:secretId/retire': '/api/v1/sharing/consumers/{uuid}/secrets/{uuid}/retire',
  'GET /api/v1/sharing/services': '/api/v1/sharing/services',
  'PUT /api/v1/sharing/services/:code/:version/retirement': '/api/v1/sharing/services/parcel-info/1/retirement',
  'POST /api/v1/sharing/signing-keys/rotate': '/api/v1/sharing/signing-keys/rotate',
  'GET /api/v1/sharing/usage': '/api/v1/sharing/usage?from=2026-11-01&to=2026-11-30',
  'POST /api/v1/imports': '/api/v1/imports?unit={unit}',
  'PUT /api/v1/imports/:id/file': '/api/v1/imports/{uuid}/file',
  'PUT /api/v1/imports/:id/attributes': '/api/v1/imports/{uuid}/attributes?name=thuoc-tinh.csv',
  'GET /api/v1/imports': '/api/v1/imports?unit={unit}',
  'GET /api/v1/imports/:id': '/api/v1/imports/{uuid}',
  'GET /api/v1/imports/:id/report': '/api/v1/imports/{uuid}/report',
  'GET /api/v1/imports/:id/map': '/api/v1/imports/{uuid}/map',
  'POST /api/v1/imports/:id/cancel': '/api/v1/imports/{uuid}/cancel',
  'POST /api/v1/imports/:id/commit': '/api/v1/imports/{uuid}/commit',
  'POST /api/v1/imports/:id/reject': '/api/v1/imports/{uuid}/reject',
  'POST /api/v1/quality/runs': '/api/v1/quality/runs?unit={unit}',
  'GET /api/v1/quality/runs': '/api/v1/quality/runs?unit={unit}',
  'GET /api/v1/quality/runs/:id': '/api/v1/quality/runs/{uuid}',
  'GET /api/v1/sharing/requests': '/api/v1/sharing/requests',
  'PUT /api/v1/sharing/consumers/:id/webhook': '/api/v1/sharing/consumers/{uuid}/webhook',
  'POST /api/v1/sharing/requests': '/api/v1/sharing/requests',
  'GET /api/v1/sharing/requests/:id': '/api/v1/sharing/requests/{uuid}',
  'POST /api/v1/sharing/requests/:id/decision': '/api/v1/sharing/requests/{uuid}/decision',
  'GET /api/v1/procedures': '/api/v1/procedures',
  'GET /api/v1/procedures/:code': '/api/v1/procedures/transfer',
  'POST /api/v1/procedures/:code/versions': '/api/v1/procedures/transfer/versions',
  'POST /api/v1/procedures/:code/versions/:version/activate': '/api/v1/procedures/transfer/versions/99/activate',
  'GET /api/v1/calendar': '/api/v1/calendar?year=2026',
  'PUT /api/v1/calendar/days/:day': '/api/v1/calendar/days/2026-02-28',
  'POST /api/v1/dossiers': '/api/v1/dossiers',
  'GET /api/v1/dossiers': '/api/v1/dossiers?unitCode={unit}',
  'GET /api/v1/dossiers/:id': '/api/v1/dossiers/{uuid}',
  'POST /api/v1/dossiers/:id/assign': '/api/v1/dossiers/{uuid}/assign',
  'POST /api/v1/dossiers/:id/change': '/api/v1/dossiers/{uuid}/change',
  'POST /api/v1/dossiers/:id/complete-step': '/api/v1/dossiers/{uuid}/complete-step',
  'POST /api/v1/dossiers/:id/return': '/api/v1/dossiers/{uuid}/return',
  'POST /api/v1/dossiers/:id/supplement': '/api/v1/dossiers/{uuid}/supplement',
  'POST /api/v1/dossiers/:id/refuse': '/api/v1/dossiers/{uuid}/refuse',
  'POST /api/v1/dossiers/:id/tax-payment': '/api/v1/dossiers/{uuid}/tax-payment',
  'GET /api/v1/public/dossiers/:receiptCode': '/api/v1/public/dossiers/25195-261125-0001',
  'GET /api/v1/webhooks/outbox': '/api/v1/webhooks/outbox',
  'GET /api/v1/dossier-reports/statistics': '/api/v1/dossier-reports/statistics?from=2026-01-01&to=2026-12-31',
  'GET /api/v1/dossier-reports/compliance': '/api/v1/dossier-reports/compliance?from=2026-01-01&to=2026-12-31',
};

/** Bodies for routes whose unit scope is read from the body ({unit} as above). */
const BODIES: Record<string, unknown> = {
  'POST /api/v1/changes': { parcel: { unitCode: '{unit}', sheetNumber: 1, parcelNumber: 1 } },
  'POST /api/v1/dossiers': { unitCode: '{unit}' },
  'POST /api/v1/planning/plans': { unitCode: '{unit}' },
};

const INSIDE = '25198'; // old Phường Tân Đồng, part of today's Phường Bình Phước where the grants are
const OUTSIDE = '25216'; // Phường Thác Mơ: another ward
const DENIED = [401, 403];

let app: FastifyInstance;
const cookies = new Map<string, string>();

beforeAll(async () => {
  const db = await sharedTestDatabase();
  app = await buildTestApp(db);
  for (const role of Object.keys(ROLE_PERMISSIONS)) {
    const account = await createActiveAccount(db, fixedClock, [{ role, unitCode: '25195' }], `matrix_${role}`.replace(/_/g, '.'));
    let cookie = await signIn(app, account.username, account.password);
    if (role === 'dept_admin') {
      // the role requires a second factor: enrol it, then sign in with a code
      const setup = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: { cookie } });
      const totp = new TOTP({ secret: Secret.fromBase32(setup.json().secret), digits: 6, period: 30 });
      const code = () => totp.generate({ timestamp: fixedClock.now().getTime() });
      await app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers: { cookie }, payload: { code: code() } });
      cookie = await signIn(app, account.username, account.password, code());
    }
    cookies.set(role, cookie);
  }
});
afterAll(() => app.close());

function request(route: string, unit: string, cookie?: string) {
  const [method] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE'];
  const url = SAMPLES[route]!.replace('{unit}', unit).replace('{uuid}', crypto.randomUUID());
  const body = JSON.parse(JSON.stringify(BODIES[route] ?? {}).replace('{unit}', unit)) as object;
  return app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: body }) });
}

describe('authorisation matrix (A4, P3, U2)', () => {
  it('every route declares a permission and has a sample in this matrix', () => {
    const routes = app.declaredRoutes.map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !(r in SAMPLES))).toEqual([]);
    expect(Object.keys(SAMPLES).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('anonymous callers reach public routes only', async () => {
    for (const route of app.declaredRoutes) {
      const key = `${route.method} ${route.url}`;
      const res = await request(key, INSIDE);
      if (route.permission === 'public') expect(DENIED, key).not.toContain(res.statusCode);
      else expect(res.statusCode, key).toBe(401);
    }
  });

  it.each(Object.keys(ROLE_PERMISSIONS))('%s: allowed exactly where its role and unit scope say', async (role) => {
    const cookie = cookies.get(role)!;
    const routes = app.declaredRoutes.filter((r) => r.url !== '/api/v1/auth/logout'); // would end the session under test
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const mayUse = route.permission === 'public' || route.permission === 'authenticated' || ROLE_PERMISSIONS[role]!.includes(route.permission);
      const inside = await request(key, INSIDE, cookie);
      if (mayUse) expect(DENIED, `${role} ${key}`).not.toContain(inside.statusCode);
      else expect(inside.statusCode, `${role} ${key}`).toBe(403);
      if (route.scoped && mayUse) {
        const outside = await request(key, OUTSIDE, cookie);
        expect(outside.statusCode, `${role} ${key} outside its units`).toBe(403);
      }
    }
  });
});
