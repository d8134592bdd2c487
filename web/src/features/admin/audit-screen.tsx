// The audit log (A8, O10): filtered, paged by cursor, and checked for integrity (the
// server verifies the hash chain and names the first entry that does not fit).
import { useEffect, useState, type FormEvent } from 'react';
import {
  ApiError,
  isAbort,
  listAccounts,
  listAudit,
  useApiResource,
  verifyAudit,
  type AuditEntry,
  type AuditQuery,
  type AuditVerification,
} from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { addDays, formatCount, formatDateTime } from '../../ui/format';

const PAGE = 50;
const FILTERS = ['from', 'to', 'actor', 'action', 'objectType'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
type Cursor = number | string;

/** The form's filters as the API takes them: "to" is inclusive here, exclusive there. */
export function auditQueryOf(draft: Filters): AuditQuery {
  const query: Record<string, string> = {};
  for (const name of FILTERS) if (draft[name].trim()) query[name] = draft[name].trim();
  if (query.to) query.to = addDays(query.to, 1);
  return query;
}

export function AuditScreen({ onError }: { onError: (error: ApiError) => void }) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<Filters>({ from: '', to: '', actor: '', action: '', objectType: '' });
  const [query, setQuery] = useState<AuditQuery>({});
  const [pages, setPages] = useState<{ items: AuditEntry[]; next: Cursor | null }>({ items: [], next: null });
  const [cursor, setCursor] = useState<Cursor | undefined>(undefined);
  const accounts = useApiResource('audit-actors', (signal) => listAccounts({}, signal), onError);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    listAudit({ ...query, cursor, limit: PAGE }, controller.signal).then(
      (page) => {
        setPages((previous) => ({ items: cursor ? [...previous.items, ...page.items] : [...page.items], next: page.nextCursor ?? null }));
        setLoading(false);
      },
      (error: unknown) => {
        if (isAbort(error)) return;
        setLoading(false);
        if (error instanceof ApiError) onError(error);
      },
    );
    return () => controller.abort();
  }, [query, cursor, onError]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setCursor(undefined);
    setQuery(auditQueryOf(draft));
  };

  const input = (name: 'from' | 'to' | 'action' | 'objectType', type = 'text', placeholder?: string) => (
    <Field label={t(`audit.${name}` as const)}>
      {(id) => (
        <input id={id} type={type} data-testid={`audit-${name}`} value={draft[name]} placeholder={placeholder}
          onChange={(event) => setDraft({ ...draft, [name]: event.target.value })} />
      )}
    </Field>
  );

  return (
    <section className="admin-screen" data-testid="audit">
      <header className="screen-header">
        <h2>{t('audit.title')}</h2>
      </header>
      <IntegrityCheck />
      <form className="filters" onSubmit={apply}>
        {input('from', 'date')}
        {input('to', 'date')}
        <Field label={t('audit.actor')}>
          {(id) => (
            <select id={id} data-testid="audit-actor" value={draft.actor} onChange={(event) => setDraft({ ...draft, actor: event.target.value })}>
              <option value="">{t('audit.anyActor')}</option>
              {accounts.data?.items.map((account) => (
                <option key={account.id} value={account.id}>
                  {`${account.fullName} (${account.username})`}
                </option>
              ))}
            </select>
          )}
        </Field>
        {input('action', 'text', 'account., auth.login…')}
        {input('objectType', 'text', 'account, project…')}
        <button type="submit" className="button">{t('audit.apply')}</button>
      </form>
      <table className="table audit-table">
        <thead>
          <tr>
            <th>{t('audit.seq')}</th>
            <th>{t('audit.at')}</th>
            <th>{t('audit.actor')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.object')}</th>
            <th>{t('audit.unit')}</th>
            <th>{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {pages.items.map((entry) => (
            <tr key={String(entry.seq)} data-testid="audit-row">
              <td className="number">{entry.seq}</td>
              <td>{formatDateTime(entry.at, locale)}</td>
              <td>{entry.actorName ?? entry.actorId ?? '—'}</td>
              <td><code>{entry.action}</code></td>
              <td>{entry.objectType ? `${entry.objectType} ${entry.objectId ?? ''}` : ''}</td>
              <td>{entry.unitCode ?? ''}</td>
              <td className="details" title={entry.requestId ?? undefined}>{describeDetails(entry.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint" data-testid="audit-count">
        {t('audit.shown', { count: formatCount(pages.items.length, locale) })}
      </p>
      {pages.next && (
        <button type="button" className="button" data-testid="audit-more" disabled={loading} onClick={() => setCursor(pages.next ?? undefined)}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}

function describeDetails(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details);
  const text = JSON.stringify(details);
  return text === '{}' ? '' : text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function IntegrityCheck() {
  const { t, lang, locale } = useI18n();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await verifyAudit());
    } catch (caught) {
      if (caught instanceof ApiError) setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="integrity">
      <button type="button" className="button" data-testid="audit-verify" disabled={busy} onClick={() => void verify()}>
        {busy ? t('audit.verifying') : t('audit.verify')}
      </button>
      {result && (
        <p className={result.ok ? 'success' : 'form-error'} role="status" data-testid="audit-verify-result" data-ok={String(result.ok)}>
          {result.ok
            ? t('audit.verifyOk', { count: formatCount(result.checked, locale) }) +
              (result.lastHash ? ` ${t('audit.anchor', { seq: String(result.lastSeq ?? ''), hash: result.lastHash })}` : '')
            : t('audit.verifyProblem', {
                seq: String(result.problem?.seq ?? '?'),
                kind: result.problem ? t(`audit.problem.${result.problem.kind}` as const) : '',
                message: result.problem?.message[lang] ?? '',
              })}
        </p>
      )}
      {error && <p className="form-error" role="alert">{error.messages[lang]}</p>}
    </div>
  );
}
