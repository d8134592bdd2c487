// Serves the built web portal (dist/web) from the same process, with the single-page
// fallback: any GET that is not an API path gets index.html.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** dist/web, whether this file runs from src/ (tsx, tests) or from dist/src/ (npm start). */
export function defaultPortalDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const runsFromDist = here.split(path.sep).includes('dist');
  return runsFromDist ? path.resolve(here, '../../web') : path.resolve(here, '../../dist/web');
}

export async function registerPortal(app: FastifyInstance, portalDir: string): Promise<void> {
  const index = path.join(portalDir, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn({ portalDir }, 'portal not built: run `npm run build` to serve the web portal');
    return;
  }
  await app.register(fastifyStatic, { root: portalDir, prefix: '/', wildcard: false, index: ['index.html'] });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.callNotFound();
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
