// SQL of the workflow's statistics and compliance check (issue #7 item 8; O13): dossiers
// received in a period (local days), by procedure and by unit; steps by officer; the
// steps each dossier recorded, for comparison with its procedure version.
import type { Queryable } from '../../db/database.js';

export interface Counts {
  received: number;
  doneOnTime: number;
  doneLate: number;
  refused: number;
  inProgress: number;
  inProgressLate: number;
}

const LOCAL = `at time zone 'Asia/Ho_Chi_Minh'`;
const PERIOD = `with d as (
  select d.*, p.code as procedure_code, p.name_vi as procedure_vi, p.name_en as procedure_en, u.code as unit_code, u.name as unit_name,
         (d.closed_at ${LOCAL})::date as closed_day
    from dossier d join procedure p on p.id = d.procedure_id join admin_unit u on u.id = d.unit_id
   where (d.received_at ${LOCAL})::date between $1::date and $2::date and ($4::bigint[] is null or d.unit_id = any($4::bigint[]))
)`;
const COUNTS = `count(*)::int as received,
  (count(*) filter (where status = 'done' and closed_day <= due_day))::int as "doneOnTime",
  (count(*) filter (where status = 'done' and closed_day > due_day))::int as "doneLate",
  (count(*) filter (where status = 'refused'))::int as refused,
  (count(*) filter (where closed_at is null))::int as "inProgress",
  (count(*) filter (where closed_at is null and due_day < $3::date
                    and not exists (select 1 from dossier_pause x where x.dossier_id = d.id and x.ended_at is null)))::int as "inProgressLate"`;

export type ByProcedure = Counts & { procedureCode: string; name: { vi: string; en: string } };
export type ByUnit = Counts & { unitCode: string; unitName: string };

export async function countsByProcedure(db: Queryable, from: string, to: string, today: string, unitIds: number[] | null): Promise<ByProcedure[]> {
  const { rows } = await db.query<ByProcedure>(
    `${PERIOD} select procedure_code as "procedureCode", json_build_object('vi', min(procedure_vi), 'en', min(procedure_en)) as name, ${COUNTS}
       from d group by procedure_code order by procedure_code`,
    [from, to, today, unitIds],
  );
  return rows;
}

export async function countsByUnit(db: Queryable, from: string, to: string, today: string, unitIds: number[] | null): Promise<ByUnit[]> {
  const { rows } = await db.query<ByUnit>(
    `${PERIOD} select unit_code as "unitCode", min(unit_name) as "unitName", ${COUNTS} from d group by unit_code order by unit_code`,
    [from, to, today, unitIds],
  );
  return rows;
}

export interface ByOfficer {
  accountId: string;
  fullName: string;
  stepsDone: number;
  /** steps that took more working days than their share of the time limit */
  stepsOverShare: number;
  /** open dossiers assigned to the officer */
  assignedOpen: number;
}

export async function stepsByOfficer(db: Queryable, from: string, to: string, unitIds: number[] | null): Promise<ByOfficer[]> {
  const { rows } = await db.query<ByOfficer>(
    `select a.id as "accountId", a.full_name as "fullName",
            count(s.id)::int as "stepsDone",
            (count(s.id) filter (where ps.clock_runs and s.working_days > ps.days))::int as "stepsOverShare",
            (select count(*)::int from dossier o where o.assigned_to = a.id and o.closed_at is null
               and ($3::bigint[] is null or o.unit_id = any($3::bigint[]))) as "assignedOpen"
       from dossier_step s
       join dossier d on d.id = s.dossier_id
       join procedure_step ps on ps.procedure_id = d.procedure_id and ps.seq = s.seq
       join account a on a.id = s.acted_by
      where (s.ended_at ${LOCAL})::date between $1::date and $2::date and ($3::bigint[] is null or d.unit_id = any($3::bigint[]))
      group by a.id, a.full_name order by a.full_name`,
    [from, to, unitIds],
  );
  return rows;
}

export interface RecordedSteps {
  dossierId: string;
  receiptCode: string;
  procedureCode: string;
  version: number;
  status: string;
  planned: string[];
  recorded: string[];
}

export async function recordedSteps(db: Queryable, from: string, to: string, unitIds: number[] | null): Promise<RecordedSteps[]> {
  const { rows } = await db.query<RecordedSteps>(
    `select d.id as "dossierId", d.receipt_code as "receiptCode", p.code as "procedureCode", p.version, d.status,
            coalesce((select array_agg(ps.code order by ps.seq) from procedure_step ps where ps.procedure_id = p.id), '{}') as planned,
            coalesce((select array_agg(s.step_code order by s.started_at, s.seq) from dossier_step s where s.dossier_id = d.id), '{}') as recorded
       from dossier d join procedure p on p.id = d.procedure_id
      where (d.received_at ${LOCAL})::date between $1::date and $2::date and ($3::bigint[] is null or d.unit_id = any($3::bigint[]))
      order by d.received_at`,
    [from, to, unitIds],
  );
  return rows;
}
