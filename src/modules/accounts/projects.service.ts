// Contractor projects: the only way to give contractor accounts (A6); accepting the
// project locks them (L3), and so does the end of its period.
import { errors } from '../../kernel/app-error.js';
import { actAs, appendAudit, type Actor } from '../audit/index.js';
import type { AccountsDeps, Decision } from './accounts.service.js';
import { lockInTransaction } from './accounts.service.js';
import { insertDocument, unitIdByCode } from './accounts.repo.js';
import * as repo from './projects.repo.js';

export type ProjectInput = Pick<repo.ProjectView, 'name' | 'contractNumber' | 'planDocument' | 'unitCodes' | 'validFrom' | 'validTo'>;

export async function createProject(deps: AccountsDeps, actor: Actor, input: ProjectInput): Promise<repo.ProjectView> {
  const now = deps.clock.now();
  if (input.validTo <= input.validFrom) {
    throw errors.invalid({ vi: 'Ngày kết thúc phải sau ngày bắt đầu', en: 'The end date must follow the start date' }, { field: 'body/validTo' });
  }
  return actAs(deps.db, actor, async (tx) => {
    const unitIds: number[] = [];
    for (const [i, code] of input.unitCodes.entries()) {
      const id = await unitIdByCode(tx, code, now);
      if (id === undefined) throw errors.invalid({ vi: `Đơn vị hành chính ${code} không tồn tại`, en: `Unknown administrative unit ${code}` }, { field: `body/unitCodes/${i}` });
      unitIds.push(id);
    }
    const id = await repo.insertProject(tx, { ...input, unitIds });
    await insertDocument(tx, { projectId: id, kind: 'project_plan', document: input.planDocument, recordedBy: actor.id, now });
    await appendAudit(tx, actor, { action: 'project.create', objectType: 'contractor_project', objectId: id, details: { unitCodes: input.unitCodes } });
    return (await repo.getProject(tx, id))!;
  });
}

/** L3: once the project is accepted (nghiệm thu), its accounts are locked. */
export async function acceptProject(deps: AccountsDeps, actor: Actor, id: string, decision: Decision): Promise<repo.ProjectView> {
  const now = deps.clock.now();
  return actAs(deps.db, actor, async (tx) => {
    const project = await repo.getProject(tx, id);
    if (!project) throw errors.notFound({ vi: 'dự án', en: 'Project' }, { projectId: id });
    if (project.status === 'accepted') return project;
    await repo.markAccepted(tx, id, now);
    await insertDocument(tx, { projectId: id, kind: 'project_acceptance', document: decision.document, note: decision.note, recordedBy: actor.id, now });
    await appendAudit(tx, actor, { action: 'project.accept', objectType: 'contractor_project', objectId: id });
    for (const accountId of await repo.openAccountsOfProject(tx, id)) {
      await lockInTransaction(tx, actor, accountId, 'project_accepted', decision, now);
    }
    return (await repo.getProject(tx, id))!;
  });
}
