// The accounts report for a period (A8; L4: account changes go into the periodic
// report): issued, rights changed, locked and closed, from the documents recorded.
import type { Queryable } from '../../db/database.js';

interface Line {
  id: string;
  username: string;
  fullName: string;
  organisation: string;
  at: string;
  reason: string | null;
  document: string | null;
}

export interface AccountsReport {
  from: string;
  to: string;
  issued: Line[];
  rightsChanged: Line[];
  locked: Line[];
  closed: Line[];
  totals: { issued: number; rightsChanged: number; locked: number; closed: number; activeAtEnd: number };
}

export async function accountsReport(db: Queryable, from: string, to: string): Promise<AccountsReport> {
  const { rows } = await db.query<Line & { kind: string }>(
    `select d.kind, a.id, a.username, a.full_name as "fullName", a.organisation, d.recorded_at as at, d.note as reason,
            nullif(concat_ws(', ', d.number, d.document_date::text, d.issuer), '') as document
       from account_document d join account a on a.id = d.account_id
      where d.kind in ('issue', 'rights_change', 'lock', 'close')
        and d.recorded_at >= $1::date and d.recorded_at < $2::date + 1
      order by d.recorded_at`,
    [from, to],
  );
  const { rows: active } = await db.query<{ n: number }>(`select count(*)::int as n from account where status = 'active'`);
  const pick = (kind: string) => rows.filter((r) => r.kind === kind).map(({ kind: _k, ...line }) => ({ ...line, at: new Date(line.at).toISOString() }));
  const report = { issued: pick('issue'), rightsChanged: pick('rights_change'), locked: pick('lock'), closed: pick('close') };
  return {
    from,
    to,
    ...report,
    totals: { issued: report.issued.length, rightsChanged: report.rightsChanged.length, locked: report.locked.length, closed: report.closed.length, activeAtEnd: active[0]!.n },
  };
}
