// Files into a price table: the province's Excel workbook into a draft (all rows or none;
// a refusal lists every bad cell by row and column), and the road lines of the segments
// (GeoJSON, EPSG:4326, properties.code = the segment's code). Both may take seconds: the
// button says so and the form is busy meanwhile.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { translate, useI18n, type MessageKey } from '../../i18n';
import { Field } from '../../ui/field';
import { FormError } from '../../ui/form-error';
import { importFindings, importPriceWorkbook, putSegmentGeometries, type ImportFinding } from './price-api';

/** A message in both languages: shown in the language chosen now, not when it came. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

export function bothLanguages(key: MessageKey, params?: Record<string, string | number>): Bilingual {
  return { vi: translate('vi', key, params), en: translate('en', key, params) };
}

/** The server's message of a refusal, or the portal's own when there is none. */
export function refusalOf(caught: unknown, fallback: MessageKey): Bilingual {
  return caught instanceof ApiError ? caught.messages : bothLanguages(fallback);
}

/** Upper bound of a file the portal sends (the server has its own limits). */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

export function PriceImport({ tableId, onImported }: { tableId: string; onImported: () => void }) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);
  const [findings, setFindings] = useState<readonly ImportFinding[]>([]);
  const [done, setDone] = useState<{ segments: number; prices: number } | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFindings([]);
    setDone(null);
    if (!file) return setError(bothLanguages('priceAdmin.pickFile'));
    if (file.size > MAX_UPLOAD_BYTES) return setError(bothLanguages('priceAdmin.tooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
    setError(null);
    setBusy(true);
    importPriceWorkbook(tableId, file).then(
      (result) => {
        setBusy(false);
        setDone(result);
        onImported();
      },
      (caught: unknown) => {
        setBusy(false);
        setError(refusalOf(caught, 'form.failed'));
        setFindings(importFindings(caught));
      },
    );
  };

  return (
    <form className="editor-upload" data-testid="price-import" onSubmit={submit} aria-busy={busy} noValidate>
      <h4>{t('priceAdmin.import')}</h4>
      <p className="hint">{t('priceAdmin.importHint')}</p>
      <Field label={t('priceAdmin.excelFile')}>
        {(id) => (
          <input
            id={id}
            type="file"
            data-testid="price-import-file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <button type="submit" className="button primary" data-testid="price-import-submit" disabled={busy}>
        {busy ? t('priceAdmin.importing') : t('priceAdmin.importButton')}
      </button>
      {busy && <Busy />}
      {done && <p className="success" role="status" data-testid="price-import-done">{t('priceAdmin.imported', { segments: done.segments, prices: done.prices })}</p>}
      <FormError message={error?.[lang] ?? null} testId="price-import-error" />
      {findings.length > 0 && (
        <table className="table compact findings" data-testid="price-findings">
          <thead>
            <tr>
              <th scope="col">{t('priceAdmin.row')}</th>
              <th scope="col">{t('priceAdmin.column')}</th>
              <th scope="col">{t('priceAdmin.message')}</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((f, i) => (
              <tr key={i} data-testid="price-finding" data-row={f.row ?? ''}>
                <td>{f.row ?? '—'}</td>
                <td>{f.column ?? '—'}</td>
                <td>{f.message[lang]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </form>
  );
}

export function SegmentGeometryUpload({ onUploaded }: { onUploaded: () => void }) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);
  const [done, setDone] = useState<number | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (!file) return setError(bothLanguages('priceAdmin.pickFile'));
    if (file.size > MAX_UPLOAD_BYTES) return setError(bothLanguages('priceAdmin.tooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
    setError(null);
    setBusy(true);
    readJson(file)
      .then((collection) => (collection === undefined ? Promise.reject(new Error('json')) : putSegmentGeometries(collection)))
      .then(
        (result) => {
          setBusy(false);
          setDone(result.updated);
          onUploaded();
        },
        (caught: unknown) => {
          setBusy(false);
          setError(refusalOf(caught, 'priceAdmin.notJson'));
        },
      );
  };

  return (
    <form className="editor-upload" data-testid="price-lines" onSubmit={submit} aria-busy={busy} noValidate>
      <h4>{t('priceAdmin.lines')}</h4>
      <p className="hint">{t('priceAdmin.linesHint')}</p>
      <Field label={t('priceAdmin.geojsonFile')}>
        {(id) => <input id={id} type="file" data-testid="price-lines-file" accept=".geojson,.json,application/geo+json,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      </Field>
      <button type="submit" className="button" data-testid="price-lines-submit" disabled={busy}>
        {busy ? t('priceAdmin.uploading') : t('priceAdmin.linesButton')}
      </button>
      {busy && <Busy />}
      {done !== null && <p className="success" role="status" data-testid="price-lines-done">{t('priceAdmin.linesDone', { count: done })}</p>}
      <FormError message={error?.[lang] ?? null} testId="price-lines-error" />
    </form>
  );
}

/** The parsed JSON of a file, or undefined when it is not JSON. */
export async function readJson(file: Blob): Promise<unknown> {
  try {
    return JSON.parse(await file.text()) as unknown;
  } catch {
    return undefined;
  }
}

export function Busy() {
  const { t } = useI18n();
  return (
    <span className="editor-busy" role="status" aria-live="polite" data-testid="upload-busy">
      <span className="loading-spinner" aria-hidden="true" />
      {t('priceAdmin.busy')}
    </span>
  );
}
