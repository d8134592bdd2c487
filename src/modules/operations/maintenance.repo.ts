// Maintenance mode rows (I3): one per suspended subsystem; lifting deletes the row (the
// audit log keeps the history). A change is announced on MAINTENANCE_CHANNEL so every
// process reloads its cached copy at once.
import type { Queryable } from '../../db/database.js';
import type { MaintenanceSubsystem } from './subsystems.js';

export const MAINTENANCE_CHANNEL = 'lis_maintenance_changed';

export interface MaintenanceMode {
  subsystem: MaintenanceSubsystem;
  mode: 'read_only' | 'closed';
  messageVi: string;
  messageEn: string;
  plannedEnd: string | null;
  setByName: string;
  setAt: string;
}

const COLUMNS = `subsystem, mode, message_vi as "messageVi", message_en as "messageEn", planned_end as "plannedEnd",
                 set_by_name as "setByName", set_at as "setAt"`;

const iso = (value: unknown) => (value === null ? null : new Date(value as string).toISOString());

export async function listModes(db: Queryable): Promise<MaintenanceMode[]> {
  const { rows } = await db.query<MaintenanceMode>(`select ${COLUMNS} from maintenance_mode order by subsystem`);
  return rows.map((r) => ({ ...r, plannedEnd: iso(r.plannedEnd), setAt: iso(r.setAt)! }));
}

export async function upsertMode(
  tx: Queryable,
  mode: Omit<MaintenanceMode, 'setAt' | 'plannedEnd'> & { plannedEnd: Date | null; setBy: string | null; setAt: Date },
): Promise<void> {
  await tx.query(
    `insert into maintenance_mode (subsystem, mode, message_vi, message_en, planned_end, set_by, set_by_name, set_at)
     values ($1::text, $2::text, $3::text, $4::text, $5::timestamptz, $6::uuid, $7::text, $8::timestamptz)
     on conflict (subsystem) do update set mode = excluded.mode, message_vi = excluded.message_vi, message_en = excluded.message_en,
       planned_end = excluded.planned_end, set_by = excluded.set_by, set_by_name = excluded.set_by_name, set_at = excluded.set_at`,
    [mode.subsystem, mode.mode, mode.messageVi, mode.messageEn, mode.plannedEnd, mode.setBy, mode.setByName, mode.setAt],
  );
  await tx.query(`select pg_notify('${MAINTENANCE_CHANNEL}', $1::text)`, [mode.subsystem]);
}

export async function deleteMode(tx: Queryable, subsystem: MaintenanceSubsystem): Promise<boolean> {
  const { rowCount } = await tx.query('delete from maintenance_mode where subsystem = $1::text', [subsystem]);
  await tx.query(`select pg_notify('${MAINTENANCE_CHANNEL}', $1::text)`, [subsystem]);
  return rowCount > 0;
}
