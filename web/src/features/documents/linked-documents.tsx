// "Hồ sơ quét": the scanned documents of one record (S-SCAN, issue #9) — a parcel, a
// certificate or a change transaction — for accounts with cadastre.read: the current
// versions, each with "Xem" (the page viewer), "Tải về" (the file, fetched so that a
// refusal — personal data without cadastre.read_personal, Nghị định 13/2023 — shows the
// server's own words; a document with personal data comes as a PDF stamped with the
// viewer's name), its earlier versions (date, uploader, size); and, for cadastre.edit, an
// upload form and "Tải lên phiên bản mới" (the current version ends, never overwritten).
// One component for every screen: the parcel panel, each certificate, the change form and
// the approvers' inbox differ only in the target and the texts.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/api-error';
import { isAbort } from '../../api/api-error';
import { useI18n, type MessageKey } from '../../i18n';
import { Field } from '../../ui/field';
import { FormError } from '../../ui/form-error';
import { formatCount, formatDate, formatDateTime } from '../../ui/format';
import { useSession } from '../auth/session-context';
import { Refusal } from '../parcels/parcel-records';
import { toApiError } from '../parcels/use-parcel-record';
import { DocumentViewer } from './document-viewer';
import {
  downloadName, fetchContent, linkFields, listDocuments, listDocumentTypes, listVersions, uploadDocument, uploadVersion,
  type DocumentTarget, type DocumentType, type ScannedDocument,
} from './documents-api';

const CADASTRE_EDIT = 'cadastre.edit';
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff';

/** Bytes as KB/MB in the locale (1 KB = 1 024 bytes). */
export function formatSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** The code list, fetched once for every list on the screen (a parcel shows one per certificate). */
let typesOnce: Promise<DocumentType[]> | null = null;
function documentTypes(): Promise<DocumentType[]> {
  typesOnce ??= listDocumentTypes().catch((error: unknown) => {
    typesOnce = null; // asked again next time
    throw error;
  });
  return typesOnce;
}

/** A stable key of a target, to reload when it changes. */
const targetKey = (target: DocumentTarget | null): string =>
  !target ? '' : target.kind === 'parcel' ? `p:${target.parcelUid}` : target.kind === 'certificate' ? `c:${target.serial}` : `x:${target.changeId}`;

interface Listed {
  readonly key: string;
  readonly documents: readonly ScannedDocument[] | null;
  readonly error: ApiError | null;
}

export interface LinkedDocumentsProps {
  /** null: the record cannot be named yet (`missingText` is shown) */
  readonly target: DocumentTarget | null;
  readonly title: string;
  readonly emptyText: string;
  readonly missingText?: string;
  /** a smaller heading, for a list inside another item (a certificate, an inbox item) */
  readonly nested?: boolean;
  /** the type chosen first in the upload form */
  readonly defaultType?: string;
  readonly testId: string;
}

export function LinkedDocuments({ target, title, emptyText, missingText, nested = false, defaultType = '', testId }: LinkedDocumentsProps) {
  const { t, lang } = useI18n();
  const session = useSession();
  const [revision, setRevision] = useState(0);
  const [listed, setListed] = useState<Listed | null>(null);
  const [types, setTypes] = useState<readonly DocumentType[]>([]);
  const [viewing, setViewing] = useState<ScannedDocument | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const key = `${targetKey(target)}#${revision}`;

  useEffect(() => {
    if (!target) return;
    const controller = new AbortController();
    listDocuments(target, controller.signal).then(
      ({ documents }) => !controller.signal.aborted && setListed({ key, documents, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) setListed({ key, documents: null, error: toApiError(error) });
      },
    );
    return () => controller.abort();
    // the key names the target (and the revision): a new target object for the same record does not reload
  }, [key]);

  useEffect(() => {
    let live = true;
    documentTypes().then(
      (list) => live && setTypes(list),
      () => undefined, // the list still shows the codes
    );
    return () => {
      live = false;
    };
  }, []);

  const state = listed?.key === key ? listed : null;
  const typeName = (code: string) => types.find((type) => type.code === code)?.name[lang] ?? code;
  const canEdit = session.can(CADASTRE_EDIT);
  const changed = (message: string) => {
    setNotice(message);
    setRevision((r) => r + 1);
  };
  const Heading = nested ? 'h4' : 'h3';
  return (
    <section className="parcel-records parcel-documents" data-testid={testId} aria-busy={!!target && state === null}>
      <Heading>{title}</Heading>
      {!target && missingText && <p className="hint">{missingText}</p>}
      {target && state === null && <p className="hint">{t('loading')}</p>}
      {state?.error && <Refusal error={state.error} lang={lang} testId="documents-error" />}
      {state?.documents && state.documents.length === 0 && <p className="hint">{emptyText}</p>}
      {state?.documents && state.documents.length > 0 && (
        <ul className="record-list document-list">
          {state.documents.map((doc) => (
            <DocumentItem key={doc.id} doc={doc} typeName={typeName(doc.documentType)} canEdit={canEdit} onView={setViewing} onChanged={changed} />
          ))}
        </ul>
      )}
      {notice && <p className="success" role="status" data-testid="document-uploaded">{notice}</p>}
      {target && canEdit && <UploadForm target={target} types={types} defaultType={defaultType} onUploaded={(doc) => changed(t('documents.uploaded', { title: doc.title }))} />}
      {viewing && <DocumentViewer document={viewing} onClose={() => setViewing(null)} />}
    </section>
  );
}

/** Fetches the bytes (the server's refusal shown in place) and saves them under the right name. */
function useDownload(doc: ScannedDocument) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const download = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const blob = await fetchContent(doc.id);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = downloadName(doc, blob.type);
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      if (!isAbort(error)) setRefusal(toApiError(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, refusal, download };
}

interface ItemProps {
  readonly doc: ScannedDocument;
  readonly typeName: string;
  readonly canEdit: boolean;
  readonly onView: (doc: ScannedDocument) => void;
  readonly onChanged: (message: string) => void;
}

function DocumentItem({ doc, typeName, canEdit, onView, onChanged }: ItemProps) {
  const { t, lang, locale } = useI18n();
  const { busy, refusal, download } = useDownload(doc);
  const [showVersions, setShowVersions] = useState(false);
  const [newVersion, setNewVersion] = useState(false);
  const facts = [
    doc.number ? `${t('documents.number')} ${doc.number}` : null,
    doc.issuedOn ? t('documents.issuedOn', { date: formatDate(doc.issuedOn, locale) }) : null,
    doc.issuer ? `${t('documents.issuer')}: ${doc.issuer}` : null,
  ].filter((part): part is string => part !== null);
  return (
    <li data-testid="document" data-id={doc.id} data-media-type={doc.mediaType} data-version={doc.version}>
      <strong data-testid="document-type">{typeName}</strong>
      <span data-testid="document-title">{doc.title}</span>
      {facts.length > 0 && <span className="muted" data-testid="document-facts">{facts.join(' · ')}</span>}
      <span className="muted" data-testid="document-file">
        {doc.pages === null ? t('documents.pagesUnknown') : t('documents.pages', { count: formatCount(doc.pages, locale) })} · {formatSize(doc.sizeBytes, locale)} ·{' '}
        {t('documents.uploadedAt', { date: formatDateTime(doc.uploadedAt, locale) })}
        {doc.uploadedByName ? ` ${t('documents.by', { name: doc.uploadedByName })}` : ''}
        {doc.version > 1 ? ` · ${t('documents.version', { version: doc.version })}` : ''}
        {doc.containsPersonalData && (
          <>
            {' '}
            <span className="badge" data-testid="document-personal">{t('documents.personal')}</span>
          </>
        )}
      </span>
      <span className="form-actions">
        <button type="button" className="button small" onClick={() => onView(doc)} data-testid="document-view">
          {t('documents.view')}
        </button>
        <button type="button" className="button small" onClick={() => void download()} disabled={busy} aria-busy={busy} data-testid="document-download">
          {busy ? t('documents.downloading') : t('documents.download')}
        </button>
        {doc.version > 1 && (
          <button type="button" className="button small" aria-expanded={showVersions} onClick={() => setShowVersions((v) => !v)} data-testid="document-versions-toggle">
            {t('documents.versions', { count: doc.version })}
          </button>
        )}
        {canEdit && !newVersion && (
          <button type="button" className="button small" onClick={() => setNewVersion(true)} data-testid="document-new-version">
            {t('documents.newVersion')}
          </button>
        )}
      </span>
      {refusal && <Refusal error={refusal} lang={lang} testId="document-refusal" />}
      {showVersions && <VersionList documentUid={doc.documentUid} onView={onView} />}
      {newVersion && (
        <VersionForm
          doc={doc}
          onCancel={() => setNewVersion(false)}
          onUploaded={(next) => {
            setNewVersion(false);
            onChanged(t('documents.versionUploaded', { version: next.version, title: next.title }));
          }}
        />
      )}
    </li>
  );
}

/** Every version of a document, newest first: date, uploader, size, and each one viewable. */
function VersionList({ documentUid, onView }: { documentUid: string; onView: (doc: ScannedDocument) => void }) {
  const { t, lang, locale } = useI18n();
  const [versions, setVersions] = useState<readonly ScannedDocument[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    listVersions(documentUid, controller.signal).then(
      ({ versions: list }) => !controller.signal.aborted && setVersions([...list].reverse()),
      (caught: unknown) => !controller.signal.aborted && !isAbort(caught) && setError(toApiError(caught)),
    );
    return () => controller.abort();
  }, [documentUid]);
  if (error) return <Refusal error={error} lang={lang} testId="document-versions-error" />;
  if (!versions) return <p className="hint">{t('loading')}</p>;
  return (
    <table className="document-versions" data-testid="document-versions">
      <caption>{t('documents.versionsTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('documents.versionColumn')}</th>
          <th scope="col">{t('documents.dateColumn')}</th>
          <th scope="col">{t('documents.uploaderColumn')}</th>
          <th scope="col">{t('documents.sizeColumn')}</th>
          <th scope="col"><span className="visually-hidden">{t('documents.view')}</span></th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.id} data-testid="document-version" data-version={v.version} aria-current={v.validTo === null ? 'true' : undefined}>
            <td>{v.version}{v.validTo === null ? ` (${t('documents.current')})` : ''}</td>
            <td>{formatDateTime(v.validFrom, locale)}</td>
            <td>{v.uploadedByName ?? '—'}</td>
            <td>{formatSize(v.sizeBytes, locale)}</td>
            <td>
              <button type="button" className="button small" onClick={() => onView(v)} data-testid="document-version-view">
                {t('documents.view')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VersionForm({ doc, onCancel, onUploaded }: { doc: ScannedDocument; onCancel: () => void; onUploaded: (doc: ScannedDocument) => void }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setError(t('documents.missingFile'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onUploaded(await uploadVersion(doc.documentUid, { title: title.trim() || undefined }, file));
    } catch (failure) {
      setError(toApiError(failure).messages[lang]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="action-form document-upload" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy} data-testid="document-version-form">
      <h4>{t('documents.newVersionTitle', { title: doc.title })}</h4>
      <p className="hint">{t('documents.newVersionHint')}</p>
      <Field label={t('documents.titleField')}>
        {(id) => <input id={id} value={title} placeholder={doc.title} onChange={(event) => setTitle(event.target.value)} maxLength={500} data-testid="document-version-title" />}
      </Field>
      <Field label={t('documents.file')}>
        {(id) => <input id={id} type="file" ref={fileInput} accept={ACCEPT} required data-testid="document-version-file" />}
      </Field>
      <FormError message={error} testId="document-version-error" />
      <div className="form-actions">
        <button type="submit" className="button small primary" disabled={busy} data-testid="document-version-submit">
          {busy ? t('documents.uploading') : t('documents.submit')}
        </button>
        <button type="button" className="button small" onClick={onCancel} disabled={busy}>
          {t('documents.cancel')}
        </button>
      </div>
    </form>
  );
}

interface UploadFormProps {
  readonly target: DocumentTarget;
  readonly types: readonly DocumentType[];
  readonly defaultType: string;
  readonly onUploaded: (doc: ScannedDocument) => void;
}

function UploadForm({ target, types, defaultType, onUploaded }: UploadFormProps) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [documentType, setDocumentType] = useState(defaultType);
  const [number, setNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState('');
  const [issuer, setIssuer] = useState('');
  const [title, setTitle] = useState('');
  const [personal, setPersonal] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  if (!open) {
    return (
      <div className="form-actions">
        <button type="button" className="button small primary" onClick={() => setOpen(true)} data-testid="document-upload-open">
          {t(target.kind === 'change' ? 'documents.attach' : 'documents.upload')}
        </button>
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    const missing: MessageKey | null = !documentType ? 'documents.missingType' : !title.trim() ? 'documents.missingTitle' : !file ? 'documents.missingFile' : null;
    if (missing || !file) {
      setError(t(missing ?? 'documents.missingFile'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const doc = await uploadDocument(
        { documentType, title: title.trim(), number: number.trim(), issuedOn, issuer: issuer.trim(), containsPersonalData: personal, ...linkFields(target) },
        file,
      );
      setOpen(false);
      setDocumentType(defaultType);
      setNumber('');
      setIssuedOn('');
      setIssuer('');
      setTitle('');
      setPersonal(false);
      onUploaded(doc);
    } catch (failure) {
      setError(toApiError(failure).messages[lang]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="action-form document-upload" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy} data-testid="document-upload">
      <h4>{t('documents.uploadTitle')}</h4>
      <Field label={t('documents.type')}>
        {(id) => (
          <select id={id} value={documentType} onChange={(event) => setDocumentType(event.target.value)} required data-testid="document-type-select">
            <option value="">{t('documents.chooseType')}</option>
            {types.map((type) => (
              <option key={type.code} value={type.code}>
                {type.name[lang]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('documents.titleField')}>
        {(id) => <input id={id} value={title} onChange={(event) => setTitle(event.target.value)} maxLength={500} required data-testid="document-title-input" />}
      </Field>
      <Field label={t('documents.numberField')}>
        {(id) => <input id={id} value={number} onChange={(event) => setNumber(event.target.value)} maxLength={100} data-testid="document-number-input" />}
      </Field>
      <Field label={t('documents.dateField')}>
        {(id) => <input id={id} type="date" value={issuedOn} onChange={(event) => setIssuedOn(event.target.value)} data-testid="document-date-input" />}
      </Field>
      <Field label={t('documents.issuerField')}>
        {(id) => <input id={id} value={issuer} onChange={(event) => setIssuer(event.target.value)} maxLength={300} data-testid="document-issuer-input" />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={personal} onChange={(event) => setPersonal(event.target.checked)} data-testid="document-personal-input" /> {t('documents.personalField')}
      </label>
      <Field label={t('documents.file')}>
        {(id) => <input id={id} type="file" ref={fileInput} accept={ACCEPT} required data-testid="document-file-input" />}
      </Field>
      <FormError message={error} testId="document-upload-error" />
      <div className="form-actions">
        <button type="submit" className="button small primary" disabled={busy} data-testid="document-upload-submit">
          {busy ? t('documents.uploading') : t('documents.submit')}
        </button>
        <button type="button" className="button small" onClick={() => setOpen(false)} disabled={busy}>
          {t('documents.cancel')}
        </button>
      </div>
    </form>
  );
}
