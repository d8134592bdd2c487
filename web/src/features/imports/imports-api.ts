// The contractor deliveries API (issue #6): upload (the file is the request body), the
// batch with its job's progress, the validation report (JSON, Excel), the map, commit, reject.
import type { FeatureCollection } from 'geojson';
import { buildUrl, getJson, requestJson } from '../../api/http-client';

export interface ImportJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  phase: 'loading' | 'validating' | 'done';
  done: number;
  total: number | null;
  error: string | null;
}

export interface ImportBatch {
  id: string;
  projectId: string | null;
  unitCode: string;
  fileName: string;
  format: string | null;
  encoding: string | null;
  sourceSrid: number | null;
  attempt: number;
  status: 'uploaded' | 'loading' | 'validated' | 'committed' | 'rejected' | 'failed' | 'cancelled';
  errorCount: number | null;
  warningCount: number | null;
  createdAt: string;
  decisionNote: string | null;
  changeId: string | null;
  job: ImportJob | null;
}

export interface ImportFinding {
  rule: string;
  severity: 'error' | 'warning';
  featureIndex: number | null;
  field: string | null;
  message: { vi: string; en: string };
  location: [number, number] | null;
  sheetNumber: number | null;
  parcelNumber: number | null;
}

export interface ImportReport {
  batch: ImportBatch;
  counts: { errors: number; warnings: number };
  findings: ImportFinding[];
}

/** Still loading or validating: the screen polls the batch. */
export const isWorking = (batch: ImportBatch) => batch.status === 'uploaded' || batch.status === 'loading';

/** The media type the server expects for a delivery file, by its name. */
export function deliveryType(name: string): string {
  if (/\.zip$/i.test(name)) return 'application/zip';
  if (/\.(geo)?json$/i.test(name)) return 'application/geo+json';
  if (/\.gpkg$/i.test(name)) return 'application/geopackage+sqlite3';
  return 'application/octet-stream';
}

export const listBatches = (unit: string, signal?: AbortSignal) => getJson<ImportBatch[]>('/imports', { unit, limit: 50 }, signal);
export const getBatch = (id: string, signal?: AbortSignal) => getJson<ImportBatch>(`/imports/${id}`, undefined, signal);
export const getReport = (id: string, signal?: AbortSignal) => getJson<ImportReport>(`/imports/${id}/report`, { limit: 5000 }, signal);
export const getMap = (id: string, signal?: AbortSignal) => getJson<FeatureCollection>(`/imports/${id}/map`, undefined, signal);
export const reportXlsxUrl = (id: string) => buildUrl(`/imports/${id}/report`, { format: 'xlsx' });

export function uploadDelivery(file: File, q: { unit: string; project?: string | undefined }): Promise<ImportBatch> {
  return requestJson<ImportBatch>('POST', '/imports', {
    params: { unit: q.unit, project: q.project || undefined, name: file.name.slice(0, 255) },
    body: file,
    contentType: deliveryType(file.name),
  });
}

export const commitBatch = (id: string, legalBasis: string) =>
  requestJson<{ batch: ImportBatch; changeId: string; created: number; replaced: number }>('POST', `/imports/${id}/commit`, { body: { legalBasis } });
export const rejectBatch = (id: string, reason: string) => requestJson<ImportBatch>('POST', `/imports/${id}/reject`, { body: { reason } });
export const cancelBatch = (id: string) => requestJson<ImportBatch>('POST', `/imports/${id}/cancel`, { body: {} });
