// "Hồ sơ quét": the scanned documents of the parcel (S-SCAN, issue #9 item 3), for
// accounts with cadastre.read: the current versions, each with "Xem" (the page viewer)
// and "Tải về" (the file, fetched so that a refusal — personal data without
// cadastre.read_personal, Nghị định 13/2023 — shows the server's own words); and, for
// cadastre.edit, a small upload form (multipart, the file last).
//
// The documents are listed by the parcel's identity across versions (parcelUid).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/api-error';
import { isAbort } from '../../api/api-error';
import type { ParcelDetail } from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { FormError } from '../../ui/form-error';
import { formatCount, formatDate, formatDateTime } from '../../ui/format';
import { useSession } from '../auth/session-context';
import { Refusal } from '../parcels/parcel-records';
import { toApiError } from '../parcels/use-parcel-record';
import { DocumentViewer } from './document-viewer';
import { fetchContent, listDocumentTypes, listParcelDocuments, uploadDocument, type DocumentType, type ScannedDocument } from './documents-api';

const CADASTRE_EDIT = 'cadastre.edit';

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

interface Listed {
  readonly key: string;
  readonly documents: readonly ScannedDocument[] | null;
  readonly error: ApiError | null;
}

export function ParcelDocuments({ detail }: { readonly detail: ParcelDetail }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const parcelUid: string | undefined = detail.parcelUid;
  const [revision, setRevision] = useState(0);
  const [listed, setListed] = useState<Listed | null>(null);
  const [types, setTypes] = useState<readonly DocumentType[]>([]);
  const [viewing, setViewing] = useState<ScannedDocument | null>(null);
  const key = `${parcelUid ?? ''}#${revision}`;

  useEffect(() => {
    if (!parcelUid) return;
    const controller = new AbortController();
    listParcelDocuments(parcelUid, controller.signal).then(
      ({ documents }) => !controller.signal.aborted && setListed({ key, documents, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) setListed({ key, documents: null, error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [key, parcelUid]);

  useEffect(() => {
    const controller = new AbortController();
    listDocumentTypes(controller.signal).then(
      (list) => !controller.signal.aborted && setTypes(list),
      () => undefined, // the list still shows the codes
    );
    return () => controller.abort();
  }, []);

  const state = listed?.key === key ? listed : null;
  const typeName = (code: string) => types.find((type) => type.code === code)?.name[lang] ?? code;
  return (
    <section className="parcel-records parcel-documents" data-testid="parcel-documents" aria-busy={!!parcelUid && state === null}>
      <h3>{t('documents.title')}</h3>
      {!parcelUid && <p className="hint">{t('documents.noUid')}</p>}
      {parcelUid && state === null && <p className="hint">{t('loading')}</p>}
      {state?.error && <Refusal error={state.error} lang={lang} testId="documents-error" />}
      {state?.documents && state.documents.length === 0 && <p className="hint">{t('documents.none')}</p>}
      {state?.documents && state.documents.length > 0 && (
        <ul className="record-list document-list">
          {state.documents.map((doc) => (
            <DocumentItem key={doc.id} doc={doc} typeName={typeName(doc.documentType)} onView={() => setViewing(doc)} />
          ))}
        </ul>
      )}
      {parcelUid && session.can(CADASTRE_EDIT) && <UploadForm parcelUid={parcelUid} types={types} onUploaded={() => setRevision((r) => r + 1)} />}
      {viewing && <DocumentViewer document={viewing} onClose={() => setViewing(null)} />}
    </section>
  );
}

function DocumentItem({ doc, typeName, onView }: { doc: ScannedDocument; typeName: string; onView: () => void }) {
  const { t, lang, locale } = useI18n();
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
      anchor.download = doc.fileName ?? `${doc.documentType}-${doc.id}`;
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
  const facts = [
    doc.number ? `${t('documents.number')} ${doc.number}` : null,
    doc.issuedOn ? t('documents.issuedOn', { date: formatDate(doc.issuedOn, locale) }) : null,
    doc.issuer ? `${t('documents.issuer')}: ${doc.issuer}` : null,
  ].filter((part): part is string => part !== null);
  return (
    <li data-testid="document" data-id={doc.id} data-media-type={doc.mediaType}>
      <strong data-testid="document-type">{typeName}</strong>
      <span data-testid="document-title">{doc.title}</span>
      {facts.length > 0 && <span className="muted" data-testid="document-facts">{facts.join(' · ')}</span>}
      <span className="muted" data-testid="document-file">
        {doc.pages === null ? t('documents.pagesUnknown') : t('documents.pages', { count: formatCount(doc.pages, locale) })} · {formatSize(doc.sizeBytes, locale)} ·{' '}
        {t('documents.uploadedAt', { date: formatDateTime(doc.uploadedAt, locale) })}
        {doc.containsPersonalData && (
          <>
            {' '}
            <span className="badge" data-testid="document-personal">{t('documents.personal')}</span>
          </>
        )}
      </span>
      <span className="form-actions">
        <button type="button" className="button small" onClick={onView} data-testid="document-view">
          {t('documents.view')}
        </button>
        <button type="button" className="button small" onClick={() => void download()} disabled={busy} aria-busy={busy} data-testid="document-download">
          {busy ? t('documents.downloading') : t('documents.download')}
        </button>
      </span>
      {refusal && <Refusal error={refusal} lang={lang} testId="document-refusal" />}
    </li>
  );
}

function UploadForm({ parcelUid, types, onUploaded }: { parcelUid: string; types: readonly DocumentType[]; onUploaded: () => void }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [documentType, setDocumentType] = useState('');
  const [number, setNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState('');
  const [issuer, setIssuer] = useState('');
  const [title, setTitle] = useState('');
  const [personal, setPersonal] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  if (!open) {
    return (
      <div className="form-actions">
        {done && <p className="success" role="status" data-testid="document-uploaded">{done}</p>}
        <button type="button" className="button small primary" onClick={() => { setOpen(true); setDone(null); }} data-testid="document-upload-open">
          {t('documents.upload')}
        </button>
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    const missing = !documentType ? 'documents.missingType' : !title.trim() ? 'documents.missingTitle' : !file ? 'documents.missingFile' : null;
    if (missing || !file) {
      setError(t(missing ?? 'documents.missingFile'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const doc = await uploadDocument(
        { documentType, title: title.trim(), number: number.trim(), issuedOn, issuer: issuer.trim(), containsPersonalData: personal, parcelUid },
        file,
      );
      setDone(t('documents.uploaded', { title: doc.title }));
      setOpen(false);
      setDocumentType('');
      setNumber('');
      setIssuedOn('');
      setIssuer('');
      setTitle('');
      setPersonal(false);
      onUploaded();
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
        {(id) => <input id={id} type="file" ref={fileInput} accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff" required data-testid="document-file-input" />}
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
