// Data quality checks on the live record (issue #6 item 6, O12): the rules of the
// delivery validation, over the live parcels and parties of a unit and every unit under it
// (and those they succeeded: parcels keep the unit they were surveyed under). Each rule is
// one SQL statement writing findings of a run; nothing here changes the record — officers
// clean it up through change transactions (RULES[...].fix).
import type { Queryable } from '../../db/database.js';

export const RULES = {
  'party.orphan': { severity: 'warning', fix: null },
  'parcel.no_right': { severity: 'warning', fix: 'first_registration' },
  'parcel.duplicate_key': { severity: 'error', fix: 'boundary_correction' },
  'parcel.invalid_geometry': { severity: 'error', fix: 'boundary_correction' },
  'parcel.overlap': { severity: 'error', fix: 'boundary_correction' },
  'parcel.outside_unit': { severity: 'error', fix: 'boundary_correction' },
  'party.id_conflict': { severity: 'warning', fix: null },
} as const;
export type QualityRule = keyof typeof RULES;

export interface RunRow {
  id: string;
  unitCode: string;
  requestedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'failed';
  errorCount: number | null;
  warningCount: number | null;
  error: string | null;
}

const RUN = `r.id, u.code as "unitCode", r.requested_by as "requestedBy", r.started_at as "startedAt", r.finished_at as "finishedAt",
  r.status, r.error_count as "errorCount", r.warning_count as "warningCount", r.error`;
const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
const fix = (r: RunRow): RunRow => ({ ...r, startedAt: iso(r.startedAt)!, finishedAt: iso(r.finishedAt) });

/** The live unit with a code and whether it is the province (parties without any right belong to it). */
export async function liveUnit(db: Queryable, code: string): Promise<{ id: number; code: string; isRoot: boolean } | undefined> {
  const { rows } = await db.query<{ id: number; code: string; isRoot: boolean }>(
    `select id::int, code, parent_id is null as "isRoot" from admin_unit where code = $1::text and valid_to is null`,
    [code],
  );
  return rows[0];
}

/** The unit, every unit under it, and the units they succeeded (recursively), live or ended. */
export async function unitTree(db: Queryable, unitId: number): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `with recursive tree(id) as (
       select $1::bigint
       union
       select a.id from tree t join admin_unit a
         on a.parent_id = t.id or a.id in (select s.predecessor_id from admin_unit_succession s where s.successor_id = t.id))
     select id::int from tree`,
    [unitId],
  );
  return rows.map((r) => r.id);
}

export async function liveUnitIds(db: Queryable): Promise<Array<{ id: number; code: string }>> {
  const { rows } = await db.query<{ id: number; code: string }>(`select id::int, code from admin_unit where valid_to is null and parent_id is null order by code`);
  return rows;
}

export async function insertRun(db: Queryable, r: { unitId: number; requestedBy: string | null; now: Date }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into quality_run (unit_id, requested_by, started_at) values ($1::bigint, $2::uuid, $3) returning id`,
    [r.unitId, r.requestedBy, r.now],
  );
  return rows[0]!.id;
}

export async function finishRun(db: Queryable, id: string, r: { status: 'done' | 'failed'; now: Date; error: string | null }): Promise<void> {
  await db.query(
    `update quality_run set status = $2::text, finished_at = $3, error = $4::text,
            error_count = (select count(*) from quality_finding where run_id = $1::uuid and severity = 'error'),
            warning_count = (select count(*) from quality_finding where run_id = $1::uuid and severity = 'warning')
      where id = $1::uuid`,
    [id, r.status, r.now, r.error === null ? null : r.error.slice(0, 2000)],
  );
}

export async function getRun(db: Queryable, id: string): Promise<(RunRow & { unitId: number }) | undefined> {
  const { rows } = await db.query<RunRow & { unitId: number }>(
    `select ${RUN}, r.unit_id::int as "unitId" from quality_run r join admin_unit u on u.id = r.unit_id where r.id = $1::uuid`,
    [id],
  );
  return rows[0] ? { ...fix(rows[0]), unitId: rows[0].unitId } : undefined;
}

export async function listRuns(db: Queryable, unitId: number, limit: number): Promise<RunRow[]> {
  const { rows } = await db.query<RunRow>(
    `select ${RUN} from quality_run r join admin_unit u on u.id = r.unit_id where r.unit_id = $1::bigint order by r.started_at desc limit $2::int`,
    [unitId, limit],
  );
  return rows.map(fix);
}

const INSERT = `insert into quality_finding (run_id, rule, severity, object_type, object_id, unit_id, field, message_vi, message_en, location, details)`;
const PARCEL_DETAILS = `jsonb_build_object('unitCode', u.code, 'sheetNumber', p.sheet_number, 'parcelNumber', p.parcel_number)`;
const TOLERANCE = `(select coalesce((select (value #>> '{}')::float8 from setting where key = 'quality.overlap_tolerance_m2'), 0.1))`;

/**
 * Each rule as one statement. $1 the run, $2 the unit ids (unitTree), $3 whether the run
 * covers the province (parties that never held a right are reported there only).
 * Messages name no person (personal data, Nghị định 13/2023): the party's id is the link.
 */
export function ruleStatements(): Array<{ rule: QualityRule; sql: string }> {
  return [
    {
      // a former holder (rights ended by a transfer) is history, not garbage: an orphan is a
      // party nothing ever pointed to. Parties belong to no unit: the province's run reports them.
      rule: 'party.orphan',
      sql: `${INSERT} select $1::uuid, 'party.orphan', 'warning', 'party', pa.id, null, 'land_right',
              'Chủ thể không gắn với quyền nào, Giấy chứng nhận nào hay đăng ký biện pháp bảo đảm nào (dữ liệu thừa)',
              'The party is linked to no right, no certificate and no registered security (left-over data)', null,
              jsonb_build_object('kind', pa.kind, 'createdAt', pa.created_at)
            from party pa
           where $3::boolean and cardinality($2::bigint[]) > 0
             and not exists (select 1 from land_right r where r.party_id = pa.id)
             and not exists (select 1 from certificate_holder h where h.party_id = pa.id)
             and not exists (select 1 from land_restriction l where l.holder_party_id = pa.id)`,
    },
    {
      rule: 'parcel.no_right',
      sql: `${INSERT} select $1::uuid, 'parcel.no_right', 'warning', 'parcel', p.id, p.unit_id, 'land_right',
              format('Thửa đất %s tờ %s thửa %s đang quản lý nhưng không có quyền nào còn hiệu lực', u.code, p.sheet_number, p.parcel_number),
              format('Live parcel %s sheet %s parcel %s has no live right', u.code, p.sheet_number, p.parcel_number),
              ST_PointOnSurface(p.geom_4326), ${PARCEL_DETAILS}
            from parcel p join admin_unit u on u.id = p.unit_id
           where p.valid_to is null and p.unit_id = any($2::bigint[]) and $3::boolean is not null
             and not exists (select 1 from land_right r where r.parcel_id = p.id and r.valid_to is null)`,
    },
    {
      // unit + sheet + parcel is unique among live parcels by an index (migration 0004); a
      // parcel identity live in two versions is the duplicate the index cannot stop
      rule: 'parcel.duplicate_key',
      sql: `${INSERT} select $1::uuid, 'parcel.duplicate_key', 'error', 'parcel', p.id, p.unit_id, d.field,
              format('Thửa đất %s tờ %s thửa %s: %s', u.code, p.sheet_number, p.parcel_number, d.vi),
              format('Parcel %s sheet %s parcel %s: %s', u.code, p.sheet_number, p.parcel_number, d.en),
              ST_PointOnSurface(p.geom_4326), ${PARCEL_DETAILS} || jsonb_build_object('otherParcelId', d.other)
            from (select p.id, 'parcel_number' as field, 'trùng số tờ, số thửa với một thửa khác đang quản lý' as vi, 'the same sheet and parcel number as another live parcel' as en,
                         first_value(p.id) over (partition by p.unit_id, p.sheet_number, p.parcel_number order by p.valid_from, p.id) as other
                    from parcel p where p.valid_to is null and p.unit_id = any($2::bigint[]) and $3::boolean is not null
                  union all
                  select p.id, 'parcel_uid', 'thửa đất có hai phiên bản cùng còn hiệu lực', 'two versions of the parcel are live at once',
                         first_value(p.id) over (partition by p.parcel_uid order by p.version, p.id)
                    from parcel p where p.valid_to is null and p.parcel_uid in (select parcel_uid from parcel where valid_to is null and unit_id = any($2::bigint[]) group by parcel_uid having count(*) > 1)) d
            join parcel p on p.id = d.id join admin_unit u on u.id = p.unit_id
           where d.other <> d.id`,
    },
    {
      rule: 'parcel.invalid_geometry',
      sql: `${INSERT} select $1::uuid, 'parcel.invalid_geometry', 'error', 'parcel', p.id, p.unit_id, 'geometry',
              format('Thửa đất %s tờ %s thửa %s có hình không hợp lệ: %s', u.code, p.sheet_number, p.parcel_number, ST_IsValidReason(p.geom)),
              format('Parcel %s sheet %s parcel %s has an invalid geometry: %s', u.code, p.sheet_number, p.parcel_number, ST_IsValidReason(p.geom)),
              ST_Transform(ST_SetSRID(coalesce((ST_IsValidDetail(p.geom)).location, ST_Centroid(ST_Envelope(p.geom))), p.srid), 4326), ${PARCEL_DETAILS}
            from parcel p join admin_unit u on u.id = p.unit_id
           where p.valid_to is null and p.unit_id = any($2::bigint[]) and $3::boolean is not null and not ST_IsValid(p.geom)`,
    },
    {
      // each pair once: on the first of the two when both are in the run, else on the one that is
      rule: 'parcel.overlap',
      sql: `${INSERT} select $1::uuid, 'parcel.overlap', 'error', 'parcel', o.id, o.unit_id, 'geometry',
              format('Thửa đất %s tờ %s thửa %s chồng lấn %s m² với thửa %s tờ %s thửa %s', o.code, o.sheet_number, o.parcel_number, round(o.area::numeric, 2), o.other_code, o.other_sheet, o.other_parcel),
              format('Parcel %s sheet %s parcel %s overlaps parcel %s sheet %s parcel %s by %s m²', o.code, o.sheet_number, o.parcel_number, o.other_code, o.other_sheet, o.other_parcel, round(o.area::numeric, 2)),
              ST_Transform(ST_PointOnSurface(o.shared), 4326),
              jsonb_build_object('unitCode', o.code, 'sheetNumber', o.sheet_number, 'parcelNumber', o.parcel_number, 'otherParcelId', o.other_id, 'area', round(o.area::numeric, 2))
            from (select p.id, p.unit_id, u.code, p.sheet_number, p.parcel_number, q.id as other_id, v.code as other_code, q.sheet_number as other_sheet, q.parcel_number as other_parcel,
                         x.shared, ST_Area(x.shared) as area
                    from parcel p join admin_unit u on u.id = p.unit_id
                    join parcel q on q.valid_to is null and q.id <> p.id and q.geom_4326 && p.geom_4326
                                 and (not (q.unit_id = any($2::bigint[])) or p.id::text < q.id::text)
                    join admin_unit v on v.id = q.unit_id
                    cross join lateral (select ST_Intersection(p.geom, ST_Transform(q.geom, p.srid)) as shared) x
                   where p.valid_to is null and p.unit_id = any($2::bigint[]) and $3::boolean is not null
                     and ST_Intersects(p.geom_4326, q.geom_4326) and ST_IsValid(p.geom) and ST_IsValid(q.geom)) o
           where o.area > ${TOLERANCE} and not ST_IsEmpty(o.shared)`,
    },
    {
      rule: 'parcel.outside_unit',
      sql: `${INSERT} select $1::uuid, 'parcel.outside_unit', 'error', 'parcel', p.id, p.unit_id, 'geometry',
              format('Thửa đất %s tờ %s thửa %s nằm ngoài ranh giới đơn vị hành chính %s', u.code, p.sheet_number, p.parcel_number, u.name),
              format('Parcel %s sheet %s parcel %s lies outside the boundary of its unit %s', u.code, p.sheet_number, p.parcel_number, u.name),
              ST_PointOnSurface(p.geom_4326), ${PARCEL_DETAILS}
            from parcel p join admin_unit u on u.id = p.unit_id
           where p.valid_to is null and p.unit_id = any($2::bigint[]) and $3::boolean is not null and u.boundary is not null
             and ST_IsValid(p.geom_4326) and not ST_Covers(u.boundary, ST_PointOnSurface(p.geom_4326))`,
    },
    {
      rule: 'party.id_conflict',
      sql: `with related as (select pa.id, pa.id_number, pa.full_name from party pa
                              where pa.id_number is not null
                                and ($3::boolean or exists (select 1 from land_right r join parcel p on p.id = r.parcel_id where r.party_id = pa.id and p.unit_id = any($2::bigint[]))))
        ${INSERT} select distinct on (x.id) $1::uuid, 'party.id_conflict', 'warning', 'party', x.id, null, 'id_number',
              format('Số giấy tờ tận cùng %s của chủ thể trùng với một chủ thể khác nhưng khác họ tên', right(x.id_number, 3)),
              format('The ID number ending %s is also held by another party of a different name', right(x.id_number, 3)), null,
              jsonb_build_object('otherPartyId', y.id)
            from related x join party y on y.id_number = x.id_number and y.id <> x.id and lower(trim(y.full_name)) <> lower(trim(x.full_name))
           order by x.id, y.id`,
    },
  ];
}

export interface FindingRow {
  id: number;
  rule: QualityRule;
  severity: 'error' | 'warning';
  objectType: 'parcel' | 'party';
  objectId: string;
  unitCode: string | null;
  field: string | null;
  message: { vi: string; en: string };
  location: [number, number] | null;
  details: Record<string, unknown> | null;
}

export async function listFindings(db: Queryable, runId: string, q: { rule?: string | undefined; limit: number }): Promise<FindingRow[]> {
  const { rows } = await db.query<FindingRow>(
    `select f.id::int, f.rule, f.severity, f.object_type as "objectType", f.object_id as "objectId", u.code as "unitCode", f.field,
            json_build_object('vi', f.message_vi, 'en', f.message_en) as message,
            case when f.location is null then null else json_build_array(round(ST_X(f.location)::numeric, 7), round(ST_Y(f.location)::numeric, 7)) end as location,
            f.details
       from quality_finding f left join admin_unit u on u.id = f.unit_id
      where f.run_id = $1::uuid and ($2::text is null or f.rule = $2::text)
      order by f.severity, f.rule, f.id limit $3::int`,
    [runId, q.rule ?? null, q.limit],
  );
  return rows.map((r) => ({ ...r, location: r.location ? [Number(r.location[0]), Number(r.location[1])] : null }));
}
