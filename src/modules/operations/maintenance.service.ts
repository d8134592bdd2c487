// Maintenance mode (I3): an operations.manage holder suspends one subsystem, or all of
// them, read-only or closed, with a message. The modes are cached in each process (the
// check runs on every request) and reloaded when another process announces a change
// (LISTEN/NOTIFY), or after CACHE_TTL_MS at the latest if a notification was missed.
import type { Database } from '../../db/database.js';
import { AppError } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { actAs, type Actor } from '../audit/index.js';
import { deleteMode, listModes, MAINTENANCE_CHANNEL, upsertMode, type MaintenanceMode } from './maintenance.repo.js';
import { SUBSYSTEM_NAMES, subsystemOfUrl, type MaintenanceSubsystem } from './subsystems.js';

export const CACHE_TTL_MS = 5_000;

export interface MaintenanceGate {
  /** The modes in force (cached). */
  modes(): Promise<MaintenanceMode[]>;
  /** Throws MAINTENANCE when this request may not run now. */
  check(method: string, url: string): Promise<void>;
  /** Forget the cache (this process changed a mode). */
  invalidate(): void;
  /** Stop listening. */
  close(): Promise<void>;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function refusal(mode: MaintenanceMode): AppError {
  const name = SUBSYSTEM_NAMES[mode.subsystem];
  const what = mode.mode === 'closed'
    ? { vi: `Phân hệ "${name.vi}" đang tạm dừng hoạt động để bảo trì`, en: `The "${name.en}" subsystem is closed for maintenance` }
    : { vi: `Phân hệ "${name.vi}" đang ở chế độ chỉ đọc để bảo trì: chưa thể ghi, cập nhật dữ liệu`, en: `The "${name.en}" subsystem is read-only for maintenance: changes are refused` };
  const until = mode.plannedEnd ? { vi: ` (dự kiến đến ${mode.plannedEnd})`, en: ` (planned until ${mode.plannedEnd})` } : { vi: '', en: '' };
  return new AppError(
    'MAINTENANCE',
    { vi: `${what.vi}${until.vi}. ${mode.messageVi}`, en: `${what.en}${until.en}. ${mode.messageEn}` },
    { subsystem: mode.subsystem, mode: mode.mode, plannedEnd: mode.plannedEnd },
  );
}

/** The mode that refuses this request, if any: the subsystem's own, or 'all'. */
export function refusingMode(modes: readonly MaintenanceMode[], method: string, url: string): MaintenanceMode | undefined {
  const subsystem = subsystemOfUrl(url);
  if (subsystem === null) return undefined;
  const write = WRITES.has(method);
  return modes.find((m) => (m.subsystem === 'all' || m.subsystem === subsystem) && (m.mode === 'closed' || write));
}

export async function createMaintenanceGate(db: Database, options: { ttlMs?: number; onError?: (error: unknown) => void } = {}): Promise<MaintenanceGate> {
  const ttl = options.ttlMs ?? CACHE_TTL_MS;
  let cached: { at: number; modes: Promise<MaintenanceMode[]> } | undefined;
  const load = () => {
    const modes = listModes(db);
    cached = { at: Date.now(), modes };
    // a failed read is not cached: the next request tries again
    modes.catch((error: unknown) => { if (cached?.modes === modes) cached = undefined; options.onError?.(error); });
    return modes;
  };
  const stop = await db.listen(MAINTENANCE_CHANNEL, () => { cached = undefined; });
  const gate: MaintenanceGate = {
    modes: () => (cached && Date.now() - cached.at < ttl ? cached.modes : load()),
    async check(method, url) {
      const subsystem = subsystemOfUrl(url);
      if (subsystem === null) return;
      const refusing = refusingMode(await gate.modes(), method, url);
      if (refusing) throw refusal(refusing);
    },
    invalidate: () => { cached = undefined; },
    close: () => stop(),
  };
  return gate;
}

export interface SetModeInput {
  subsystem: MaintenanceSubsystem;
  mode: 'read_only' | 'closed';
  messageVi: string;
  messageEn: string;
  plannedEnd?: string | undefined;
}

export async function setMaintenanceMode(deps: { db: Database; clock: Clock; gate?: MaintenanceGate }, actor: Actor, input: SetModeInput): Promise<MaintenanceMode[]> {
  const now = deps.clock.now();
  const plannedEnd = input.plannedEnd ? new Date(input.plannedEnd) : null;
  if (plannedEnd && plannedEnd <= now) {
    throw new AppError('VALIDATION_FAILED', { vi: 'Thời điểm dự kiến kết thúc (plannedEnd) phải ở sau hiện tại', en: 'plannedEnd must be in the future' }, { field: 'plannedEnd' });
  }
  await actAs(deps.db, actor, (tx) => upsertMode(tx, { ...input, plannedEnd, setBy: actor.id, setByName: actor.name, setAt: now }));
  deps.gate?.invalidate();
  return listModes(deps.db);
}

export async function liftMaintenanceMode(deps: { db: Database; gate?: MaintenanceGate }, actor: Actor, subsystem: MaintenanceSubsystem): Promise<MaintenanceMode[]> {
  const lifted = await actAs(deps.db, actor, (tx) => deleteMode(tx, subsystem));
  if (!lifted) throw new AppError('NOT_FOUND', { vi: `Phân hệ ${subsystem} không ở chế độ bảo trì`, en: `Subsystem ${subsystem} is not under maintenance` }, { subsystem });
  deps.gate?.invalidate();
  return listModes(deps.db);
}
