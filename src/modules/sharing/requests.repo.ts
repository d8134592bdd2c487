// SQL of special-request sharing (Art. 4.3): the requests, their decisions and the stored extracts.
import type { Queryable } from '../../db/database.js';

export interface RequestInput {
  consumerId: string | null;
  filedBy: string | null;
  agency: string;
  purpose: string;
  unitCode: string;
  asOf: string;
  landUseCodes: string[] | null;
  format: 'geojson' | 'xlsx';
}

export interface SharingRequest extends RequestInput {
  id: string;
  clientId: string | null;
  status: 'filed' | 'refused' | 'delivered';
  filedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  conditions: string | null;
  decisionNote: string | null;
  fileSha256: string | null;
  fileBytes: number | null;
  linkExpiresAt: string | null;
  downloads: number;
  lastDownloadAt: string | null;
}

const COLUMNS = `
  r.id, r.consumer_id as "consumerId", c.client_id as "clientId", r.filed_by as "filedBy", r.agency, r.purpose,
  r.unit_code as "unitCode", r.as_of as "asOf", r.land_use_codes as "landUseCodes", r.format, r.status,
  r.filed_at as "filedAt", r.decided_by as "decidedBy", r.decided_at as "decidedAt", r.conditions,
  r.decision_note as "decisionNote", r.file_sha256 as "fileSha256", length(r.file_content) as "fileBytes",
  r.link_expires_at as "linkExpiresAt", r.downloads, r.last_download_at as "lastDownloadAt"`;

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
const tidy = (r: SharingRequest): SharingRequest => ({
  ...r, filedAt: iso(r.filedAt)!, decidedAt: iso(r.decidedAt), linkExpiresAt: iso(r.linkExpiresAt), lastDownloadAt: iso(r.lastDownloadAt),
  fileBytes: r.fileBytes === null ? null : Number(r.fileBytes),
});

export async function insertRequest(db: Queryable, r: RequestInput, now: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into sharing_request (consumer_id, filed_by, agency, purpose, unit_code, as_of, land_use_codes, format, filed_at)
     values ($1::uuid, $2::uuid, $3::text, $4::text, $5::text, $6::date, $7::text[], $8::text, $9::timestamptz) returning id`,
    [r.consumerId, r.filedBy, r.agency, r.purpose, r.unitCode, r.asOf, r.landUseCodes, r.format, now],
  );
  return rows[0]!.id;
}

export async function requestById(db: Queryable, id: string): Promise<SharingRequest | undefined> {
  const { rows } = await db.query<SharingRequest>(`select ${COLUMNS} from sharing_request r left join sharing_consumer c on c.id = r.consumer_id where r.id = $1::uuid`, [id]);
  return rows[0] && tidy(rows[0]);
}

export async function listRequests(db: Queryable, limit: number): Promise<SharingRequest[]> {
  const { rows } = await db.query<SharingRequest>(
    `select ${COLUMNS} from sharing_request r left join sharing_consumer c on c.id = r.consumer_id order by r.filed_at desc limit $1::int`,
    [limit],
  );
  return rows.map(tidy);
}

/** Decides a filed request (locked against a second decision): refused, or delivered with its extract. */
export async function decide(
  db: Queryable,
  id: string,
  d: { status: 'refused' | 'delivered'; by: string | null; at: Date; conditions: string | null; note: string | null; content: Buffer | null; sha256: string | null; expiresAt: Date | null },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update sharing_request set status = $2::text, decided_by = $3::uuid, decided_at = $4::timestamptz, conditions = $5::text,
            decision_note = $6::text, file_content = $7::bytea, file_sha256 = $8::text, link_expires_at = $9::timestamptz
      where id = $1::uuid and status = 'filed'`,
    [id, d.status, d.by, d.at, d.conditions, d.note, d.content, d.sha256, d.expiresAt],
  );
  return rowCount > 0;
}

export async function deliveredFile(db: Queryable, id: string): Promise<{ content: Buffer; format: 'geojson' | 'xlsx'; linkExpiresAt: string } | undefined> {
  const { rows } = await db.query<{ content: Buffer; format: 'geojson' | 'xlsx'; linkExpiresAt: string }>(
    `select file_content as content, format, link_expires_at as "linkExpiresAt" from sharing_request where id = $1::uuid and status = 'delivered'`,
    [id],
  );
  return rows[0] && { ...rows[0], content: Buffer.from(rows[0].content), linkExpiresAt: new Date(rows[0].linkExpiresAt).toISOString() };
}

export async function countDownload(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('update sharing_request set downloads = downloads + 1, last_download_at = $2::timestamptz where id = $1::uuid', [id, at]);
}
