// The tax side, simulated in process (tests and the demo; issue #7 item 4): it receives
// the phiếu chuyển thông tin and answers later with a notice whose amounts it computes:
// - registration fee (lệ phí trước bạ) 0.5 % of the price: the larger of the declared
//   value and the price-table value (Nghị định 10/2022/NĐ-CP, Điều 7-8; verify);
// - personal income tax 2 % of the declared value on a transfer (Luật Thuế thu nhập cá nhân,
//   Điều 14, 17; Thông tư 111/2013/TT-BTC; verify); inheritance and gift are taken as
//   exempt (between close relatives) and a claimed exemption is honoured;
// - land use fee 0, except on a change of purpose, where the simulator takes half the
//   price-table value as a stand-in (the real rule is the difference between the prices of
//   the two purposes: Nghị định 103/2024/NĐ-CP, Điều 8; verify). No purpose change, no fee.
// The notices wait in memory until flush() hands them to `deliver` (the inbound API in tests).
import crypto from 'node:crypto';
import type { ExternalExchange } from './external.js';
import { TAX_PARTY, type TaxNotice, type TaxPayment } from './tax-exchange.js';

export interface TaxSimulator extends ExternalExchange {
  /** requests received, in order */
  readonly received: Array<Record<string, unknown>>;
  /** hands every pending notice to deliver; returns them */
  flush(): Promise<TaxNotice[]>;
  /** the payment confirmation of a notice, paid in full */
  paymentFor(notice: TaxNotice): TaxPayment;
}

interface RequestShape {
  messageId: string;
  receiptCode: string;
  procedure: { code: string };
  purposeChange: boolean;
  transaction: { declaredValue: number | null; taxExemptClaimed: boolean };
  parcels: Array<{ priceFromTable: { total: number } | null }>;
}

const round = (n: number) => Math.round(n);

export function computeTaxNotice(request: RequestShape, noticeNumber: string, issuedOn: string): TaxNotice {
  const declared = request.transaction.declaredValue ?? 0;
  const table = request.parcels.reduce((sum, p) => sum + (p.priceFromTable?.total ?? 0), 0);
  const isTransfer = request.procedure.code === 'transfer' || request.procedure.code === 'capital_contribution';
  const registers = !request.purposeChange;
  return {
    messageId: request.messageId, receiptCode: request.receiptCode, noticeNumber, issuedOn,
    landUseFee: request.purposeChange ? round(table * 0.5) : 0,
    registrationFee: registers ? round(Math.max(declared, table) * 0.005) : 0,
    personalIncomeTax: isTransfer && !request.transaction.taxExemptClaimed ? round(declared * 0.02) : 0,
    // 30 days from the notice (Luật Quản lý thuế 2019, Điều 55; verify)
    paymentDueOn: new Date(Date.parse(issuedOn) + 30 * 86_400_000).toISOString().slice(0, 10),
    taxOffice: 'Thuế cơ sở (giả lập) / simulated tax office',
  };
}

export function createTaxSimulator(options: { deliver(notice: TaxNotice): Promise<unknown>; clock: { now(): Date } }): TaxSimulator {
  const pending: TaxNotice[] = [];
  const received: Array<Record<string, unknown>> = [];
  let counter = 0;
  return {
    party: TAX_PARTY,
    received,
    async send(request) {
      received.push(request.payload);
      counter += 1;
      const issuedOn = options.clock.now().toISOString().slice(0, 10);
      const reference = `TCT-${issuedOn.replaceAll('-', '')}-${String(counter).padStart(5, '0')}`;
      // a notice number unique across restarts of the simulator
      pending.push(computeTaxNotice(request.payload as unknown as RequestShape, `TB-${issuedOn.replaceAll('-', '')}-${crypto.randomBytes(4).toString('hex')}`, issuedOn));
      return { reference };
    },
    async flush() {
      const out = pending.splice(0);
      for (const notice of out) await options.deliver(notice);
      return out;
    },
    paymentFor(notice) {
      return { noticeNumber: notice.noticeNumber, paidOn: options.clock.now().toISOString().slice(0, 10), amount: notice.landUseFee + notice.registrationFee + notice.personalIncomeTax, receiptNumber: `CT-${notice.noticeNumber}` };
    },
  };
}
