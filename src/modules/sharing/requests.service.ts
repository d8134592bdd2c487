// Special-request sharing (Art. 4.3; S-SHARE): a dataset asked for outside the default
// services — by a consumer through /share or for an agency by an officer in the portal —
// is decided by an officer holding sharing.manage: refused, or approved with its
// conditions. On approval the extract is produced at once (the statistics module's parcel
// extract, GeoJSON or Excel), kept with its SHA-256, and delivered through a link signed
// with the server key that expires; after expiry the link answers 410. Every step is in
// the audit log (the table is audited; downloads are counted and logged).
import crypto from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, decodeProtectedHeader } from 'jose';
import type { Database } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import { parcelReportGeoJson, parcelReportWorkbook } from '../statistics/index.js';
import { unitIdsByCode } from '../units/index.js';
import { consumerById } from './consumers.repo.js';
import * as repo from './requests.repo.js';
import { SIGNING_ALG, type KeyRing } from './signing-keys.js';

export interface RequestsDeps {
  db: Database;
  clock: { now(): Date };
  keys: KeyRing;
}

export const DEFAULT_LINK_HOURS = 72;
export const MAX_LINK_HOURS = 720;
const DELIVERY_AUDIENCE = 'lis-delivery';
const CONTENT_TYPES = { geojson: 'application/geo+json', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export type RequestFields = Omit<repo.RequestInput, 'consumerId' | 'filedBy' | 'agency'>;

const notFound = (id: string) => errors.notFound({ vi: `yêu cầu chia sẻ ${id}`, en: `Sharing request ${id}` }, { requestId: id });

async function checkUnit(deps: RequestsDeps, unitCode: string): Promise<void> {
  if ((await unitIdsByCode(deps.db, unitCode)).length === 0) {
    throw errors.invalid({ vi: `unitCode: không có đơn vị hành chính mã ${unitCode}`, en: `unitCode: no administrative unit ${unitCode}` }, { field: 'unitCode' });
  }
}

/** Filed by a consumer (through /share) or by an officer for an agency (portal). */
export async function fileRequest(
  deps: RequestsDeps,
  actor: Actor,
  by: { consumerId: string; agency: string } | { accountId: string; agency: string },
  fields: RequestFields,
): Promise<{ id: string; status: 'filed' }> {
  await checkUnit(deps, fields.unitCode);
  const input: repo.RequestInput = {
    ...fields, agency: by.agency,
    consumerId: 'consumerId' in by ? by.consumerId : null,
    filedBy: 'accountId' in by ? by.accountId : null,
  };
  const id = await actAs(deps.db, actor, (tx) => repo.insertRequest(tx, input, deps.clock.now()));
  return { id, status: 'filed' };
}

/** The link that delivers an approved extract, valid until the request's expiry. */
export async function deliveryLink(deps: RequestsDeps, request: repo.SharingRequest): Promise<string | null> {
  if (request.status !== 'delivered' || !request.linkExpiresAt) return null;
  const expires = new Date(request.linkExpiresAt);
  if (expires <= deps.clock.now()) return null;
  const { kid, key } = await deps.keys.current();
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: SIGNING_ALG, kid })
    .setSubject(request.id).setAudience(DELIVERY_AUDIENCE)
    .setIssuedAt(Math.floor(deps.clock.now().getTime() / 1000)).setExpirationTime(Math.floor(expires.getTime() / 1000))
    .sign(key);
  return `/share/v1/deliveries/${token}`;
}

export async function getRequest(deps: RequestsDeps, id: string, consumerId?: string): Promise<repo.SharingRequest & { downloadUrl: string | null }> {
  const request = await repo.requestById(deps.db, id);
  // a consumer sees only its own requests; others' answer as unknown ones do
  if (!request || (consumerId !== undefined && request.consumerId !== consumerId)) throw notFound(id);
  return { ...request, downloadUrl: await deliveryLink(deps, request) };
}

export interface Decision {
  approve: boolean;
  conditions: string | null;
  note: string | null;
  linkHours: number;
}

/** Refuses, or approves: produces the extract, stores it and opens its link. */
export async function decideRequest(deps: RequestsDeps, actor: Actor, id: string, decision: Decision): Promise<repo.SharingRequest & { downloadUrl: string | null }> {
  const request = await repo.requestById(deps.db, id);
  if (!request) throw notFound(id);
  if (request.status !== 'filed') {
    throw new AppError('CONFLICT', { vi: `Yêu cầu đã được quyết định (${request.status})`, en: `The request was decided already (${request.status})` }, { status: request.status });
  }
  const now = deps.clock.now();
  let content: Buffer | null = null;
  if (decision.approve) {
    const consumer = request.consumerId ? await consumerById(deps.db, request.consumerId) : undefined;
    const query = { unitCode: request.unitCode, date: request.asOf, landUseCodes: request.landUseCodes ?? undefined };
    // holders' names in full only for a consumer granted personal data (the read is then logged)
    content = request.format === 'geojson'
      ? Buffer.from(await parcelReportGeoJson(deps.db, query))
      : await parcelReportWorkbook(deps.db, query, { actor, mayReadPersonal: consumer?.personalData ?? false });
  }
  const decided = await actAs(deps.db, actor, async (tx) => {
    const done = await repo.decide(tx, id, {
      status: decision.approve ? 'delivered' : 'refused', by: actor.id, at: now, conditions: decision.conditions, note: decision.note,
      content, sha256: content && crypto.createHash('sha256').update(content).digest('hex'),
      expiresAt: decision.approve ? new Date(now.getTime() + decision.linkHours * 3_600_000) : null,
    });
    if (done) {
      await appendAudit(tx, actor, {
        action: decision.approve ? 'sharing.request_delivered' : 'sharing.request_refused', objectType: 'sharing_request', objectId: id,
        details: { conditions: decision.conditions, bytes: content?.length ?? 0, linkHours: decision.approve ? decision.linkHours : null },
      });
    }
    return done;
  });
  if (!decided) throw new AppError('CONFLICT', { vi: 'Yêu cầu vừa được người khác quyết định', en: 'The request was just decided by someone else' }, { requestId: id });
  return getRequest(deps, id);
}

const linkGone = (expiredAt: string | null) =>
  new AppError('GONE', {
    vi: `Đường dẫn tải dữ liệu đã hết hạn${expiredAt ? ` từ ${expiredAt}` : ''}: hãy đề nghị cấp lại`,
    en: `The download link expired${expiredAt ? ` on ${expiredAt}` : ''}: ask for a new one`,
  }, { expiredAt });

/** The extract behind a delivery link; 410 once the link has expired, 404 for a link that is not ours. */
export async function download(deps: RequestsDeps, token: string): Promise<{ content: Buffer; contentType: string; fileName: string }> {
  const invalid = () => errors.notFound({ vi: 'đường dẫn tải dữ liệu', en: 'Download link' }, { field: 'token' });
  let requestId: string;
  try {
    const key = await deps.keys.verificationKey(decodeProtectedHeader(token).kid);
    if (!key) throw invalid();
    const { payload } = await jwtVerify(token, key, { audience: DELIVERY_AUDIENCE, algorithms: [SIGNING_ALG], currentDate: deps.clock.now() });
    requestId = String(payload.sub);
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw linkGone(new Date(Number(error.payload.exp) * 1000).toISOString());
    if (error instanceof AppError) throw error;
    throw invalid();
  }
  const file = await repo.deliveredFile(deps.db, requestId);
  if (!file) throw invalid();
  if (new Date(file.linkExpiresAt) <= deps.clock.now()) throw linkGone(file.linkExpiresAt);
  const now = deps.clock.now();
  await actAs(deps.db, { id: null, name: 'sharing:delivery' }, async (tx) => {
    await repo.countDownload(tx, requestId, now);
    await appendAudit(tx, { id: null, name: 'sharing:delivery' }, { action: 'sharing.request_downloaded', objectType: 'sharing_request', objectId: requestId, details: {} });
  });
  return { content: file.content, contentType: CONTENT_TYPES[file.format], fileName: `trich-xuat-${requestId}.${file.format}` };
}

export { listRequests } from './requests.repo.js';
