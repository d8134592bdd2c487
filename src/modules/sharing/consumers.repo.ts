// SQL of the sharing consumers and their secrets.
import type { Queryable } from '../../db/database.js';

export interface ConsumerInput {
  clientId: string;
  agency: string;
  contact: { name: string; email: string | null; phone: string | null };
  decision: { number: string; date: string; issuer: string };
  services: string[];
  personalData: boolean;
  ratePerMinute: number;
  validFrom: string;
  validTo: string | null;
}

export interface Consumer extends ConsumerInput {
  id: string;
  status: 'active' | 'suspended' | 'revoked';
  /** the codes of the units granted (each covers its descendants and lineage) */
  unitCodes: string[];
  createdAt: string;
}

const CONSUMER_COLUMNS = `
  c.id, c.client_id as "clientId", c.agency,
  json_build_object('name', c.contact_name, 'email', c.contact_email, 'phone', c.contact_phone) as contact,
  json_build_object('number', c.decision_number, 'date', c.decision_date, 'issuer', c.decision_issuer) as decision,
  c.services, c.personal_data as "personalData", c.rate_per_minute as "ratePerMinute",
  c.valid_from as "validFrom", c.valid_to as "validTo", c.status, c.created_at as "createdAt",
  coalesce((select array_agg(u.code order by u.code) from sharing_consumer_unit cu join admin_unit u on u.id = cu.unit_id
             where cu.consumer_id = c.id), '{}') as "unitCodes"`;

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const tidy = (row: Consumer): Consumer => ({ ...row, validFrom: iso(row.validFrom)!, validTo: iso(row.validTo), createdAt: iso(row.createdAt)! });

export async function insertConsumer(db: Queryable, input: ConsumerInput): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into sharing_consumer (client_id, agency, contact_name, contact_email, contact_phone, decision_number, decision_date,
                                   decision_issuer, services, personal_data, rate_per_minute, valid_from, valid_to)
     values ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::date, $8::text, $9::text[], $10::boolean, $11::int, $12::timestamptz, $13::timestamptz)
     returning id`,
    [input.clientId, input.agency, input.contact.name, input.contact.email, input.contact.phone, input.decision.number, input.decision.date,
      input.decision.issuer, input.services, input.personalData, input.ratePerMinute, input.validFrom, input.validTo],
  );
  return rows[0]!.id;
}

export async function updateConsumer(db: Queryable, id: string, input: Omit<ConsumerInput, 'clientId'> & { status: string }): Promise<boolean> {
  const { rowCount } = await db.query(
    `update sharing_consumer set agency = $2::text, contact_name = $3::text, contact_email = $4::text, contact_phone = $5::text,
            decision_number = $6::text, decision_date = $7::date, decision_issuer = $8::text, services = $9::text[],
            personal_data = $10::boolean, rate_per_minute = $11::int, valid_from = $12::timestamptz, valid_to = $13::timestamptz, status = $14::text
      where id = $1::uuid`,
    [id, input.agency, input.contact.name, input.contact.email, input.contact.phone, input.decision.number, input.decision.date,
      input.decision.issuer, input.services, input.personalData, input.ratePerMinute, input.validFrom, input.validTo, input.status],
  );
  return rowCount > 0;
}

/**
 * The unit each code names: its newest holder (a code reused after the 2025 merger names
 * today's unit, whose lineage covers the old one). Unknown codes are returned apart.
 */
export async function unitIdsOfCodes(db: Queryable, codes: readonly string[]): Promise<{ ids: number[]; unknown: string[] }> {
  const { rows } = await db.query<{ id: number; code: string }>(
    'select distinct on (code) id, code from admin_unit where code = any($1::text[]) order by code, valid_from desc',
    [codes],
  );
  const known = new Set(rows.map((r) => r.code));
  return { ids: rows.map((r) => Number(r.id)), unknown: codes.filter((c) => !known.has(c)) };
}

export async function replaceConsumerUnits(db: Queryable, consumerId: string, unitIds: readonly number[]): Promise<void> {
  await db.query('delete from sharing_consumer_unit where consumer_id = $1::uuid', [consumerId]);
  await db.query(
    'insert into sharing_consumer_unit (consumer_id, unit_id) select $1::uuid, unnest($2::bigint[]) on conflict do nothing',
    [consumerId, unitIds],
  );
}

export async function listConsumers(db: Queryable): Promise<Consumer[]> {
  const { rows } = await db.query<Consumer>(`select ${CONSUMER_COLUMNS} from sharing_consumer c order by c.agency, c.client_id`);
  return rows.map(tidy);
}

export async function consumerById(db: Queryable, id: string): Promise<Consumer | undefined> {
  const { rows } = await db.query<Consumer>(`select ${CONSUMER_COLUMNS} from sharing_consumer c where c.id = $1::uuid`, [id]);
  return rows[0] && tidy(rows[0]);
}

export async function consumerByClientId(db: Queryable, clientId: string): Promise<Consumer | undefined> {
  const { rows } = await db.query<Consumer>(`select ${CONSUMER_COLUMNS} from sharing_consumer c where c.client_id = $1::text`, [clientId]);
  return rows[0] && tidy(rows[0]);
}

/** The root unit ids granted to a consumer. */
export async function consumerUnitIds(db: Queryable, consumerId: string): Promise<number[]> {
  const { rows } = await db.query<{ unit_id: number }>('select unit_id from sharing_consumer_unit where consumer_id = $1::uuid', [consumerId]);
  return rows.map((r) => Number(r.unit_id));
}

export interface SecretRow {
  id: string;
  label: string;
  createdAt: string;
  retiredAt: string | null;
}

export async function insertSecret(db: Queryable, consumerId: string, hash: string, label: string, now: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'insert into sharing_secret (consumer_id, secret_hash, label, created_at) values ($1::uuid, $2::text, $3::text, $4::timestamptz) returning id',
    [consumerId, hash, label, now],
  );
  return rows[0]!.id;
}

export async function activeSecretHashes(db: Queryable, consumerId: string): Promise<Array<{ id: string; hash: string }>> {
  const { rows } = await db.query<{ id: string; hash: string }>(
    'select id, secret_hash as hash from sharing_secret where consumer_id = $1::uuid and retired_at is null order by created_at desc',
    [consumerId],
  );
  return rows;
}

export async function listSecrets(db: Queryable, consumerId: string): Promise<SecretRow[]> {
  const { rows } = await db.query<SecretRow>(
    `select id, label, created_at as "createdAt", retired_at as "retiredAt" from sharing_secret where consumer_id = $1::uuid order by created_at`,
    [consumerId],
  );
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt)!, retiredAt: iso(r.retiredAt) }));
}

export async function retireSecret(db: Queryable, consumerId: string, secretId: string, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    'update sharing_secret set retired_at = $3::timestamptz where id = $2::uuid and consumer_id = $1::uuid and retired_at is null',
    [consumerId, secretId, now],
  );
  return rowCount > 0;
}

/** Locks the consumer row: adding secrets is serialised per consumer (at most two active). */
export async function lockConsumer(db: Queryable, consumerId: string): Promise<boolean> {
  const { rows } = await db.query('select id from sharing_consumer where id = $1::uuid for update', [consumerId]);
  return rows.length > 0;
}
