// The tax exchange (issue #7 item 4; F2): a dossier entering a step whose external party is
// the tax authority queues the land information for it (phiếu chuyển thông tin địa chính để
// xác định nghĩa vụ tài chính: Thông tư liên tịch 88/2016/TTLT-BTC-BTNMT, Mẫu số 01/LCHS,
// as carried on under Luật Đất đai 2024 and Nghị định 101/2024/NĐ-CP; verify the current
// form); a job sends it through the configured adapter (HTTP JSON, or the simulator); the
// tax notice (land use fee, registration fee, personal income tax) comes back through the
// inbound API and is recorded and told in the timeline; the payment confirmation completes
// the step (recordExternalAnswer). Every round trip is a row of exchange_message.
import crypto from 'node:crypto';
import { AppError, errors } from '../../kernel/app-error.js';
import type { Actor } from '../audit/index.js';
import { actAs } from '../audit/index.js';
import { getHolders, getParcel } from '../cadastre/index.js';
import { parcelPrice } from '../prices/index.js';
import { retryDelayMs, signWebhook } from '../webhooks/index.js';
import * as dossierRepo from './dossiers.repo.js';
import { recordExternalAnswer, type DossierDeps, type Scope } from './dossiers.service.js';
import * as repo from './exchange.repo.js';
import type { ExternalExchange } from './external.js';
import { localDay } from './holidays.js';
import { procedureById } from './procedures.repo.js';

export const TAX_PARTY = 'tax';
/** Who acts when the tax side answers (the audit triggers and the timeline name it). */
export const TAX_ACTOR: Actor = { id: null, name: 'Cơ quan thuế (trao đổi điện tử)' };

export interface TaxExchangeDeps extends DossierDeps {
  exchange: ExternalExchange;
}

/** The tax notice (thông báo nộp nghĩa vụ tài chính) as the tax side sends it back. */
export interface TaxNotice {
  /** our message id, given in the request */
  messageId: string;
  receiptCode: string;
  noticeNumber: string;
  issuedOn: string;
  /** tiền sử dụng đất, lệ phí trước bạ, thuế thu nhập cá nhân (đồng) */
  landUseFee: number;
  registrationFee: number;
  personalIncomeTax: number;
  paymentDueOn?: string | undefined;
  taxOffice?: string | undefined;
}

/** The payment confirmation (chứng từ nộp tiền vào ngân sách) that completes the tax step. */
export interface TaxPayment {
  noticeNumber: string;
  paidOn: string;
  amount: number;
  receiptNumber: string;
}

const totalOf = (n: Pick<TaxNotice, 'landUseFee' | 'registrationFee' | 'personalIncomeTax'>) => n.landUseFee + n.registrationFee + n.personalIncomeTax;

/** The land information the tax side needs to set the obligations (the phiếu chuyển thông tin). */
export async function buildTaxRequest(deps: DossierDeps, message: repo.ExchangeMessage): Promise<Record<string, unknown>> {
  const d = (await dossierRepo.getDossier(deps.db, message.dossierId))!;
  const procedure = (await procedureById(deps.db, d.procedureId))!;
  const now = deps.clock.now();
  const application = (d.formData.application ?? {}) as { contractNumber?: string; declaredValue?: number; taxExempt?: boolean; applicationDate?: string };
  const parcels = [];
  for (const key of await dossierRepo.parcelsOf(deps.db, d.id)) {
    const parcel = await getParcel(deps.db, key.unitCode, key.sheetNumber, key.parcelNumber);
    // the holders go to the tax authority: logged as a read of personal data under the exchange's name
    const { holders } = await getHolders(deps.db, { ...TAX_ACTOR, name: 'Trao đổi thông tin thuế' }, key, true, undefined, now);
    const price = await parcelPrice({ db: deps.db, clock: deps.clock }, key, localDay(now), null).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null; // no price table in force: the tax office sets it
      throw error;
    });
    parcels.push({
      unitCode: key.unitCode, sheetNumber: key.sheetNumber, parcelNumber: key.parcelNumber, nationalCode: parcel.nationalCode,
      area: parcel.officialArea, landUseCode: parcel.landUseCode, landUseName: parcel.landUseName.vi, address: parcel.address,
      priceFromTable: price && { pricePerM2: price.pricePerM2, total: price.total },
      holders: holders.map((h) => ({ kind: h.kind, fullName: h.fullName, idNumber: h.idNumber, address: h.address, rightType: h.rightType, share: h.share })),
    });
  }
  return {
    form: 'phieu-chuyen-thong-tin-nghia-vu-tai-chinh', version: 1,
    messageId: message.id, receiptCode: d.receiptCode, unitCode: d.unitCode,
    procedure: { code: procedure.code, version: procedure.version, name: procedure.nameVi, changeType: procedure.changeType },
    purposeChange: procedure.changeType === 'purpose_change',
    applicant: d.applicant,
    transaction: {
      contractNumber: application.contractNumber ?? null, declaredValue: application.declaredValue ?? null,
      taxExemptClaimed: application.taxExempt ?? false, applicationDate: application.applicationDate ?? null,
    },
    parcels,
    sentAt: now.toISOString(),
  };
}

/** One pass of the job: each queued request is built and sent; a failure is retried later (30 s, 1, 2, 4 … min, at most 6 h). */
export async function sendTaxRequests(deps: TaxExchangeDeps): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 };
  for (const message of await repo.dueMessages(deps.db, TAX_PARTY, deps.clock.now(), 20)) {
    let request: Record<string, unknown> | null = null;
    const d = (await dossierRepo.getDossier(deps.db, message.dossierId))!;
    if (d.closedAt || d.currentStep !== message.stepSeq) {
      // the step was completed by hand (a paper notice) or the dossier closed before the request left: never sent, kept as it is
      await actAs(deps.db, TAX_ACTOR, (tx) => repo.markSendFailed(tx, message.id, { request: null, error: 'not sent: the dossier left the step first', nextAttemptAt: NEVER }));
      continue;
    }
    try {
      request = await buildTaxRequest(deps, message);
      const procedure = (await procedureById(deps.db, d.procedureId))!;
      const { reference } = await deps.exchange.send({ dossierId: d.id, receiptCode: d.receiptCode, procedureCode: procedure.code, payload: request });
      await actAs(deps.db, TAX_ACTOR, (tx) => repo.markSent(tx, message.id, { request: request!, reference: reference.slice(0, 100), at: deps.clock.now() }));
      result.sent += 1;
    } catch (error) {
      const text = error instanceof AppError ? `${error.code}: ${error.messages.en}` : error instanceof Error ? error.message : String(error);
      const next = new Date(deps.clock.now().getTime() + retryDelayMs(message.attempts + 1));
      await actAs(deps.db, TAX_ACTOR, (tx) => repo.markSendFailed(tx, message.id, { request, error: text, nextAttemptAt: next }));
      result.failed += 1;
    }
  }
  return result;
}

/** a request not to be sent stays in the table, never due */
const NEVER = new Date('9999-12-31T00:00:00Z');

const unknownMessage = (id: string) => errors.notFound({ vi: `yêu cầu trao đổi thông tin thuế ${id}`, en: `Tax exchange request ${id}` }, { field: 'body/messageId' });

/** The notice is recorded and told in the dossier's timeline; the dossier keeps waiting for the payment. A notice sent again is accepted once. */
export async function recordTaxNotice(deps: DossierDeps, notice: TaxNotice): Promise<{ receiptCode: string; noticeNumber: string; total: number; duplicate: boolean }> {
  const now = deps.clock.now();
  return actAs(deps.db, TAX_ACTOR, async (tx) => {
    const message = await repo.messageById(tx, notice.messageId, true);
    if (!message || message.party !== TAX_PARTY || message.receiptCode !== notice.receiptCode) throw unknownMessage(notice.messageId);
    const total = totalOf(notice);
    if (message.noticeNumber === notice.noticeNumber) return { receiptCode: message.receiptCode, noticeNumber: notice.noticeNumber, total, duplicate: true };
    if (message.status !== 'sent') {
      throw new AppError('CONFLICT', { vi: `Yêu cầu đã có thông báo thuế ${message.noticeNumber ?? ''} (trạng thái ${message.status})`, en: `The request already has notice ${message.noticeNumber ?? ''} (status ${message.status})` }, { status: message.status, field: 'body/messageId' });
    }
    if ((await repo.messageByNotice(tx, TAX_PARTY, notice.noticeNumber))) {
      throw new AppError('CONFLICT', { vi: `Số thông báo ${notice.noticeNumber} đã dùng cho hồ sơ khác`, en: `Notice number ${notice.noticeNumber} is used by another dossier` }, { field: 'body/noticeNumber' });
    }
    const response = { ...notice, total };
    await repo.recordAnswer(tx, message.id, { response, noticeNumber: notice.noticeNumber, at: now });
    await dossierRepo.appendEvent(tx, message.dossierId, TAX_ACTOR, now, {
      action: 'tax.notice', note: `Thông báo nộp nghĩa vụ tài chính số ${notice.noticeNumber}: ${total.toLocaleString('vi-VN')} đồng`.slice(0, 2000),
      details: { noticeNumber: notice.noticeNumber, landUseFee: notice.landUseFee, registrationFee: notice.registrationFee, personalIncomeTax: notice.personalIncomeTax, total, paymentDueOn: notice.paymentDueOn ?? null },
    });
    return { receiptCode: message.receiptCode, noticeNumber: notice.noticeNumber, total, duplicate: false };
  });
}

/**
 * The payment confirmed (by the tax side, or by the officer who saw the citizen's receipt):
 * the tax step completes with the notice and the payment as the party's answer.
 */
export async function recordTaxPayment(deps: DossierDeps, actor: Actor, payment: TaxPayment): Promise<{ receiptCode: string; status: string }> {
  const message = await repo.messageByNotice(deps.db, TAX_PARTY, payment.noticeNumber);
  if (!message) throw errors.notFound({ vi: `thông báo thuế số ${payment.noticeNumber}`, en: `Tax notice ${payment.noticeNumber}` }, { field: 'body/noticeNumber' });
  if (message.status === 'paid') return { receiptCode: message.receiptCode, status: 'paid' };
  const notice = message.response as unknown as TaxNotice & { total: number };
  if (payment.amount < notice.total) {
    throw errors.invalid(
      { vi: `Số tiền đã nộp ${payment.amount} đồng ít hơn số phải nộp ${notice.total} đồng`, en: `The amount paid (${payment.amount} VND) is less than the amount due (${notice.total} VND)` },
      { field: 'body/amount', due: notice.total },
    );
  }
  await recordExternalAnswer(deps, actor, message.dossierId, TAX_PARTY, {
    reference: payment.noticeNumber,
    content: { landUseFee: notice.landUseFee, registrationFee: notice.registrationFee, personalIncomeTax: notice.personalIncomeTax, total: notice.total, payment },
  });
  await actAs(deps.db, actor, (tx) => repo.recordPayment(tx, message.id, { payment: { ...payment }, at: deps.clock.now() }));
  return { receiptCode: message.receiptCode, status: 'paid' };
}

/**
 * The officer confirms the payment from the citizen's receipt (chứng từ nộp tiền) when the
 * tax side does not: the notice must be the dossier's, the officer must process its unit.
 */
export async function confirmTaxPayment(deps: DossierDeps, actor: Actor, may: Scope, dossierId: string, payment: TaxPayment): Promise<{ receiptCode: string; status: string }> {
  const d = await dossierRepo.getDossier(deps.db, dossierId);
  if (!d || !['dossier.intake', 'dossier.process', 'dossier.approve'].some((p) => may(p, d.unitId))) {
    throw errors.notFound({ vi: 'hồ sơ', en: 'Dossier' }, { dossierId });
  }
  if (!may('dossier.process', d.unitId)) {
    throw new AppError('FORBIDDEN', { vi: 'Tài khoản không có quyền "dossier.process" trên đơn vị của hồ sơ', en: 'The account lacks "dossier.process" on the dossier\'s unit' }, { permission: 'dossier.process' });
  }
  const message = await repo.messageByNotice(deps.db, TAX_PARTY, payment.noticeNumber);
  if (!message || message.dossierId !== dossierId) {
    throw errors.notFound({ vi: `thông báo thuế số ${payment.noticeNumber} của hồ sơ`, en: `Tax notice ${payment.noticeNumber} of the dossier` }, { field: 'body/noticeNumber' });
  }
  return recordTaxPayment(deps, actor, payment);
}

/** Signs a machine call: X-Lis-Signature = sha256=HMAC-SHA256(secret, `${timestamp}.${METHOD}.${path}.${body}`). */
export function signExchangeCall(secret: string, timestamp: string, method: string, path: string, body: string): string {
  return signWebhook(secret, timestamp, `${method.toUpperCase()}.${path}.${body}`);
}

/** The real adapter: POSTs the request as JSON to the tax side's endpoint, signed; its answer names its reference. */
export function createTaxHttpExchange(options: { url: string; secret: string; timeoutMs?: number; clock: { now(): Date } }): ExternalExchange {
  return {
    party: TAX_PARTY,
    async send(request) {
      const body = JSON.stringify(request.payload);
      const timestamp = String(Math.floor(options.clock.now().getTime() / 1000));
      const path = new URL(options.url).pathname;
      const response = await fetch(options.url, {
        method: 'POST', body, redirect: 'error', signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        headers: { 'content-type': 'application/json', 'x-lis-timestamp': timestamp, 'x-lis-signature': signExchangeCall(options.secret, timestamp, 'POST', path, body), 'x-request-id': crypto.randomUUID() },
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`tax endpoint answered HTTP ${response.status}: ${text.slice(0, 200)}`);
      const reference = (JSON.parse(text) as { reference?: unknown }).reference;
      if (typeof reference !== 'string' || reference.length === 0) throw new Error('tax endpoint answered without a reference');
      return { reference };
    },
  };
}
