// The procedure catalogue as configuration (issue #7 item 1; O4): a procedure is data,
// and editing it inserts a new version; dossiers keep the version they started with
// (dossier.procedure_id is the version's row). The working calendar's yearly overrides
// are edited here too.
import type { Database, Queryable } from '../../db/database.js';
import { AppError, errors } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { actAs, type Actor } from '../audit/index.js';
import { checkFormDefinitions } from './forms.js';
import { localDay, type Holiday } from './holidays.js';
import * as repo from './procedures.repo.js';
import { createCalendar, type CalendarOverride, type WorkingCalendar } from './working-days.js';

export interface WorkflowDeps {
  db: Database;
  clock: Clock;
}

export async function loadCalendar(db: Queryable): Promise<WorkingCalendar> {
  return createCalendar(await repo.calendarOverrides(db));
}

export function listProcedures(db: Queryable): Promise<repo.ProcedureSummary[]> {
  return repo.listProcedures(db);
}

export async function getProcedure(db: Queryable, code: string, version: number | null): Promise<repo.ProcedureVersion> {
  const found = await repo.procedureByCode(db, code, version);
  if (!found) throw errors.notFound({ vi: `thủ tục ${code}${version ? ` phiên bản ${version}` : ''}`, en: `Procedure ${code}${version ? ` version ${version}` : ''}` }, { field: 'params/code' });
  return found;
}

export type ProcedureInput = Omit<repo.NewVersion, 'code' | 'version' | 'status'> & { status: 'draft' | 'active' };

async function checkInput(db: Queryable, input: ProcedureInput): Promise<void> {
  const seqs = input.steps.map((s) => s.seq);
  if (new Set(seqs).size !== seqs.length || new Set(input.steps.map((s) => s.code)).size !== seqs.length) {
    throw errors.invalid({ vi: 'Thứ tự và mã các bước phải khác nhau', en: 'Step numbers and codes must be unique' }, { field: 'body/steps' });
  }
  const shares = input.steps.reduce((sum, s) => sum + s.days, 0);
  if (shares > input.timeLimitDays) {
    throw errors.invalid(
      { vi: `Tổng thời gian các bước (${shares} ngày) vượt thời hạn giải quyết (${input.timeLimitDays} ngày)`, en: `The steps take ${shares} days, more than the time limit of ${input.timeLimitDays}` },
      { field: 'body/steps' },
    );
  }
  checkFormDefinitions(input.forms, 'body/forms');
  const unknown = await repo.unknownCodes(db, input.steps.map((s) => s.roleCode), input.documents.map((d) => d.documentType), input.changeType);
  if (unknown.roles.length > 0) throw errors.invalid({ vi: `Không có vai trò ${unknown.roles[0]}`, en: `No role ${unknown.roles[0]}` }, { field: 'body/steps/roleCode' });
  if (unknown.documentTypes.length > 0) throw errors.invalid({ vi: `Không có loại giấy tờ ${unknown.documentTypes[0]}`, en: `No document type ${unknown.documentTypes[0]}` }, { field: 'body/documents/documentType' });
  if (unknown.changeType) throw errors.invalid({ vi: `Không có loại biến động ${input.changeType}`, en: `No change type ${input.changeType}` }, { field: 'body/changeType' });
}

/** A new version of a procedure (or its first): active at once (the previous one retires) or a draft. */
export async function createVersion(deps: WorkflowDeps, actor: Actor, code: string, input: ProcedureInput): Promise<repo.ProcedureVersion> {
  await checkInput(deps.db, input);
  const now = deps.clock.now();
  return actAs(deps.db, actor, async (tx) => {
    const version = (await repo.lastVersion(tx, code)) + 1;
    const validFrom = input.validFrom ?? (input.status === 'active' ? localDay(now) : null);
    const id = await repo.insertVersion(tx, { ...input, code, version, status: 'draft', validFrom }, actor.id, now);
    if (input.status === 'active') await repo.activate(tx, code, version, validFrom!);
    return (await repo.procedureById(tx, id))!;
  });
}

export async function activateVersion(deps: WorkflowDeps, actor: Actor, code: string, version: number): Promise<repo.ProcedureVersion> {
  return actAs(deps.db, actor, async (tx) => {
    await repo.lastVersion(tx, code); // locks the code's versions
    const found = await getProcedure(tx, code, version);
    if (found.status !== 'draft') {
      throw new AppError('CONFLICT', { vi: `Phiên bản ${version} đang ở trạng thái "${found.status}"`, en: `Version ${version} is ${found.status}` }, { status: found.status });
    }
    await repo.activate(tx, code, version, found.validFrom ?? localDay(deps.clock.now()));
    return (await repo.procedureById(tx, found.id))!;
  });
}

export interface CalendarYear {
  year: number;
  holidays: Holiday[];
  overrides: Array<CalendarOverride & { note: string }>;
}

export async function calendarYear(db: Queryable, year: number): Promise<CalendarYear> {
  const overrides = (await repo.calendarOverrides(db)).filter((o) => o.day.startsWith(`${year}-`));
  return { year, holidays: createCalendar().holidaysOf(year), overrides };
}

export async function setCalendarDay(deps: WorkflowDeps, actor: Actor, day: string, kind: 'day_off' | 'working_day' | 'normal', note: string): Promise<void> {
  await actAs(deps.db, actor, (tx) => repo.setCalendarDay(tx, day, kind, note, actor.id, deps.clock.now()));
}
