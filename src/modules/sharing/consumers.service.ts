// Use cases of the consumers (S-SHARE, O5, U4): an external system is registered on the
// written decision that granted it access, with the services, units, personal-data
// permission, rate and validity granted; it authenticates with client secrets it may
// rotate (two active at once). Every write is audited (actAs → audit triggers).
import crypto from 'node:crypto';
import argon2 from 'argon2';
import type { Database } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import * as repo from './consumers.repo.js';
import { listServices, retireService } from './exchange.repo.js';
import type { KeyRing } from './signing-keys.js';
import { webhookState } from './webhooks.repo.js';

export interface SharingDeps {
  db: Database;
  clock: { now(): Date };
}

export const MAX_ACTIVE_SECRETS = 2;
export const ARGON2_OPTIONS = { type: argon2.argon2id } as const;

export interface ConsumerRequest extends repo.ConsumerInput {
  unitCodes: string[];
}

async function checkGrant(deps: SharingDeps, input: Pick<ConsumerRequest, 'services' | 'unitCodes' | 'validFrom' | 'validTo'>): Promise<number[]> {
  const known = new Set((await listServices(deps.db)).map((s) => s.code));
  const unknownServices = input.services.filter((s) => !known.has(s));
  if (unknownServices.length > 0) {
    throw errors.invalid(
      { vi: `services: dịch vụ không có trong danh mục: ${unknownServices.join(', ')}`, en: `services: not in the catalogue: ${unknownServices.join(', ')}` },
      { field: 'services', unknown: unknownServices },
    );
  }
  if (input.validTo !== null && new Date(input.validTo) <= new Date(input.validFrom)) {
    throw errors.invalid({ vi: 'validTo phải sau validFrom', en: 'validTo must be after validFrom' }, { field: 'validTo' });
  }
  const { ids, unknown } = await repo.unitIdsOfCodes(deps.db, input.unitCodes);
  if (unknown.length > 0) {
    throw errors.invalid(
      { vi: `unitCodes: không có đơn vị hành chính mã ${unknown.join(', ')}`, en: `unitCodes: no administrative unit ${unknown.join(', ')}` },
      { field: 'unitCodes', unknown },
    );
  }
  return ids;
}

const newSecret = () => `lis_${crypto.randomBytes(32).toString('base64url')}`;

/** Registers a consumer with its first secret, shown once in the answer and stored only hashed. */
export async function registerConsumer(deps: SharingDeps, actor: Actor, input: ConsumerRequest): Promise<{ id: string; clientId: string; secretId: string; clientSecret: string }> {
  const unitIds = await checkGrant(deps, input);
  if (await repo.consumerByClientId(deps.db, input.clientId)) {
    throw new AppError('CONFLICT', { vi: `clientId ${input.clientId} đã được dùng`, en: `clientId ${input.clientId} is taken` }, { field: 'clientId' });
  }
  const clientSecret = newSecret();
  const hash = await argon2.hash(clientSecret, ARGON2_OPTIONS);
  const now = deps.clock.now();
  const { unitCodes: _codes, ...consumer } = input;
  return actAs(deps.db, actor, async (tx) => {
    const id = await repo.insertConsumer(tx, consumer);
    await repo.replaceConsumerUnits(tx, id, unitIds);
    const secretId = await repo.insertSecret(tx, id, hash, 'initial', now);
    await appendAudit(tx, actor, { action: 'sharing.consumer_registered', objectType: 'sharing_consumer', objectId: id, details: { clientId: input.clientId, decision: input.decision, unitCodes: input.unitCodes } });
    return { id, clientId: input.clientId, secretId, clientSecret };
  });
}

export async function changeConsumer(deps: SharingDeps, actor: Actor, id: string, input: Omit<ConsumerRequest, 'clientId'> & { status: repo.Consumer['status'] }): Promise<repo.Consumer> {
  const unitIds = await checkGrant(deps, input);
  const { unitCodes: _codes, ...consumer } = input;
  await actAs(deps.db, actor, async (tx) => {
    if (!(await repo.updateConsumer(tx, id, consumer))) throw notFound(id);
    await repo.replaceConsumerUnits(tx, id, unitIds);
    await appendAudit(tx, actor, { action: 'sharing.consumer_changed', objectType: 'sharing_consumer', objectId: id, details: { status: input.status, decision: input.decision, unitCodes: input.unitCodes } });
  });
  return (await repo.consumerById(deps.db, id))!;
}

const notFound = (id: string) => errors.notFound({ vi: `bên khai thác ${id}`, en: `Consumer ${id}` }, { consumerId: id });

export async function getConsumer(deps: SharingDeps, id: string): Promise<repo.Consumer & { secrets: repo.SecretRow[]; webhook: Awaited<ReturnType<typeof webhookState>> | null }> {
  const consumer = await repo.consumerById(deps.db, id);
  if (!consumer) throw notFound(id);
  return { ...consumer, secrets: await repo.listSecrets(deps.db, id), webhook: (await webhookState(deps.db, id)) ?? null };
}

/** A second secret for a rotation: refused while two are active (retire the old one first). */
export async function addSecret(deps: SharingDeps, actor: Actor, consumerId: string, label: string): Promise<{ secretId: string; clientSecret: string }> {
  const clientSecret = newSecret();
  const hash = await argon2.hash(clientSecret, ARGON2_OPTIONS);
  return actAs(deps.db, actor, async (tx) => {
    if (!(await repo.lockConsumer(tx, consumerId))) throw notFound(consumerId);
    if ((await repo.activeSecretHashes(tx, consumerId)).length >= MAX_ACTIVE_SECRETS) {
      throw new AppError(
        'CONFLICT',
        { vi: `Bên khai thác đã có ${MAX_ACTIVE_SECRETS} khóa bí mật đang dùng: thu hồi khóa cũ trước`, en: `The consumer already holds ${MAX_ACTIVE_SECRETS} active secrets: retire the old one first` },
        { consumerId },
      );
    }
    const secretId = await repo.insertSecret(tx, consumerId, hash, label, deps.clock.now());
    return { secretId, clientSecret };
  });
}

export async function retireSecret(deps: SharingDeps, actor: Actor, consumerId: string, secretId: string): Promise<void> {
  const done = await actAs(deps.db, actor, (tx) => repo.retireSecret(tx, consumerId, secretId, deps.clock.now()));
  if (!done) throw errors.notFound({ vi: `khóa bí mật đang dùng ${secretId}`, en: `Active secret ${secretId}` }, { secretId });
}

/** Retires a service version (it answers 410 from then on) or, with null, brings it back. */
export async function setServiceRetirement(deps: SharingDeps, actor: Actor, code: string, version: number, retiredAt: Date | null): Promise<void> {
  const done = await actAs(deps.db, actor, async (tx) => {
    const found = await retireService(tx, code, version, retiredAt);
    if (found) await appendAudit(tx, actor, { action: 'sharing.service_retirement', objectType: 'sharing_service', details: { code, version, retiredAt: retiredAt?.toISOString() ?? null } });
    return found;
  });
  if (!done) throw errors.notFound({ vi: `dịch vụ ${code} phiên bản ${version}`, en: `Service ${code} version ${version}` }, { code, version });
}

/** A new server signing key; the previous one keeps verifying tokens and receipts (audited). */
export async function rotateSigningKey(deps: SharingDeps, keys: KeyRing, actor: Actor, reason: string): Promise<{ kid: string }> {
  const kid = await keys.rotate(deps.clock.now());
  await actAs(deps.db, actor, (tx) => appendAudit(tx, actor, { action: 'sharing.signing_key_rotated', objectType: 'signing_key', details: { kid, reason } }));
  return { kid };
}

export { listConsumers } from './consumers.repo.js';
