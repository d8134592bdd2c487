// The gate of /share (S-SHARE, O5; Nghị định 47/2020 on the national data exchange
// platform, after X-Road): every service call is authenticated by a consumer's access
// token, refused when an ID number appears in its URL, counted against the consumer's
// rate in the database (shared by every process), checked against its grant and the
// service version's retirement, and logged with a signed receipt in the request itself
// (the response leaves only once its log row is written: nothing is lost under load).
import crypto from 'node:crypto';
import { CompactSign } from 'jose';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.js';
import { AppError } from '../../kernel/app-error.js';
import { unitsCoveredBy } from '../accounts/index.js';
import type { Actor } from '../audit/index.js';
import { consumerByClientId, consumerUnitIds, type Consumer } from './consumers.repo.js';
import { countRequest, dropRateWindowsBefore, insertExchange, listServices } from './exchange.repo.js';
import { consumerActive, verifyToken } from './oauth.service.js';
import { SIGNING_ALG, type KeyRing } from './signing-keys.js';
import type { ShareCaller } from './share.service.js';

/** What a /share route is: public metadata, or a call of a service version (undefined service: any consumer). */
export type ShareRoute = 'public' | { service?: string; version: number };

declare module 'fastify' {
  interface FastifyContextConfig {
    share?: ShareRoute;
  }
}

/** What the gate learned of a call, for the handler and the log. */
export interface ShareCall {
  startedAt: bigint;
  consumer: Consumer | null;
  caller: ShareCaller | null;
  xroad: { client: string | null; userId: string | null; issue: string | null };
  /** set by the handler: records answered and whether personal data left unmasked */
  records: number;
  personalData: boolean;
}

const calls = new WeakMap<FastifyRequest, ShareCall>();

/** The call a /share service handler serves (set by the gate before the handler runs). */
export function shareCall(request: FastifyRequest): ShareCall & { caller: ShareCaller } {
  const call = calls.get(request);
  if (!call?.caller) throw new Error('share route without its gate');
  return call as ShareCall & { caller: ShareCaller };
}

export const RECEIPT_HEADER = 'x-lis-receipt';
export const EXCHANGE_ID_HEADER = 'x-lis-exchange-id';
const MAX_HEADER = 200;
// A 9-digit (CMND) or 12-digit (CCCD) number standing alone: personal ID numbers travel in
// request bodies only, never in URLs (they end up in proxies' and servers' access logs).
const ID_NUMBER = /(^|[^0-9])([0-9]{9}|[0-9]{12})(?![0-9])/;
const PATH_ID_NUMBER = /\/([0-9]{9}|[0-9]{12})(\/|$)/;

export function urlCarriesIdNumber(url: string): boolean {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // an undecodable URL is checked as it is
  }
  const [path = '', query = ''] = decoded.split(/\?(.*)/s);
  return PATH_ID_NUMBER.test(path) || ID_NUMBER.test(query);
}

/** Any ID-like number in logged parameters is replaced by its last three digits. */
function withoutIdNumbers(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/[0-9]{9,12}/g, (m) => `${'*'.repeat(m.length - 3)}${m.slice(-3)}`);
  if (Array.isArray(value)) return value.map(withoutIdNumbers);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutIdNumbers(v)]));
  return value;
}

const unauthenticated = (reply: FastifyReply, reason: string) => {
  void reply.header('www-authenticate', `Bearer realm="lis-share", error="invalid_token"`);
  return new AppError('UNAUTHENTICATED', { vi: `Cần mã truy cập hợp lệ của bên khai thác (${reason})`, en: `A valid consumer access token is required (${reason})` });
};

function xroadHeader(request: FastifyRequest, name: string): string | null {
  const value = request.headers[name];
  if (value === undefined) return null;
  const text = Array.isArray(value) ? value.join(',') : value;
  if (text.length > MAX_HEADER || !/^[\x20-\x7e]*$/.test(text)) {
    throw new AppError('VALIDATION_FAILED', {
      vi: `Tiêu đề ${name} không hợp lệ (tối đa ${MAX_HEADER} ký tự ASCII in được)`,
      en: `Header ${name} is invalid (at most ${MAX_HEADER} printable ASCII characters)`,
    }, { field: `headers/${name}` });
  }
  return text;
}

export interface GatewayDeps {
  db: Database;
  clock: { now(): Date };
  keys: KeyRing;
}

export function registerShareGateway(app: FastifyInstance, deps: GatewayDeps): void {
  let lastCleanup = 0;

  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.config?.share;
    if (!route || route === 'public') return;
    const call: ShareCall = { startedAt: process.hrtime.bigint(), consumer: null, caller: null, xroad: { client: null, userId: null, issue: null }, records: 0, personalData: false };
    calls.set(request, call);
    call.xroad = { client: xroadHeader(request, 'x-road-client'), userId: xroadHeader(request, 'x-road-userid'), issue: xroadHeader(request, 'x-road-issue') };

    const now = deps.clock.now();
    const bearer = /^Bearer ([A-Za-z0-9._-]{20,4096})$/.exec(request.headers.authorization ?? '');
    if (!bearer) throw unauthenticated(reply, 'missing bearer token');
    const token = await verifyToken(deps.keys, bearer[1]!, now);
    if (!token) throw unauthenticated(reply, 'invalid or expired token');
    const consumer = await consumerByClientId(deps.db, token.clientId);
    if (!consumer || !consumerActive(consumer, now)) throw unauthenticated(reply, 'consumer not active');
    call.consumer = consumer;
    // after authentication, so that the refusal is logged under the consumer that erred
    if (urlCarriesIdNumber(request.url)) {
      throw new AppError('VALIDATION_FAILED', {
        vi: 'Không được đưa số định danh cá nhân (CMND 9 số, CCCD 12 số) vào đường dẫn: hãy gửi trong nội dung yêu cầu (POST)',
        en: 'Personal ID numbers (9 or 12 digits) must not appear in URLs: send them in the request body (POST)',
      }, { field: 'url' });
    }

    const window = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const count = await countRequest(deps.db, consumer.id, window);
    if (now.getTime() - lastCleanup > 600_000) {
      lastCleanup = now.getTime();
      await dropRateWindowsBefore(deps.db, new Date(window.getTime() - 3_600_000));
    }
    if (count > consumer.ratePerMinute) {
      void reply.header('retry-after', String(Math.ceil((window.getTime() + 60_000 - now.getTime()) / 1000)));
      throw new AppError('RATE_LIMITED', {
        vi: `Vượt quá ${consumer.ratePerMinute} yêu cầu mỗi phút được cấp cho ${consumer.clientId}`,
        en: `More than the ${consumer.ratePerMinute} requests per minute granted to ${consumer.clientId}`,
      }, { ratePerMinute: consumer.ratePerMinute });
    }

    if (route.service) {
      if (!consumer.services.includes(route.service) || !token.scopes.includes(route.service)) {
        throw new AppError('FORBIDDEN', { vi: `Bên khai thác không được cấp dịch vụ ${route.service}`, en: `The consumer is not granted the service ${route.service}` }, { service: route.service });
      }
      const version = (await listServices(deps.db)).find((s) => s.code === route.service && s.version === route.version);
      if (version?.retiredAt && new Date(version.retiredAt) <= now) {
        throw new AppError('GONE', {
          vi: `Dịch vụ ${route.service} phiên bản v${route.version} đã ngừng từ ${version.retiredAt}: hãy dùng phiên bản mới hơn (danh mục: /share/v1/services)`,
          en: `Service ${route.service} v${route.version} was retired on ${version.retiredAt}: use a newer version (catalogue: /share/v1/services)`,
        }, { service: route.service, version: route.version, retiredAt: version.retiredAt });
      }
    }
    const covered = new Set(await unitsCoveredBy(deps.db, await consumerUnitIds(deps.db, consumer.id)));
    const actor: Actor = { id: null, name: `sharing:${consumer.clientId}`, requestId: request.id };
    call.caller = { consumer, covered, actor, now };
  });

  // the log row and the receipt, before the response leaves
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.config?.share;
    if (!route || route === 'public') return payload;
    const call = calls.get(request);
    if (!call) return payload;
    const body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : payload === null || payload === undefined ? '' : undefined;
    if (body === undefined) throw new Error('a /share response must not be streamed (its hash is logged)');
    const payloadSha256 = crypto.createHash('sha256').update(body).digest('hex');
    const at = deps.clock.now();
    const id = crypto.randomUUID();
    const service = route.service ?? null;
    const claims = {
      exchangeId: id, consumer: call.consumer?.clientId ?? null, service, version: route.version, status: reply.statusCode,
      payloadSha256, at: at.toISOString(), requestId: request.id, xroad: call.xroad,
    };
    const { kid, key } = await deps.keys.current();
    const receipt = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: SIGNING_ALG, kid, typ: 'lis-receipt+jws' }).sign(key);
    const ok = reply.statusCode < 400;
    await insertExchange(deps.db, {
      id, at, consumerId: call.consumer?.id ?? null, clientId: call.consumer?.clientId ?? null, service, version: route.version,
      method: request.method, path: (withoutIdNumbers(request.url.split('?')[0]!) as string).slice(0, 500),
      params: withoutIdNumbers({ params: request.params ?? {}, query: request.query ?? {}, body: request.method === 'POST' ? request.body ?? null : undefined }) as Record<string, unknown>,
      status: reply.statusCode, records: ok ? call.records : 0, personalData: ok && call.personalData, payloadSha256,
      durationMs: Number((process.hrtime.bigint() - call.startedAt) / 1_000_000n), xroad: call.xroad, requestId: request.id, receipt,
    });
    void reply.header(RECEIPT_HEADER, receipt);
    void reply.header(EXCHANGE_ID_HEADER, id);
    return payload;
  });
}
