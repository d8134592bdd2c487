// SQL of the procedure catalogue (versions, steps, documents) and of the calendar's overrides.
import type { Queryable } from '../../db/database.js';
import type { FormDefinition } from './forms.js';
import type { CalendarOverride } from './working-days.js';

export interface ProcedureStep {
  seq: number;
  code: string;
  nameVi: string;
  nameEn: string;
  roleCode: string;
  days: number;
  clockRuns: boolean;
  externalParty: string | null;
}

export interface ProcedureDocument {
  documentType: string;
  required: boolean;
}

export interface ProcedureVersion {
  id: string;
  code: string;
  version: number;
  nameVi: string;
  nameEn: string;
  legalBasis: string;
  status: 'draft' | 'active' | 'retired';
  validFrom: string | null;
  validTo: string | null;
  timeLimitDays: number;
  extraDaysDisadvantaged: number;
  changeType: string | null;
  financialObligations: boolean;
  forms: FormDefinition[];
  steps: ProcedureStep[];
  documents: ProcedureDocument[];
}

const VERSION = `p.id, p.code, p.version, p.name_vi as "nameVi", p.name_en as "nameEn", p.legal_basis as "legalBasis", p.status,
  p.valid_from::text as "validFrom", p.valid_to::text as "validTo", p.time_limit_days as "timeLimitDays",
  p.extra_days_disadvantaged as "extraDaysDisadvantaged", p.change_type as "changeType", p.financial_obligations as "financialObligations", p.forms,
  coalesce((select json_agg(json_build_object('seq', s.seq, 'code', s.code, 'nameVi', s.name_vi, 'nameEn', s.name_en, 'roleCode', s.role_code,
                                              'days', s.days, 'clockRuns', s.clock_runs, 'externalParty', s.external_party) order by s.seq)
              from procedure_step s where s.procedure_id = p.id), '[]') as steps,
  coalesce((select json_agg(json_build_object('documentType', d.document_type, 'required', d.required) order by d.required desc, d.document_type)
              from procedure_document d where d.procedure_id = p.id), '[]') as documents`;

export async function procedureById(db: Queryable, id: string): Promise<ProcedureVersion | undefined> {
  const { rows } = await db.query<ProcedureVersion>(`select ${VERSION} from procedure p where p.id = $1::uuid`, [id]);
  return rows[0];
}

/** The active version of a code, or a given version. */
export async function procedureByCode(db: Queryable, code: string, version: number | null): Promise<ProcedureVersion | undefined> {
  const { rows } = await db.query<ProcedureVersion>(
    `select ${VERSION} from procedure p
      where p.code = $1::text and (($2::int is null and p.status = 'active') or p.version = $2::int)`,
    [code, version],
  );
  return rows[0];
}

export interface ProcedureSummary {
  code: string;
  version: number;
  nameVi: string;
  nameEn: string;
  status: string;
  timeLimitDays: number;
  changeType: string | null;
  financialObligations: boolean;
  versions: number;
}

export async function listProcedures(db: Queryable): Promise<ProcedureSummary[]> {
  const { rows } = await db.query<ProcedureSummary>(
    `select p.code, p.version, p.name_vi as "nameVi", p.name_en as "nameEn", p.status, p.time_limit_days as "timeLimitDays",
            p.change_type as "changeType", p.financial_obligations as "financialObligations",
            (select count(*)::int from procedure q where q.code = p.code) as versions
       from procedure p
      where p.version = (select coalesce(max(q.version) filter (where q.status = 'active'), max(q.version)) from procedure q where q.code = p.code)
      order by p.code`,
  );
  return rows;
}

export async function lastVersion(db: Queryable, code: string): Promise<number> {
  // the versions of the code are locked: two edits at once queue here (unique (code, version) backs it)
  const { rows } = await db.query<{ version: number }>('select version from procedure where code = $1 for update', [code]);
  return rows.reduce((max, r) => Math.max(max, r.version), 0);
}

export type NewVersion = Omit<ProcedureVersion, 'id' | 'validTo'>;

export async function insertVersion(db: Queryable, p: NewVersion, createdBy: string | null, now: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into procedure (code, version, name_vi, name_en, legal_basis, status, valid_from, time_limit_days, extra_days_disadvantaged,
                            change_type, financial_obligations, forms, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10, $11, $12::jsonb, $13::uuid, $14) returning id`,
    [p.code, p.version, p.nameVi, p.nameEn, p.legalBasis, p.status, p.validFrom, p.timeLimitDays, p.extraDaysDisadvantaged,
      p.changeType, p.financialObligations, JSON.stringify(p.forms), createdBy, now],
  );
  const id = rows[0]!.id;
  for (const s of p.steps) {
    await db.query(
      `insert into procedure_step (procedure_id, seq, code, name_vi, name_en, role_code, days, clock_runs, external_party)
       values ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, s.seq, s.code, s.nameVi, s.nameEn, s.roleCode, s.days, s.clockRuns, s.externalParty],
    );
  }
  for (const d of p.documents) {
    await db.query('insert into procedure_document (procedure_id, document_type, required) values ($1::uuid, $2, $3)', [id, d.documentType, d.required]);
  }
  return id;
}

/** The active version of a code retires (ends the day before `from`); a draft becomes active. */
export async function activate(db: Queryable, code: string, version: number, from: string): Promise<void> {
  await db.query(
    `update procedure set status = 'retired', valid_to = greatest(valid_from, $3::date)
      where code = $1 and status = 'active' and version <> $2`,
    [code, version, from],
  );
  await db.query(`update procedure set status = 'active', valid_from = $3::date where code = $1 and version = $2`, [code, version, from]);
}

export async function unknownCodes(db: Queryable, roles: string[], documentTypes: string[], changeType: string | null): Promise<{ roles: string[]; documentTypes: string[]; changeType: boolean }> {
  const { rows } = await db.query<{ roles: string[] | null; types: string[] | null; change: boolean }>(
    `select (select array_agg(r) from unnest($1::text[]) r where not exists (select 1 from role where code = r)) as roles,
            (select array_agg(t) from unnest($2::text[]) t where not exists (select 1 from document_type where code = t)) as types,
            ($3::text is not null and not exists (select 1 from change_type where code = $3::text)) as change`,
    [roles, documentTypes, changeType],
  );
  return { roles: rows[0]!.roles ?? [], documentTypes: rows[0]!.types ?? [], changeType: rows[0]!.change };
}

export async function calendarOverrides(db: Queryable): Promise<Array<CalendarOverride & { note: string }>> {
  const { rows } = await db.query<CalendarOverride & { note: string }>('select day::text as day, kind, note from calendar_day order by day');
  return rows;
}

export async function setCalendarDay(db: Queryable, day: string, kind: 'day_off' | 'working_day' | 'normal', note: string, by: string | null, now: Date): Promise<void> {
  if (kind === 'normal') {
    await db.query('delete from calendar_day where day = $1::date', [day]);
    return;
  }
  await db.query(
    `insert into calendar_day (day, kind, note, updated_by, updated_at) values ($1::date, $2, $3, $4::uuid, $5)
     on conflict (day) do update set kind = excluded.kind, note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [day, kind, note, by, now],
  );
}

export async function settingNumber(db: Queryable, key: string, fallback: number): Promise<number> {
  const { rows } = await db.query<{ value: unknown }>('select value from setting where key = $1', [key]);
  const value = Number(rows[0]?.value);
  return Number.isFinite(value) ? value : fallback;
}
