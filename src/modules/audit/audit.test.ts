import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { actAs, appendAudit, verifyAuditLog } from './index.js';

// Tampering needs a database of its own: the shared one must keep a valid chain.
let test: TestDatabase;
let db: Database;
const officer = { id: '00000000-0000-4000-8000-000000000001', name: 'Nguyễn Thị Lan', requestId: 'req-1' };

async function asSuperuser(sql: string, params: unknown[] = []): Promise<void> {
  // what someone with database access could do behind the application's back
  await db.exec('alter table audit_log disable trigger audit_log_no_update');
  try {
    await db.query(sql, params);
  } finally {
    await db.exec('alter table audit_log enable trigger audit_log_no_update');
  }
}

beforeAll(async () => {
  test = await openTestDatabase();
  db = test.db;
  // more than ten rows: seq must be ordered as a number, not as text (10 < 2)
  for (let i = 1; i <= 12; i++) {
    await actAs(db, officer, (tx) => appendAudit(tx, officer, { action: 'read.personal', objectType: 'parcel', objectId: `p${i}`, details: { i } }));
  }
});
afterAll(() => test.close());

/** seq of this file's i-th row (migrations that seed audited tables write rows before them) */
async function seqOfRow(i: number): Promise<number> {
  const { rows } = await db.query<{ seq: string }>(`select seq from audit_log where object_id = $1 and action = 'read.personal'`, [`p${i}`]);
  return Number(rows[0]!.seq);
}

describe('audit trail (O10, O14, P4)', () => {
  it('O10 writes are attributed by the database to the actor of the transaction', async () => {
    await actAs(db, officer, (tx) => tx.query(`insert into party (kind, full_name) values ('individual', 'Hoàng Văn Nam')`));
    await db.query(`insert into party (kind, full_name) values ('individual', 'Ghi ngoài ứng dụng')`);
    const { rows } = await db.query<{ actor_id: string | null; actor_name: string; action: string; request_id: string | null }>(
      `select actor_id, actor_name, action, request_id from audit_log where object_type = 'party' order by seq desc limit 2`,
    );
    expect(rows[0]).toMatchObject({ actor_id: null, actor_name: 'database', action: 'write.insert' });
    expect(rows[1]).toMatchObject({ actor_id: officer.id, actor_name: 'Nguyễn Thị Lan', action: 'write.insert', request_id: 'req-1' });
  });

  it('the log cannot be edited or deleted through SQL by the application', async () => {
    await expect(db.query(`update audit_log set actor_name = 'x' where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.query('delete from audit_log where seq = 1')).rejects.toThrow(/append-only/);
    await expect(db.exec('truncate audit_log')).rejects.toThrow(/append-only/);
  });

  it('the chain of an untouched log verifies', async () => {
    const result = await verifyAuditLog(db);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(14);
  });

  it('the verifier finds a row changed directly in the database', async () => {
    const seq = await seqOfRow(3);
    await asSuperuser(`update audit_log set details = '{"i": 99}' where seq = $1`, [seq]);
    const result = await verifyAuditLog(db);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatchObject({ seq, kind: 'altered' });
    await asSuperuser(`update audit_log set details = '{"i": 3}' where seq = $1`, [seq]);
    expect((await verifyAuditLog(db)).ok).toBe(true);
  });

  it('the verifier finds a row deleted directly in the database', async () => {
    const seq = await seqOfRow(4);
    await asSuperuser(`delete from audit_log where seq = $1`, [seq]);
    const result = await verifyAuditLog(db);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatchObject({ seq, kind: 'missing' });
    expect(result.problem!.message.vi).toMatch(/Thiếu bản ghi/);
  });
});

describe('every table of the record is audited', () => {
  // Tables whose writes are not row data of the record: the ledger, the log itself,
  // reference lists loaded by migrations, counters kept by triggers, sessions (logged as
  // logins and revocations), PostGIS's own table.
  const NOT_AUDITED = new Set(['schema_migration', 'audit_log', 'spatial_ref_sys', 'setting', 'admin_unit', 'admin_unit_succession',
    'land_use_code', 'permission', 'role', 'role_permission', 'unit_parcel_count', 'session', 'change_type', 'party_kind', 'land_origin',
    // logs and queues of their own: the exchange log is append-only with signed receipts
    // (S-SHARE), outgoing mail is the incident's notices (recorded in its timeline), rate
    // windows and receipt counters are arithmetic
    'sharing_exchange', 'sharing_rate_window', 'mail_outbox', 'webhook_outbox', 'dossier_counter',
    // changed only with an application audit entry naming the decision (sharing.consumer_*,
    // sharing.service_retirement, sharing.webhook_set): the trigger needs an id column
    'sharing_service', 'sharing_consumer_unit', 'sharing_webhook',
    // staging of a contractor delivery, not the record: the batch itself is audited, and
    // its commit is a change transaction of the cadastre
    'import_feature', 'import_finding', 'import_job', 'import_attribute_row',
    // what a quality run found: the run is audited, the findings are its output
    'quality_finding']);

  it('O10 a new table gets the audit triggers or is listed here with its reason', async () => {
    const { rows } = await db.query<{ table_name: string; audited: boolean }>(
      `select t.table_name,
              exists (select 1 from information_schema.triggers g
                       where g.event_object_table = t.table_name and g.action_statement like '%audit_write%') as audited
         from information_schema.tables t
        where t.table_schema = 'public' and t.table_type = 'BASE TABLE'`,
    );
    const missing = rows.filter((r) => !r.audited && !NOT_AUDITED.has(r.table_name)).map((r) => r.table_name);
    expect(missing).toEqual([]);
  });
});
