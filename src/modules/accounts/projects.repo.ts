// SQL of contractor projects (A6, L3).
import type { Queryable } from '../../db/database.js';
import type { DocumentRef } from './accounts.repo.js';

export interface ProjectView {
  id: string;
  name: string;
  contractNumber: string;
  planDocument: DocumentRef;
  unitCodes: string[];
  validFrom: string;
  validTo: string;
  status: 'active' | 'accepted';
  acceptedAt: string | null;
}

const VIEW = `p.id, p.name, p.contract_number as "contractNumber", p.plan_document as "planDocument",
  (select coalesce(array_agg(u.code order by u.code), '{}') from admin_unit u where u.id = any(p.unit_ids)) as "unitCodes",
  p.valid_from::text as "validFrom", p.valid_to::text as "validTo", p.status, p.accepted_at as "acceptedAt"`;

export async function listProjects(db: Queryable): Promise<ProjectView[]> {
  const { rows } = await db.query<ProjectView>(`select ${VIEW} from contractor_project p order by p.created_at desc`);
  return rows.map(iso);
}

export async function getProject(db: Queryable, id: string): Promise<(ProjectView & { unitIds: number[] }) | undefined> {
  const { rows } = await db.query<ProjectView & { unitIds: number[] }>(`select ${VIEW}, p.unit_ids as "unitIds" from contractor_project p where p.id = $1`, [id]);
  return rows[0] ? { ...iso(rows[0]), unitIds: rows[0].unitIds.map(Number) } : undefined;
}

function iso<T extends { acceptedAt: string | null }>(p: T): T {
  return { ...p, acceptedAt: p.acceptedAt ? new Date(p.acceptedAt).toISOString() : null };
}

export async function insertProject(
  db: Queryable,
  p: { name: string; contractNumber: string; planDocument: DocumentRef; unitIds: number[]; validFrom: string; validTo: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into contractor_project (name, contract_number, plan_document, unit_ids, valid_from, valid_to)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [p.name, p.contractNumber, JSON.stringify(p.planDocument), p.unitIds, p.validFrom, p.validTo],
  );
  return rows[0]!.id;
}

export async function markAccepted(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(`update contractor_project set status = 'accepted', accepted_at = $2 where id = $1`, [id, now]);
}

/** Accounts of the project that can still be used. */
export async function openAccountsOfProject(db: Queryable, projectId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id from account where contractor_project_id = $1 and status in ('issued', 'active')`,
    [projectId],
  );
  return rows.map((r) => r.id);
}

/** Open accounts of projects whose period is over. */
export async function accountsOfEndedProjects(db: Queryable, today: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select a.id from account a join contractor_project p on p.id = a.contractor_project_id
      where a.status in ('issued', 'active') and p.valid_to <= $1::date`,
    [today],
  );
  return rows.map((r) => r.id);
}

export async function liveProvinceUnitIds(db: Queryable): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(`select id from admin_unit where level = 'province' and valid_to is null`);
  return rows.map((r) => r.id);
}
