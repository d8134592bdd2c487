// Calls for the land record's content, its versions and comparison, and the change
// transactions (prepare, list, approve, cancel).
import { getJson, requestJson } from './http-client';
import type { ChangeRequest, ChangeSummary, CodeLists, Comparison, ParcelRecordContent, ParcelVersions } from './records-types';
import type { ParcelKey } from './types';

const segment = (value: string | number): string => encodeURIComponent(String(value));
const parcelPath = (key: ParcelKey): string =>
  `/parcels/${segment(key.unitCode)}/${segment(key.sheetNumber)}/${segment(key.parcelNumber)}`;

export function getParcelRecordContent(key: ParcelKey, asOf?: string, signal?: AbortSignal): Promise<ParcelRecordContent> {
  return getJson<ParcelRecordContent>(`${parcelPath(key)}/records`, { asOf }, signal);
}

export function getParcelVersions(key: ParcelKey, signal?: AbortSignal): Promise<ParcelVersions> {
  return getJson<ParcelVersions>(`${parcelPath(key)}/versions`, undefined, signal);
}

/** from and to: ISO date-times. */
export function compareParcel(key: ParcelKey, from: string, to: string, signal?: AbortSignal): Promise<Comparison> {
  return getJson<Comparison>(`${parcelPath(key)}/compare`, { from, to }, signal);
}

export function getCodeLists(signal?: AbortSignal): Promise<CodeLists> {
  return getJson<CodeLists>('/code-lists', undefined, signal);
}

export function proposeChange(request: ChangeRequest): Promise<ChangeSummary> {
  return requestJson<ChangeSummary>('POST', '/changes', { body: request });
}

export function listChanges(
  query: { status?: string; unitCode?: string; limit?: number },
  signal?: AbortSignal,
): Promise<{ items: readonly ChangeSummary[] }> {
  return getJson<{ items: readonly ChangeSummary[] }>('/changes', query, signal);
}

export function approveChange(id: string): Promise<ChangeSummary> {
  return requestJson<ChangeSummary>('POST', `/changes/${segment(id)}/approve`);
}

export function cancelChange(id: string): Promise<ChangeSummary> {
  return requestJson<ChangeSummary>('POST', `/changes/${segment(id)}/cancel`);
}
