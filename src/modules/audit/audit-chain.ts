// The audit chain, recomputed outside the database: hash(n) = sha256(canonical(row n)),
// and canonical(row n) ends with hash(n-1). Mirrors audit_log_canonical() of migration
// 0005; computing it here means a verifier does not trust the database's own function.
import crypto from 'node:crypto';
import type { CanonicalAuditRow } from './audit.repo.js';

export const GENESIS_HASH = '0'.repeat(64);

export function canonical(row: CanonicalAuditRow): string {
  return [row.seq, row.at, row.actor_id, row.actor_name, row.action, row.object_type, row.object_id, row.unit_id, row.request_id, row.details, row.prev_hash].join('|');
}

export function rowHash(row: CanonicalAuditRow): string {
  return crypto.createHash('sha256').update(canonical(row), 'utf8').digest('hex');
}

export type ChainProblemKind = 'altered' | 'missing' | 'reordered';

export interface ChainProblem {
  seq: number;
  kind: ChainProblemKind;
  message: { vi: string; en: string };
}

/** State carried from one batch of rows to the next. */
export interface ChainCursor {
  seq: number;
  hash: string;
}

/** Checks rows in seq order continuing from cursor; the first problem, or the new cursor. */
export function checkChain(rows: readonly CanonicalAuditRow[], from: ChainCursor): ChainProblem | ChainCursor {
  let cursor = from;
  for (const row of rows) {
    const seq = Number(row.seq);
    if (seq !== cursor.seq + 1) {
      return {
        seq: cursor.seq + 1,
        kind: 'missing',
        message: { vi: `Thiếu bản ghi nhật ký số ${cursor.seq + 1}`, en: `Audit entry ${cursor.seq + 1} is missing` },
      };
    }
    if (row.prev_hash !== cursor.hash) {
      return {
        seq,
        kind: 'reordered',
        message: { vi: `Bản ghi ${seq} không nối tiếp bản ghi trước`, en: `Entry ${seq} does not follow the previous entry` },
      };
    }
    if (rowHash(row) !== row.hash) {
      return { seq, kind: 'altered', message: { vi: `Bản ghi nhật ký số ${seq} đã bị sửa`, en: `Audit entry ${seq} was altered` } };
    }
    cursor = { seq, hash: row.hash };
  }
  return cursor;
}
