// The integrity check of the scanned documents (issue #9 point 4; B3): every object the
// metadata references is read back and its SHA-256 recomputed; missing and altered files
// are reported, and so are objects no document references (an upload whose metadata was
// never written, or something put there from outside). The result goes to the audit log
// (action documents.integrity), which is also where the last report is read from.
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { actAs, appendAudit, listAudit, SYSTEM_ACTOR, type Actor } from '../audit/index.js';
import { hashStream, type DocumentStore } from './document-store.js';
import { referencedObjects } from './documents.repo.js';

export interface IntegrityReport {
  ok: boolean;
  checkedAt: string;
  store: string;
  /** objects the metadata references */
  referenced: number;
  /** of those, read back with the right hash */
  verified: number;
  missing: Array<{ sha256: string; documents: number }>;
  altered: Array<{ sha256: string; actualSha256: string; size: number; documents: number }>;
  unreferenced: Array<{ sha256: string; size: number }>;
  /** the lists above are cut at this many entries each (the counts are not) */
  listLimit: number;
  counts: { missing: number; altered: number; unreferenced: number };
}

export const INTEGRITY_ACTION = 'documents.integrity';
const LIST_LIMIT = 500;

export async function runIntegrityCheck(deps: { db: Database; clock: Clock; store: DocumentStore }, actor: Actor = SYSTEM_ACTOR): Promise<IntegrityReport> {
  const referenced = await referencedObjects(deps.db);
  const missing: IntegrityReport['missing'] = [];
  const altered: IntegrityReport['altered'] = [];
  let verified = 0;
  for (const object of referenced) {
    const stream = await deps.store.get(object.sha256);
    if (!stream) {
      missing.push({ sha256: object.sha256, documents: object.documents });
      continue;
    }
    const actual = await hashStream(stream);
    if (actual.sha256 === object.sha256) verified += 1;
    else altered.push({ sha256: object.sha256, actualSha256: actual.sha256, size: actual.size, documents: object.documents });
  }
  const known = new Set(referenced.map((o) => o.sha256));
  const unreferenced: IntegrityReport['unreferenced'] = [];
  for await (const object of deps.store.list()) {
    if (!known.has(object.sha256)) unreferenced.push(object);
  }
  const counts = { missing: missing.length, altered: altered.length, unreferenced: unreferenced.length };
  const report: IntegrityReport = {
    ok: missing.length === 0 && altered.length === 0,
    checkedAt: deps.clock.now().toISOString(),
    store: deps.store.description,
    referenced: referenced.length,
    verified,
    missing: missing.slice(0, LIST_LIMIT),
    altered: altered.slice(0, LIST_LIMIT),
    unreferenced: unreferenced.slice(0, LIST_LIMIT),
    listLimit: LIST_LIMIT,
    counts,
  };
  await actAs(deps.db, actor, (tx) => appendAudit(tx, actor, { action: INTEGRITY_ACTION, objectType: 'document_store', objectId: deps.store.description, details: { ...report } }));
  return report;
}

/** The report of the last check (from the audit log), or null when none ran yet. */
export async function lastIntegrityReport(db: Database): Promise<IntegrityReport | null> {
  const [entry] = await listAudit(db, { action: INTEGRITY_ACTION, objectType: 'document_store', limit: 1 });
  return entry ? (entry.details as unknown as IntegrityReport) : null;
}
