// The data sharing administration API (issue #11; S-SHARE, O5, U4): consumers and their
// secrets, usage per consumer and service, special requests and their decisions.
import { getJson, requestJson } from '../../api/http-client';

export const SHARING_SERVICES = ['parcel-info', 'certificate-status', 'parcel-planning', 'parcel-price', 'unit-statistics', 'parcel-changes'] as const;

export interface Consumer {
  id: string;
  clientId: string;
  agency: string;
  contact: { name: string; email: string | null; phone: string | null };
  decision: { number: string; date: string; issuer: string };
  services: string[];
  unitCodes: string[];
  personalData: boolean;
  ratePerMinute: number;
  validFrom: string;
  validTo: string | null;
  status: 'active' | 'suspended' | 'revoked';
}

/** what registering a consumer sends: the consumer without the id and status the server gives it */
export type NewConsumer = Omit<Consumer, 'id' | 'status'>;

export interface UsageRow {
  clientId: string | null;
  agency: string | null;
  service: string | null;
  version: number | null;
  requests: number;
  succeeded: number;
  refused: number;
  records: number;
  personalData: number;
}

export interface SharingRequest {
  id: string;
  clientId: string | null;
  agency: string;
  purpose: string;
  unitCode: string;
  asOf: string;
  format: 'geojson' | 'xlsx';
  status: 'filed' | 'refused' | 'delivered';
  filedAt: string;
  conditions: string | null;
  linkExpiresAt: string | null;
  downloads: number;
  downloadUrl?: string | null;
}

export const listConsumers = (signal?: AbortSignal) => getJson<{ consumers: Consumer[] }>('/sharing/consumers', {}, signal).then((r) => r.consumers);
export const registerConsumer = (body: NewConsumer) => requestJson<{ id: string; clientId: string; clientSecret: string }>('POST', '/sharing/consumers', { body });
export const addSecret = (id: string, label: string) => requestJson<{ secretId: string; clientSecret: string }>('POST', `/sharing/consumers/${id}/secrets`, { body: { label } });
/** The body of a change keeping the grant as it is: exactly the fields the server accepts (no id, no clientId). */
export const consumerChange = (c: Consumer, status: Consumer['status']) => ({
  agency: c.agency, contact: c.contact, decision: c.decision, services: c.services, unitCodes: c.unitCodes,
  personalData: c.personalData, ratePerMinute: c.ratePerMinute, validFrom: c.validFrom, validTo: c.validTo, status,
});
export const changeStatus = (c: Consumer, status: Consumer['status']) => requestJson<Consumer>('PUT', `/sharing/consumers/${c.id}`, { body: consumerChange(c, status) });
export const getUsage = (from: string, to: string, signal?: AbortSignal) => getJson<{ rows: UsageRow[] }>('/sharing/usage', { from, to }, signal).then((r) => r.rows);
export const listRequests = (signal?: AbortSignal) => getJson<{ requests: SharingRequest[] }>('/sharing/requests', {}, signal).then((r) => r.requests);
export const decideRequest = (id: string, body: { approve: boolean; conditions?: string; note?: string; linkHours?: number }) =>
  requestJson<SharingRequest>('POST', `/sharing/requests/${id}/decision`, { body });
export const getRequest = (id: string) => requestJson<SharingRequest>('GET', `/sharing/requests/${id}`);
