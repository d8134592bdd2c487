// SQL of the exchanges with outside parties (migration 0024): the tax round trips of a
// dossier, the one-stop links, and the status notifications queued for the one-stop systems.
import type { Queryable } from '../../db/database.js';
import { enqueueWebhook } from '../webhooks/index.js';

export type MessageStatus = 'queued' | 'sent' | 'answered' | 'paid';

export interface ExchangeMessage {
  id: string;
  party: string;
  dossierId: string;
  receiptCode: string;
  stepSeq: number;
  status: MessageStatus;
  request: Record<string, unknown> | null;
  reference: string | null;
  response: Record<string, unknown> | null;
  noticeNumber: string | null;
  payment: Record<string, unknown> | null;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  answeredAt: string | null;
  paidAt: string | null;
}

const COLUMNS = `m.id, m.party, m.dossier_id as "dossierId", d.receipt_code as "receiptCode", m.step_seq as "stepSeq", m.status, m.request, m.reference,
  m.response, m.notice_number as "noticeNumber", m.payment, m.attempts, m.next_attempt_at as "nextAttemptAt", m.last_error as "lastError",
  m.created_at as "createdAt", m.sent_at as "sentAt", m.answered_at as "answeredAt", m.paid_at as "paidAt"`;
const FROM = 'from exchange_message m join dossier d on d.id = m.dossier_id';

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
const withDates = (r: ExchangeMessage): ExchangeMessage => ({
  ...r, nextAttemptAt: iso(r.nextAttemptAt)!, createdAt: iso(r.createdAt)!, sentAt: iso(r.sentAt), answeredAt: iso(r.answeredAt), paidAt: iso(r.paidAt),
});

/** Queues the request to a party, in the transaction that puts the dossier into the party's step. */
export async function queueMessage(db: Queryable, m: { party: string; dossierId: string; stepSeq: number; at: Date }): Promise<void> {
  await db.query(
    `insert into exchange_message (party, dossier_id, step_seq, status, next_attempt_at, created_at)
     values ($1::text, $2::uuid, $3::int, 'queued', $4::timestamptz, $4::timestamptz)`,
    [m.party, m.dossierId, m.stepSeq, m.at],
  );
}

export async function dueMessages(db: Queryable, party: string, now: Date, limit: number): Promise<ExchangeMessage[]> {
  const { rows } = await db.query<ExchangeMessage>(
    `select ${COLUMNS} ${FROM} where m.party = $1::text and m.status = 'queued' and m.next_attempt_at <= $2::timestamptz order by m.created_at limit $3::int`,
    [party, now, limit],
  );
  return rows.map(withDates);
}

export async function markSent(db: Queryable, id: string, s: { request: Record<string, unknown>; reference: string; at: Date }): Promise<void> {
  await db.query(
    `update exchange_message set status = 'sent', request = $2::jsonb, reference = $3::text, sent_at = $4::timestamptz, attempts = attempts + 1, last_error = null
      where id = $1::uuid and status = 'queued'`,
    [id, JSON.stringify(s.request), s.reference, s.at],
  );
}

export async function markSendFailed(db: Queryable, id: string, f: { request: Record<string, unknown> | null; error: string; nextAttemptAt: Date }): Promise<void> {
  await db.query(
    `update exchange_message set request = coalesce($2::jsonb, request), last_error = $3::text, next_attempt_at = $4::timestamptz, attempts = attempts + 1
      where id = $1::uuid`,
    [id, f.request === null ? null : JSON.stringify(f.request), f.error.slice(0, 1000), f.nextAttemptAt],
  );
}

export async function messageById(db: Queryable, id: string, lock = false): Promise<ExchangeMessage | undefined> {
  if (lock) await db.query('select 1 from exchange_message where id = $1::uuid for update', [id]);
  const { rows } = await db.query<ExchangeMessage>(`select ${COLUMNS} ${FROM} where m.id = $1::uuid`, [id]);
  return rows[0] && withDates(rows[0]);
}

export async function messageByNotice(db: Queryable, party: string, noticeNumber: string): Promise<ExchangeMessage | undefined> {
  const { rows } = await db.query<ExchangeMessage>(`select ${COLUMNS} ${FROM} where m.party = $1::text and m.notice_number = $2::text`, [party, noticeNumber]);
  return rows[0] && withDates(rows[0]);
}

export async function recordAnswer(db: Queryable, id: string, a: { response: Record<string, unknown>; noticeNumber: string; at: Date }): Promise<void> {
  await db.query(
    `update exchange_message set status = 'answered', response = $2::jsonb, notice_number = $3::text, answered_at = $4::timestamptz where id = $1::uuid`,
    [id, JSON.stringify(a.response), a.noticeNumber, a.at],
  );
}

export async function recordPayment(db: Queryable, id: string, p: { payment: Record<string, unknown>; at: Date }): Promise<void> {
  await db.query(`update exchange_message set status = 'paid', payment = $2::jsonb, paid_at = $3::timestamptz where id = $1::uuid`, [id, JSON.stringify(p.payment), p.at]);
}

export async function messagesOf(db: Queryable, dossierId: string): Promise<ExchangeMessage[]> {
  const { rows } = await db.query<ExchangeMessage>(`select ${COLUMNS} ${FROM} where m.dossier_id = $1::uuid order by m.created_at`, [dossierId]);
  return rows.map(withDates);
}

export interface OneStopLink {
  dossierId: string;
  system: string;
  reference: string;
  callbackUrl: string | null;
  receiptCode: string;
}

export async function insertLink(db: Queryable, l: { dossierId: string; system: string; reference: string; callbackUrl: string | null; at: Date }): Promise<void> {
  await db.query(
    'insert into one_stop_link (dossier_id, system, reference, callback_url, created_at) values ($1::uuid, $2::text, $3::text, $4::text, $5::timestamptz)',
    [l.dossierId, l.system, l.reference, l.callbackUrl, l.at],
  );
}

export async function linkByReference(db: Queryable, system: string, reference: string): Promise<OneStopLink | undefined> {
  const { rows } = await db.query<OneStopLink>(
    `select l.dossier_id as "dossierId", l.system, l.reference, l.callback_url as "callbackUrl", d.receipt_code as "receiptCode"
       from one_stop_link l join dossier d on d.id = l.dossier_id where l.system = $1::text and l.reference = $2::text`,
    [system, reference],
  );
  return rows[0];
}

/** Adds documents to the dossier's list of received documents (a one-stop system's supplement). */
export async function addDocuments(db: Queryable, dossierId: string, documents: Array<{ type: string; copies?: number | undefined; note?: string | undefined }>): Promise<void> {
  await db.query('update dossier set documents = documents || $2::jsonb where id = $1::uuid', [dossierId, JSON.stringify(documents)]);
}

/**
 * A dossier event that a one-stop system follows (a status change, a tax notice) queues a
 * webhook to the system that sent the dossier, in the event's own transaction; the others
 * (assignment, a note) are internal. Dossiers not received through a one-stop system: nothing.
 */
export async function queueStatusNotification(db: Queryable, dossierId: string, at: Date, e: { action: string; stepCode?: string | null | undefined; fromStatus?: string | null | undefined; toStatus?: string | null | undefined; details?: Record<string, unknown> | undefined }): Promise<void> {
  if (!e.toStatus && e.action !== 'tax.notice') return;
  const { rows } = await db.query<{ system: string; reference: string; callbackUrl: string | null; receiptCode: string; dueDay: string }>(
    `select l.system, l.reference, l.callback_url as "callbackUrl", d.receipt_code as "receiptCode", d.due_day::text as "dueDay"
       from one_stop_link l join dossier d on d.id = l.dossier_id where l.dossier_id = $1::uuid`,
    [dossierId],
  );
  const link = rows[0];
  if (!link?.callbackUrl) return;
  await enqueueWebhook(db, {
    event: e.action === 'tax.notice' ? 'dossier.tax_notice' : 'dossier.status', targetUrl: link.callbackUrl, secretKey: 'one_stop', at,
    payload: {
      system: link.system, reference: link.reference, receiptCode: link.receiptCode, action: e.action, step: e.stepCode ?? null,
      fromStatus: e.fromStatus ?? null, status: e.toStatus ?? null, dueDay: link.dueDay, at: at.toISOString(),
      ...(e.action === 'tax.notice' ? { taxNotice: e.details ?? {} } : {}),
    },
  });
}
