// SQL of the exchange log, the per-minute rate counters and the service catalogue.
import type { Queryable } from '../../db/database.js';

export interface ExchangeEntry {
  id: string;
  at: Date;
  consumerId: string | null;
  clientId: string | null;
  service: string | null;
  version: number | null;
  method: string;
  path: string;
  params: Record<string, unknown>;
  status: number;
  records: number;
  personalData: boolean;
  payloadSha256: string;
  durationMs: number;
  xroad: { client: string | null; userId: string | null; issue: string | null };
  requestId: string;
  receipt: string;
}

export async function insertExchange(db: Queryable, e: ExchangeEntry): Promise<void> {
  await db.query(
    `insert into sharing_exchange (id, at, consumer_id, client_id, service, version, method, path, params, status, records,
                                   personal_data, payload_sha256, duration_ms, xroad_client, xroad_user_id, xroad_issue, request_id, receipt)
     values ($1::uuid, $2::timestamptz, $3::uuid, $4::text, $5::text, $6::int, $7::text, $8::text, $9::jsonb, $10::int, $11::int,
             $12::boolean, $13::text, $14::int, $15::text, $16::text, $17::text, $18::text, $19::text)`,
    [e.id, e.at, e.consumerId, e.clientId, e.service, e.version, e.method, e.path, JSON.stringify(e.params), e.status, e.records,
      e.personalData, e.payloadSha256, e.durationMs, e.xroad.client, e.xroad.userId, e.xroad.issue, e.requestId, e.receipt],
  );
}

/** The receipt of an exchange, only to the consumer it was issued to. */
export async function receiptOf(db: Queryable, id: string, consumerId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ receipt: string }>(
    'select receipt from sharing_exchange where id = $1::uuid and consumer_id = $2::uuid',
    [id, consumerId],
  );
  return rows[0]?.receipt;
}

/**
 * Counts one request of a consumer in the minute window starting at `window` and returns
 * the count so far: one atomic upsert, so several processes share the limit.
 */
export async function countRequest(db: Queryable, consumerId: string, window: Date): Promise<number> {
  const { rows } = await db.query<{ requests: number }>(
    `insert into sharing_rate_window (consumer_id, window_start, requests) values ($1::uuid, $2::timestamptz, 1)
     on conflict (consumer_id, window_start) do update set requests = sharing_rate_window.requests + 1
     returning requests`,
    [consumerId, window],
  );
  return Number(rows[0]!.requests);
}

export async function dropRateWindowsBefore(db: Queryable, before: Date): Promise<void> {
  await db.query('delete from sharing_rate_window where window_start < $1::timestamptz', [before]);
}

export interface ServiceVersion {
  code: string;
  version: number;
  name: { vi: string; en: string };
  retiredAt: string | null;
}

export async function listServices(db: Queryable): Promise<ServiceVersion[]> {
  const { rows } = await db.query<ServiceVersion>(
    `select code, version, json_build_object('vi', name_vi, 'en', name_en) as name, retired_at as "retiredAt"
       from sharing_service order by code, version`,
  );
  return rows.map((r) => ({ ...r, retiredAt: r.retiredAt === null ? null : new Date(r.retiredAt).toISOString() }));
}

export async function retireService(db: Queryable, code: string, version: number, at: Date | null): Promise<boolean> {
  const { rowCount } = await db.query(
    'update sharing_service set retired_at = $3::timestamptz where code = $1::text and version = $2::int',
    [code, version, at],
  );
  return rowCount > 0;
}

export interface UsageRow {
  consumerId: string | null;
  clientId: string | null;
  agency: string | null;
  service: string | null;
  version: number | null;
  requests: number;
  succeeded: number;
  refused: number;
  records: number;
  personalData: number;
}

/** Exchanges per consumer and service version in [from, to). */
export async function usage(db: Queryable, from: Date, to: Date): Promise<UsageRow[]> {
  const { rows } = await db.query<UsageRow>(
    `select e.consumer_id as "consumerId", e.client_id as "clientId", c.agency, e.service, e.version,
            count(*)::int as requests,
            count(*) filter (where e.status < 400)::int as succeeded,
            count(*) filter (where e.status >= 400)::int as refused,
            coalesce(sum(e.records), 0)::int as records,
            count(*) filter (where e.personal_data)::int as "personalData"
       from sharing_exchange e
       left join sharing_consumer c on c.id = e.consumer_id
      where e.at >= $1::timestamptz and e.at < $2::timestamptz
      group by e.consumer_id, e.client_id, c.agency, e.service, e.version
      order by c.agency nulls last, e.client_id, e.service, e.version`,
    [from, to],
  );
  return rows;
}

export async function countExchanges(db: Queryable, consumerId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from sharing_exchange where consumer_id = $1::uuid', [consumerId]);
  return Number(rows[0]!.n);
}
