// Changes awaiting approval (accounts with cadastre.approve): open the parcel, approve
// or cancel. A refusal (409: the parcel changed meanwhile) is shown with the item.
import { useEffect, useState } from 'react';
import { ApiError, approveChange, cancelChange, isAbort, listChanges, type ChangeSummary, type ParcelKey } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../ui/format';
import { toApiError } from '../parcels/use-parcel-record';
import { LinkedDocuments } from '../documents/linked-documents';

export interface ChangesInboxProps {
  /** The commune whose changes are listed (with the communes merged into it). */
  readonly unitCode: string | null;
  /** Bumped when a change was prepared: read the list again. */
  readonly revision: number;
  readonly onOpen: (key: ParcelKey) => void;
  readonly onDecided: () => void;
}

export function keyOfChange(change: ChangeSummary): ParcelKey | null {
  if (change.parcel) return change.parcel;
  if (change.unitCode && change.sheetNumber && change.parcelNumber) {
    return { unitCode: change.unitCode, sheetNumber: change.sheetNumber, parcelNumber: change.parcelNumber };
  }
  return null;
}

export function ChangesInbox({ unitCode, revision, onOpen, onDecided }: ChangesInboxProps) {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<readonly ChangeSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState<MessageKey | null>(null);

  useEffect(() => {
    setItems(null);
    if (!unitCode) return;
    const controller = new AbortController();
    listChanges({ status: 'pending', unitCode, limit: 50 }, controller.signal).then(
      (page) => { setItems(page.items); setError(null); },
      (caught: unknown) => { if (!isAbort(caught) && !controller.signal.aborted) setError(toApiError(caught)); },
    );
    return () => controller.abort();
  }, [unitCode, revision, reload]);

  const decided = (key: MessageKey) => {
    setNotice(key);
    setReload((n) => n + 1);
    onDecided();
  };

  return (
    <section className="card inbox" data-testid="changes-inbox" aria-labelledby="inbox-title">
      <header className="card-header">
        <h2 id="inbox-title">{t('inbox.title')}{items && items.length > 0 ? ` (${items.length})` : ''}</h2>
        <button type="button" className="link-button" onClick={() => setReload((n) => n + 1)}>{t('inbox.reload')}</button>
      </header>
      {!unitCode && <p className="hint">{t('inbox.pickUnit')}</p>}
      {error && <p className="form-error" role="alert" data-testid="inbox-error">{error.messages[lang]}</p>}
      {notice && <p className="success" role="status" data-testid="inbox-notice">{t(notice)}</p>}
      {items && items.length === 0 && <p className="hint" data-testid="inbox-empty">{t('inbox.none')}</p>}
      {items && items.length > 0 && (
        <ul className="record-list inbox-list">
          {items.map((item) => (
            <InboxItem key={item.id} item={item} onOpen={onOpen} onDecided={decided} />
          ))}
        </ul>
      )}
    </section>
  );
}

function InboxItem({ item, onOpen, onDecided }: { item: ChangeSummary; onOpen: (key: ParcelKey) => void; onDecided: (key: MessageKey) => void }) {
  const { t, lang, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const key = keyOfChange(item);
  const decide = (action: 'approve' | 'cancel') => {
    setBusy(true);
    setError(null);
    (action === 'approve' ? approveChange(item.id) : cancelChange(item.id)).then(
      () => { setBusy(false); onDecided(action === 'approve' ? 'inbox.approved' : 'inbox.cancelled'); },
      (caught: unknown) => { setBusy(false); setError(toApiError(caught)); },
    );
  };
  // the account id alone tells a person nothing: only a name is shown
  const by = item.createdByName ?? null;
  return (
    <li className="inbox-item" data-testid="inbox-item" data-change={item.id}
      data-parcel={key ? `${key.unitCode}/${key.sheetNumber}/${key.parcelNumber}` : undefined}>
      <strong>{item.typeName?.[lang] ?? t(`changeType.${item.changeType}` as MessageKey)}</strong>
      {key && <span>{t('inbox.parcel', { sheet: key.sheetNumber, parcel: key.parcelNumber, unit: key.unitCode })}</span>}
      <span className="muted">{t('history.legalBasis')}: {item.legalBasis}</span>
      <span className="muted">
        {t('history.created', { date: formatDateTime(item.createdAt, locale) })}
        {by ? ` · ${t('inbox.by', { name: by })}` : ''}
      </span>
      {error && (
        <p className={error.status === 409 ? 'form-error conflict' : 'form-error'} role="alert" data-testid="inbox-item-error" data-code={error.code}>
          {error.messages[lang]}
        </p>
      )}
      <div className="form-actions">
        {key && <button type="button" className="button small" onClick={() => onOpen(key)} data-testid="inbox-open">{t('inbox.open')}</button>}
        <button type="button" className="button small primary" disabled={busy} onClick={() => decide('approve')} data-testid="inbox-approve">{t('inbox.approve')}</button>
        <button type="button" className="button small danger" disabled={busy} onClick={() => decide('cancel')} data-testid="inbox-cancel">{t('inbox.cancel')}</button>
      </div>
      <LinkedDocuments target={{ kind: 'change', changeId: item.id }} title={t('documents.changeTitle')} emptyText={t('documents.changeNone')}
        nested defaultType="application" testId="change-documents" />
    </li>
  );
}
