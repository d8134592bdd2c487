// Backups and restores over HTTP (issue #10). Every route needs backup.restore (held by
// dept_admin): taking a copy of the whole database is as sensitive as restoring one (R4).
// A backup, a restore and a drill run in the background (minutes on a large database):
// the call answers 202 and the portal follows the lists.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../kernel/app-error.js';
import type { Logger } from '../../kernel/logger.js';
import { errorResponses } from '../../http/schemas.js';
import { runExclusive } from '../../jobs/scheduler.js';
import { actAs } from '../audit/index.js';
import { backupDatabase, backupDocuments, removableCopy } from './backup.service.js';
import * as repo from './backups.repo.js';
import { restoreLogPdf } from './restore-log-pdf.js';
import { chooseBackup, restoreBackup, restoreLog, type RestoreDeps } from './restore.service.js';

export type BackupRouteDeps = RestoreDeps & { removableRoot: string; logger?: Logger };

const tags = ['administration'];
const PERMISSION = 'backup.restore';
const denied = { 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse'), ...errorResponses };
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Limit = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false });
const Text = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, description });

const BackupOut = Type.Object({
  id: Type.String(), kind: Type.String(), trigger: Type.String(), startedAt: Type.String(), finishedAt: Nullable(Type.String()),
  status: Type.String(), verified: Type.Boolean(), target: Type.String(), fileName: Nullable(Type.String()), bytes: Nullable(Type.Number()),
  sha256: Nullable(Type.String()), engine: Nullable(Type.String()), error: Nullable(Type.String()), startedByName: Nullable(Type.String()),
  sourceBackupId: Nullable(Type.String()), retention: Type.String(), deletedAt: Nullable(Type.String()),
  tables: Nullable(Type.Integer({ description: 'số bảng trong bản kê / tables in the manifest' })),
  rows: Nullable(Type.Number({ description: 'tổng số bản ghi / rows in the manifest' })),
});
const RestoreOut = Type.Object({
  id: Type.String(), drill: Type.Boolean(), backupId: Nullable(Type.String()), incidentAt: Nullable(Type.String()), startedAt: Type.String(),
  finishedAt: Nullable(Type.String()), status: Type.String(), engine: Type.String(), restoredInto: Nullable(Type.String()),
  previousKeptAs: Nullable(Type.String()), durationMs: Nullable(Type.Number()), error: Nullable(Type.String()),
  requestedByName: Nullable(Type.String()), reason: Nullable(Type.String()),
});
const StepOut = Type.Object({
  position: Type.Integer(), step: Type.String(), startedAt: Type.String(), finishedAt: Nullable(Type.String()), outcome: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});
const CopyOut = Type.Object({
  id: Type.String(), backupRunId: Type.String(), sourceBackupId: Nullable(Type.String()), mediumLabel: Type.String(), destination: Type.String(),
  takenByName: Type.String(), takenAt: Type.String(), handedTo: Nullable(Type.String()), archiveLocation: Nullable(Type.String()),
  status: Type.String(), statusAt: Nullable(Type.String()), note: Nullable(Type.String()), bytes: Nullable(Type.Number()), verified: Type.Boolean(),
});

function backupOut(b: repo.BackupRunRow) {
  const manifest = b.manifest as { tables?: Array<{ rows: number }> } | null;
  const { manifest: _m, startedBy: _s, ...rest } = b;
  return {
    ...rest,
    startedAt: b.startedAt.toISOString(), finishedAt: b.finishedAt?.toISOString() ?? null, deletedAt: b.deletedAt?.toISOString() ?? null,
    tables: manifest?.tables?.length ?? null, rows: manifest?.tables ? manifest.tables.reduce((n, t) => n + t.rows, 0) : null,
  };
}

function restoreOut(r: repo.RestoreRunRow) {
  const { requestedBy: _r, ...rest } = r;
  return { ...rest, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null, incidentAt: r.incidentAt?.toISOString() ?? null };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function incidentTime(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) {
    throw new AppError('VALIDATION_FAILED', { vi: 'Thời điểm sự cố không hợp lệ (ISO 8601, ví dụ 2026-11-20T08:00+07:00)', en: 'Invalid incident time (ISO 8601, e.g. 2026-11-20T08:00+07:00)' }, { field: 'incidentAt' });
  }
  return at;
}

export function registerBackupRoutes(app: FastifyInstance, deps: BackupRouteDeps): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const config = { permission: PERMISSION };
  const background = (name: string, run: () => Promise<unknown>) => {
    void runExclusive(deps.db, { name, run }).catch((error: unknown) => deps.logger?.error({ err: error, job: name }, 'background job failed'));
  };

  typed.get('/backups', {
    config,
    schema: { tags, summary: 'Các bản sao lưu / backups', querystring: Limit, response: { 200: Type.Array(BackupOut), ...denied } },
  }, async (request) => (await repo.listBackupRuns(deps.db, request.query.limit ?? 100)).map(backupOut));

  typed.post('/backups', {
    config,
    schema: {
      tags, summary: 'Sao lưu ngay (chạy nền) / back up now (in the background)',
      body: Type.Object({ kind: Type.Union([Type.Literal('database'), Type.Literal('documents')]) }, { additionalProperties: false }),
      response: { 202: Type.Object({ started: Type.Boolean() }), ...denied },
    },
  }, async (request, reply) => {
    const actor = request.actor;
    const kind = request.body.kind;
    // the scheduled job's name: a manual backup never runs alongside the nightly one
    background(kind === 'database' ? 'backup-database' : 'backup-documents', () =>
      kind === 'database' ? backupDatabase(deps, { trigger: 'manual', actor }) : backupDocuments(deps, { trigger: 'manual', actor }));
    return reply.code(202).send({ started: true });
  });

  typed.get('/backups/removable', {
    config,
    schema: { tags, summary: 'Sổ theo dõi bản sao trên ổ đĩa di động / register of removable copies (B2, B4)', querystring: Limit, response: { 200: Type.Array(CopyOut), ...denied } },
  }, async (request) =>
    (await repo.listRemovableCopies(deps.db, request.query.limit ?? 200)).map(({ takenBy: _t, ...c }) => ({ ...c, takenAt: c.takenAt.toISOString(), statusAt: iso(c.statusAt) })));

  typed.post('/backups/removable', {
    config,
    schema: {
      tags, summary: 'Chép bản sao lưu ra ổ đĩa di động và ghi sổ / copy a backup to a removable disk and register it (B2, B4)',
      body: Type.Object({
        destination: Text(500, 'Thư mục trên ổ đĩa đã gắn (dưới LIS_BACKUP_REMOVABLE_ROOT) / folder on the mounted disk'),
        mediumLabel: Text(200, 'Nhãn ổ đĩa / medium label'),
        handedTo: Type.Optional(Text(200, 'Người nhận / handed to')),
        archiveLocation: Type.Optional(Text(300, 'Nơi lưu trữ / archive location')),
        note: Type.Optional(Type.String({ maxLength: 2000 })),
        backupId: Type.Optional(Type.String({ format: 'uuid' })),
      }, { additionalProperties: false }),
      response: { 201: CopyOut, ...denied },
    },
  }, async (request, reply) => {
    const { takenBy: _t, ...c } = await removableCopy(deps, request.actor, request.body);
    return reply.code(201).send({ ...c, takenAt: c.takenAt.toISOString(), statusAt: iso(c.statusAt) });
  });

  typed.put('/backups/removable/:id', {
    config,
    schema: {
      tags, summary: 'Cập nhật sổ: lưu kho, trả lại, tiêu hủy / register: archived, returned, destroyed', params: Id,
      body: Type.Object({
        status: Type.Union([Type.Literal('archived'), Type.Literal('returned'), Type.Literal('destroyed')]),
        handedTo: Type.Optional(Text(200, 'Người nhận / handed to')),
        archiveLocation: Type.Optional(Text(300, 'Nơi lưu trữ / archive location')),
        note: Type.Optional(Type.String({ maxLength: 2000 })),
      }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...denied },
    },
  }, async (request, reply) => {
    const b = request.body;
    const found = await actAs(deps.db, request.actor, (tx) =>
      repo.updateRemovableCopy(tx, request.params.id, { status: b.status, at: deps.clock.now(), handedTo: b.handedTo ?? null, archiveLocation: b.archiveLocation ?? null, note: b.note ?? null }));
    if (!found) throw new AppError('NOT_FOUND', { vi: 'Không có bản sao với mã này', en: 'No removable copy with this id' }, { field: 'id' });
    return reply.code(204).send(null);
  });

  typed.get('/restores', {
    config,
    schema: { tags, summary: 'Các lần phục hồi và diễn tập / restores and drills', querystring: Limit, response: { 200: Type.Array(RestoreOut), ...denied } },
  }, async (request) => (await repo.listRestoreRuns(deps.db, request.query.limit ?? 100)).map(restoreOut));

  const Choose = Type.Object({
    incidentAt: Type.Optional(Type.String({ minLength: 10, maxLength: 40, description: 'Thời điểm sự cố (ISO 8601) / incident time' })),
    backupId: Type.Optional(Type.String({ format: 'uuid' })),
  }, { additionalProperties: false });

  typed.get('/restores/preview', {
    config,
    schema: { tags, summary: 'Bản sao lưu sẽ được dùng (R3) / the backup a restore would take', querystring: Choose, response: { 200: BackupOut, ...denied } },
  }, async (request) => backupOut(await chooseBackup(deps.db, { incidentAt: incidentTime(request.query.incidentAt), backupId: request.query.backupId })));

  typed.post('/restores', {
    config,
    schema: {
      tags, summary: 'Phục hồi dữ liệu (chạy nền; chuyển đổi khi khởi động lại) / restore (background; switched over at the next start)',
      body: Type.Object({
        ...Choose.properties,
        reason: Text(2000, 'Lý do phục hồi / reason'),
        confirmBackupId: Type.String({ format: 'uuid', description: 'Mã bản sao lưu người dùng đã xác nhận / the backup the user confirmed' }),
      }, { additionalProperties: false }),
      response: { 202: Type.Object({ id: Type.String(), backupId: Type.String() }), ...denied },
    },
  }, async (request, reply) => {
    const b = request.body;
    const incidentAt = incidentTime(b.incidentAt);
    const chosen = await chooseBackup(deps.db, { incidentAt, backupId: b.backupId });
    if (chosen.id !== b.confirmBackupId) {
      throw new AppError('CONFLICT', { vi: 'Bản sao lưu được chọn đã thay đổi: hãy xác nhận lại', en: 'The chosen backup changed: confirm again' }, { field: 'confirmBackupId', chosen: chosen.id });
    }
    // one restore (or drill) at a time, across processes: the scheduler's lock
    const id = await new Promise<string>((resolve, reject) => {
      runExclusive(deps.db, { name: 'restore', run: () => restoreBackup(deps, { actor: request.actor, backupId: chosen.id, incidentAt, reason: b.reason, onStarted: resolve }) })
        .then((ran) => ran || reject(new AppError('CONFLICT', { vi: 'Một lần phục hồi khác đang chạy', en: 'Another restore is running' })))
        .catch((error: unknown) => {
          reject(error); // no effect once the answer was sent
          deps.logger?.error({ err: error }, 'restore failed');
        });
    });
    return reply.code(202).send({ id, backupId: chosen.id });
  });

  typed.post('/restores/drill', {
    config,
    schema: { tags, summary: 'Diễn tập phục hồi (chạy nền) / restore drill (background)', response: { 202: Type.Object({ started: Type.Boolean() }), ...denied } },
  }, async (request, reply) => {
    const actor = request.actor;
    await chooseBackup(deps.db, {}); // 404 at once when there is nothing to drill on
    background('restore', () => restoreBackup(deps, { actor, drill: true, reason: 'diễn tập / drill' }));
    return reply.code(202).send({ started: true });
  });

  typed.get('/restores/:id', {
    config,
    schema: { tags, summary: 'Nhật ký một lần phục hồi / a restore and its log (R2)', params: Id, response: { 200: Type.Object({ run: RestoreOut, steps: Type.Array(StepOut), backup: Nullable(BackupOut) }), ...denied } },
  }, async (request) => {
    const log = await restoreLog(deps.db, request.params.id);
    if (!log) throw new AppError('NOT_FOUND', { vi: 'Không có lần phục hồi với mã này', en: 'No restore with this id' }, { field: 'id' });
    return {
      run: restoreOut(log.run),
      steps: log.steps.map((s) => ({ ...s, startedAt: s.startedAt.toISOString(), finishedAt: iso(s.finishedAt) })),
      backup: log.backup ? backupOut(log.backup) : null,
    };
  });

  typed.get('/restores/:id/log.pdf', {
    config,
    schema: { tags, summary: 'Nhật ký phục hồi để in (PDF) / the restore log, printable (R2)', params: Id, response: { ...denied } },
  }, async (request, reply) => {
    const log = await restoreLog(deps.db, request.params.id);
    if (!log) throw new AppError('NOT_FOUND', { vi: 'Không có lần phục hồi với mã này', en: 'No restore with this id' }, { field: 'id' });
    const pdf = await restoreLogPdf(log, deps.clock.now());
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="nhat-ky-phuc-hoi-${log.run.id.slice(0, 8)}.pdf"`).send(pdf);
  });
}
