// One-stop integration (issue #7 item 5; P2): the provincial one-stop system (hệ thống
// thông tin giải quyết thủ tục hành chính) and the National Public Service Portal send
// dossiers through a machine API: a dossier is created with their reference (sent again,
// the same dossier is found), documents are added, its status is read; every status
// change is pushed back to them by a signed webhook (exchange.repo.ts → webhooks outbox).
import { Readable } from 'node:stream';
import { AppError, errors } from '../../kernel/app-error.js';
import { actAs, type Actor } from '../audit/index.js';
import { uploadDocument, type DocumentStore } from '../documents/index.js';
import * as dossierRepo from './dossiers.repo.js';
import { citizenLookup, intake, type DossierDeps, type IntakeInput } from './dossiers.service.js';
import * as repo from './exchange.repo.js';
import { procedureById } from './procedures.repo.js';

export interface OneStopDeps extends DossierDeps {
  /** where status changes are pushed (LIS_ONE_STOP_WEBHOOK_URL); none: not pushed */
  webhookUrl: string | undefined;
}

export const oneStopActor = (system: string, requestId?: string): Actor => ({ id: null, name: `Hệ thống một cửa (${system})`, requestId });

export interface OneStopStatus {
  system: string;
  reference: string;
  receiptCode: string;
  status: string;
  procedureName: { vi: string; en: string };
  currentStep: { code: string; nameVi: string; nameEn: string } | null;
  receivedOn: string;
  expectedReturnOn: string;
  refusalReason: string | null;
  /** the financial obligations to pay, once the tax notice is in */
  taxNotices: Array<{ noticeNumber: string; landUseFee: number; registrationFee: number; personalIncomeTax: number; total: number; paymentDueOn: string | null; paid: boolean }>;
}

const unknownReference = (system: string, reference: string) =>
  errors.notFound({ vi: `hồ sơ mã ${reference} của hệ thống ${system}`, en: `Dossier ${reference} of system ${system}` }, { field: 'params/reference' });

export async function oneStopStatus(deps: DossierDeps, system: string, reference: string): Promise<OneStopStatus> {
  const link = await repo.linkByReference(deps.db, system, reference);
  if (!link) throw unknownReference(system, reference);
  const look = await citizenLookup(deps, link.receiptCode);
  const d = (await dossierRepo.getDossier(deps.db, link.dossierId))!;
  const procedure = (await procedureById(deps.db, d.procedureId))!;
  const step = d.closedAt ? undefined : procedure.steps.find((s) => s.seq === d.currentStep);
  const notices = (await repo.messagesOf(deps.db, d.id)).filter((m) => m.response);
  return {
    system, reference, receiptCode: link.receiptCode, status: look.status, procedureName: look.procedureName,
    currentStep: step ? { code: step.code, nameVi: step.nameVi, nameEn: step.nameEn } : null,
    receivedOn: look.receivedOn, expectedReturnOn: look.expectedReturnOn, refusalReason: d.refusalReason,
    taxNotices: notices.map((m) => {
      const n = m.response as { landUseFee: number; registrationFee: number; personalIncomeTax: number; total: number; paymentDueOn?: string };
      return { noticeNumber: m.noticeNumber!, landUseFee: n.landUseFee, registrationFee: n.registrationFee, personalIncomeTax: n.personalIncomeTax, total: n.total, paymentDueOn: n.paymentDueOn ?? null, paid: m.status === 'paid' };
    }),
  };
}

/** Creates the dossier (channel one_stop) with the system's reference; a create sent again answers with the dossier made the first time. */
export async function oneStopCreate(deps: OneStopDeps, system: string, reference: string, input: Omit<IntakeInput, 'channel'>, requestId?: string): Promise<{ created: boolean; dossier: OneStopStatus }> {
  if (await repo.linkByReference(deps.db, system, reference)) return { created: false, dossier: await oneStopStatus(deps, system, reference) };
  try {
    await intake(deps, oneStopActor(system, requestId), { ...input, channel: 'one_stop' }, (tx, dossierId) =>
      repo.insertLink(tx, { dossierId, system, reference, callbackUrl: deps.webhookUrl ?? null, at: deps.clock.now() }));
  } catch (error) {
    // the same reference created at the same moment by a retry: the first one won
    const raced = (error as { code?: unknown }).code === '23505'; // unique_violation
    if (!raced || !(await repo.linkByReference(deps.db, system, reference))) throw error;
    return { created: false, dossier: await oneStopStatus(deps, system, reference) };
  }
  return { created: true, dossier: await oneStopStatus(deps, system, reference) };
}

/** Documents added by the one-stop system (a supplement, a scan handed in later): listed on the dossier and told in its timeline. */
/** A scanned file sent with a document entry: its bytes (decoded from base64 by the route). */
export interface OneStopFile {
  fileName: string;
  bytes: Buffer;
  containsPersonalData: boolean;
}

/** The documents module's store and upload size limit (LIS_DOCUMENT_MAX_MB). */
export interface OneStopDocumentDeps {
  store: DocumentStore;
  maxBytes: number;
}

/**
 * Adds document entries to the dossier; an entry that carries its scanned file has it stored
 * through the documents module (same store, type-by-content check and size limit as an
 * upload), linked to the dossier by its receipt code. The files are stored first, each on
 * its own: a refused file stops the call before the entries are recorded (files stored
 * before it stay linked to the dossier, and the refusal names the entry at fault).
 */
export async function oneStopAddDocuments(
  deps: DossierDeps & { documents: OneStopDocumentDeps }, system: string, reference: string,
  documents: Array<dossierRepo.DocumentReceived & { file?: OneStopFile | undefined }>, requestId?: string,
): Promise<OneStopStatus> {
  const link = await repo.linkByReference(deps.db, system, reference);
  if (!link) throw unknownReference(system, reference);
  const d = (await dossierRepo.getDossier(deps.db, link.dossierId))!;
  if (d.closedAt) throw new AppError('CONFLICT', { vi: `Hồ sơ đã kết thúc (${d.status})`, en: `The dossier is closed (${d.status})` }, { status: d.status });
  const actor = oneStopActor(system, requestId);
  const entries: Array<dossierRepo.DocumentReceived & { documentUid?: string }> = [];
  for (const [i, { file, ...entry }] of documents.entries()) {
    if (!file) {
      entries.push(entry);
      continue;
    }
    const stored = await uploadDocument(
      { db: deps.db, clock: deps.clock, store: deps.documents.store, maxBytes: deps.documents.maxBytes },
      // the system is the caller, authenticated by its signature; the dossier's unit files the scan
      { actor, may: () => true },
      { documentType: entry.type, title: `${d.receiptCode}: ${file.fileName}`.slice(0, 300), fileName: file.fileName, containsPersonalData: file.containsPersonalData, link: { dossierRef: d.receiptCode, unitCode: d.unitCode } },
      Readable.from([file.bytes]),
    ).catch((error: unknown) => {
      if (error instanceof AppError) throw new AppError(error.code, error.messages, { ...error.details, field: `documents/${i}/file` });
      throw error;
    });
    entries.push({ ...entry, documentUid: stored.documentUid });
  }
  await actAs(deps.db, actor, async (tx) => {
    await repo.addDocuments(tx, d.id, entries);
    await dossierRepo.appendEvent(tx, d.id, actor, deps.clock.now(), { action: 'documents.add', details: { documents: entries } });
  });
  return oneStopStatus(deps, system, reference);
}
