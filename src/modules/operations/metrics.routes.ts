// /metrics for Prometheus (O8), outside /api/v1: with a bearer token (LIS_METRICS_TOKEN),
// or from this machine only when no token is configured. Every answer is counted by its
// route template (never the raw URL: ids would make endless label values).
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../kernel/app-error.js';
import type { OperationsMetrics } from './metrics.js';

const LOCAL = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

function mayRead(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return LOCAL.has(request.socket.remoteAddress ?? '');
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') && sameToken(header.slice(7), token);
}

export function registerMetricsRoutes(app: FastifyInstance, metrics: OperationsMetrics, token: string | undefined): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!mayRead(request, token)) {
      throw new AppError('UNAUTHENTICATED', {
        vi: token ? 'Cần mã truy cập (Bearer) để đọc số liệu giám sát' : 'Số liệu giám sát chỉ đọc được từ máy chủ (chưa đặt LIS_METRICS_TOKEN)',
        en: token ? 'A bearer token is needed to read the metrics' : 'Metrics are readable from this machine only (LIS_METRICS_TOKEN is not set)',
      });
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
