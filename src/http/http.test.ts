import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sharedTestDatabase } from '../../test/support/test-database.js';
import { buildTestApp } from '../../test/support/test-app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp(await sharedTestDatabase());
});
afterAll(() => app.close());

describe('HTTP server (issue #2 item 6)', () => {
  it('/healthz says the process is alive', async () => {
    const res = await app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz says the database answers and migrations are current', async () => {
    const res = await app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', pendingMigrations: [] });
  });

  it('publishes an OpenAPI document generated from the route schemas, and browsable docs', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/units', '/api/v1/units/{code}/parcels', '/api/v1/parcels/{unitCode}/{sheetNumber}/{parcelNumber}']),
    );
    expect(doc.paths['/api/v1/parcels/{unitCode}/{sheetNumber}/{parcelNumber}'].get.responses).toHaveProperty('404');
    const ui = await app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('keeps a sane caller request id and replaces an unsafe one', async () => {
    const kept = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'mot-cua-2026.0001' } });
    expect(kept.headers['x-request-id']).toBe('mot-cua-2026.0001');
    const replaced = await app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
