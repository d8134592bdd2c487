// The figures of the periodic report (O2, O3, A8), one query per section, and the
// stored reports. Every period is [from, to) in instants: local midnights (UTC+7).
import type { Queryable } from '../../db/database.js';

export interface Period {
  from: Date;
  to: Date;
}

/** Change transactions approved in the period, by unit (the parcel's) and change type. */
export async function landUpdates(db: Queryable, p: Period): Promise<Array<{ unitCode: string; unitName: string; changeType: string; changeTypeName: string; count: number }>> {
  const { rows } = await db.query<{ unitCode: string; unitName: string; changeType: string; changeTypeName: string; count: number }>(
    `select u.code as "unitCode", u.name as "unitName", c.change_type as "changeType", t.name_vi as "changeTypeName", count(*)::int as count
       from land_change c
       join parcel p on p.id = c.parcel_id
       join admin_unit u on u.id = p.unit_id
       join change_type t on t.code = c.change_type
      where c.status = 'approved' and c.decided_at >= $1::timestamptz and c.decided_at < $2::timestamptz
      group by u.code, u.name, c.change_type, t.name_vi
      order by u.code, c.change_type`,
    [p.from, p.to],
  );
  return rows;
}

/** Scanned documents recorded in the period, by type: new documents and new versions. */
export async function documentsAdded(db: Queryable, p: Period): Promise<Array<{ type: string; typeName: string; documents: number; versions: number; pages: number; bytes: number }>> {
  const { rows } = await db.query<{ type: string; typeName: string; documents: number; versions: number; pages: number; bytes: number }>(
    `select d.document_type as type, t.name_vi as "typeName",
            count(*) filter (where d.version = 1)::int as documents, count(*) filter (where d.version > 1)::int as versions,
            coalesce(sum(d.pages), 0)::int as pages, coalesce(sum(d.size_bytes), 0)::bigint as bytes
       from document d join document_type t on t.code = d.document_type
      where d.uploaded_at >= $1::timestamptz and d.uploaded_at < $2::timestamptz
      group by d.document_type, t.name_vi order by d.document_type`,
    [p.from, p.to],
  );
  return rows;
}

/** Backups and restores of the period (migration 0019's tables). */
export async function backupFigures(db: Queryable, p: Period): Promise<{
  byKind: Array<{ kind: string; runs: number; succeeded: number; verified: number; failed: number }>;
  lastVerified: string | null;
  restores: { runs: number; succeeded: number; drills: number; failed: number };
}> {
  const { rows: byKind } = await db.query<{ kind: string; runs: number; succeeded: number; verified: number; failed: number }>(
    `select kind, count(*)::int as runs, count(*) filter (where status = 'succeeded')::int as succeeded,
            count(*) filter (where verified)::int as verified, count(*) filter (where status = 'failed')::int as failed
       from backup_run where started_at >= $1::timestamptz and started_at < $2::timestamptz
      group by kind order by kind`,
    [p.from, p.to],
  );
  const { rows: last } = await db.query<{ at: string | null }>(
    `select max(finished_at) as at from backup_run where kind = 'database' and verified and finished_at < $1::timestamptz`,
    [p.to],
  );
  const { rows: restores } = await db.query<{ runs: number; succeeded: number; drills: number; failed: number }>(
    `select count(*)::int as runs, count(*) filter (where status = 'succeeded')::int as succeeded,
            count(*) filter (where drill)::int as drills, count(*) filter (where status = 'failed')::int as failed
       from restore_run where started_at >= $1::timestamptz and started_at < $2::timestamptz`,
    [p.from, p.to],
  );
  return { byKind, lastVerified: last[0]!.at ? new Date(last[0]!.at).toISOString() : null, restores: restores[0]! };
}

export interface StoredReport {
  id: string;
  kind: 'monthly' | 'quarterly' | 'yearly';
  unitCode: string;
  periodStart: string;
  periodEnd: string;
  trigger: 'schedule' | 'manual';
  generatedAt: string;
  generatedByName: string;
}

const STORED = `r.id, r.kind, u.code as "unitCode", r.period_start as "periodStart", r.period_end as "periodEnd", r.trigger,
                r.generated_at as "generatedAt", r.generated_by_name as "generatedByName"`;

const stored = (r: StoredReport): StoredReport => ({ ...r, generatedAt: new Date(r.generatedAt).toISOString() });

export async function insertReport(
  tx: Queryable,
  r: { kind: string; unitId: number; periodStart: string; periodEnd: string; trigger: 'schedule' | 'manual'; content: unknown; at: Date; by: string | null; byName: string },
): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into periodic_report (kind, unit_id, period_start, period_end, trigger, content, generated_at, generated_by, generated_by_name)
     values ($1::text, $2::bigint, $3::date, $4::date, $5::text, $6::jsonb, $7::timestamptz, $8::uuid, $9::text)
     on conflict (kind, unit_id, period_start) where trigger = 'schedule' do nothing
     returning id`,
    [r.kind, r.unitId, r.periodStart, r.periodEnd, r.trigger, JSON.stringify(r.content), r.at, r.by, r.byName],
  );
  return rows[0]?.id ?? null;
}

export async function listReports(db: Queryable, unitIds: readonly number[], limit: number): Promise<StoredReport[]> {
  const { rows } = await db.query<StoredReport>(
    `select ${STORED} from periodic_report r join admin_unit u on u.id = r.unit_id
      where r.unit_id = any ($1::bigint[]) order by r.period_start desc, r.generated_at desc limit $2::int`,
    [unitIds, limit],
  );
  return rows.map(stored);
}

export async function findReport(db: Queryable, id: string): Promise<(StoredReport & { content: unknown; unitId: number }) | null> {
  const { rows } = await db.query<StoredReport & { content: unknown; unitId: number }>(
    `select ${STORED}, r.content, r.unit_id as "unitId" from periodic_report r join admin_unit u on u.id = r.unit_id where r.id = $1::uuid`,
    [id],
  );
  return rows[0] ? { ...stored(rows[0]), content: rows[0].content, unitId: Number(rows[0].unitId) } : null;
}

export async function scheduledExists(db: Queryable, kind: string, unitId: number, periodStart: string): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from periodic_report where trigger = 'schedule' and kind = $1::text and unit_id = $2::bigint and period_start = $3::date`,
    [kind, unitId, periodStart],
  );
  return rows.length > 0;
}

/** The live provinces (the scheduled reports are made for each). */
export async function liveProvinces(db: Queryable): Promise<Array<{ id: number; code: string; name: string }>> {
  const { rows } = await db.query<{ id: number; code: string; name: string }>(
    `select id, code, name from admin_unit where level = 'province' and valid_to is null order by code`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The unit of a code that is a province (the live one first). */
export async function provinceOfCode(db: Queryable, code: string): Promise<{ id: number; code: string; name: string; level: string } | null> {
  const { rows } = await db.query<{ id: number; code: string; name: string; level: string }>(
    `select id, code, name, level from admin_unit where code = $1::text order by valid_to is not null, valid_from desc limit 1`,
    [code],
  );
  return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
}
