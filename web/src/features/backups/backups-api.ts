// The backups API (issue #10): backups, removable copies and their register, restores with
// their log (printable), drills.
import { getJson, requestJson } from '../../api/http-client';

export interface Backup {
  id: string;
  kind: 'database' | 'documents' | 'removable';
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'succeeded' | 'failed';
  verified: boolean;
  target: string;
  fileName: string | null;
  bytes: number | null;
  engine: string | null;
  error: string | null;
  startedByName: string | null;
  retention: string;
  deletedAt: string | null;
  tables: number | null;
  rows: number | null;
}

export interface Restore {
  id: string;
  drill: boolean;
  backupId: string | null;
  incidentAt: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'succeeded' | 'failed';
  restoredInto: string | null;
  previousKeptAs: string | null;
  durationMs: number | null;
  error: string | null;
  requestedByName: string | null;
  reason: string | null;
}

export interface RemovableCopy {
  id: string;
  mediumLabel: string;
  destination: string;
  takenByName: string;
  takenAt: string;
  handedTo: string | null;
  archiveLocation: string | null;
  status: 'issued' | 'archived' | 'returned' | 'destroyed';
  statusAt: string | null;
  bytes: number | null;
  verified: boolean;
}

export const listBackups = (signal?: AbortSignal) => getJson<Backup[]>('/backups', { limit: 100 }, signal);
export const startBackup = (kind: 'database' | 'documents') => requestJson<{ started: boolean }>('POST', '/backups', { body: { kind } });
export const listRestores = (signal?: AbortSignal) => getJson<Restore[]>('/restores', { limit: 50 }, signal);
export const listRemovable = (signal?: AbortSignal) => getJson<RemovableCopy[]>('/backups/removable', { limit: 100 }, signal);
export const previewRestore = (incidentAt: string | undefined) => getJson<Backup>('/restores/preview', incidentAt ? { incidentAt } : {});
export const startRestore = (body: { incidentAt?: string; reason: string; confirmBackupId: string }) =>
  requestJson<{ id: string; backupId: string }>('POST', '/restores', { body });
export const startDrill = () => requestJson<{ started: boolean }>('POST', '/restores/drill');
export const copyToRemovable = (body: { destination: string; mediumLabel: string; handedTo?: string; archiveLocation?: string }) =>
  requestJson<RemovableCopy>('POST', '/backups/removable', { body });
export const updateRemovable = (id: string, body: { status: 'archived' | 'returned' | 'destroyed'; archiveLocation?: string }) =>
  requestJson<void>('PUT', `/backups/removable/${encodeURIComponent(id)}`, { body });
export const restoreLogUrl = (id: string) => `/api/v1/restores/${encodeURIComponent(id)}/log.pdf`;

/** A datetime-local value read as Vietnam time (UTC+7), as an ISO string with its offset. */
export function vietnamTime(local: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return undefined;
  return `${local}:00+07:00`;
}

/** Age of a backup in hours (the O8 alarm fires past 26). */
export function ageHours(startedAt: string, now: Date = new Date()): number {
  return Math.max(0, (now.getTime() - new Date(startedAt).getTime()) / 3_600_000);
}
