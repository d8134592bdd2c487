// One account: the person, the organisation, status and lock reason, rights, the
// documents it rests on (A1, A5, L2-L4), and what may be done with it now.
import { useState } from 'react';
import { getAccount, useApiResource, type AccountDetail, type ApiError } from '../../api';
import { routeHash } from '../../app/router';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime } from '../../ui/format';
import { documentKindLabel, lockReasonLabel } from './account-labels';
import { AccountActions } from './account-actions';
import { GrantsList } from './grants-list';
import { StatusBadge } from './status-badge';

export function AccountDetailScreen({ id, onError }: { id: string; onError: (error: ApiError) => void }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  // Actions answer with the account as it now is: shown while it is read again, so that
  // the screen (and an initial password on it) stays in place.
  const [updated, setUpdated] = useState<AccountDetail | null>(null);
  const loaded = useApiResource(`account/${id}#${version}`, (signal) => getAccount(id, signal), onError);
  const account = loaded.data ?? updated;

  return (
    <section className="admin-screen" data-testid="account-detail" aria-busy={loaded.loading}>
      <header className="screen-header">
        <h2>{account ? account.fullName : t('account.title')}</h2>
        <a href={routeHash({ name: 'accounts' })}>{t('account.backToList')}</a>
      </header>
      {account && (
        <>
          <AccountFacts account={account} />
          <AccountActions
            account={account}
            onChanged={(next) => {
              setUpdated(next);
              setVersion((v) => v + 1);
            }}
          />
          <AccountDocuments account={account} />
        </>
      )}
    </section>
  );
}

function AccountFacts({ account }: { account: AccountDetail }) {
  const { t, locale } = useI18n();
  return (
    <div className="facts-grid">
      <section className="card">
        <h3>{t('account.person')}</h3>
        <dl className="facts">
          <dt>{t('account.fullName')}</dt>
          <dd data-testid="detail-fullName">{account.fullName}</dd>
          <dt>{t('person.nationalId')}</dt>
          <dd data-testid="detail-nationalId">{account.nationalId}</dd>
          <dt>{t('account.organisation')}</dt>
          <dd>{account.organisation}</dd>
          <dt>{t('person.position')}</dt>
          <dd>{account.position}</dd>
          <dt>{t('person.email')}</dt>
          <dd>{account.email || '—'}</dd>
          <dt>{t('person.phone')}</dt>
          <dd>{account.phone || '—'}</dd>
        </dl>
      </section>
      <section className="card">
        <h3>{t('account.accountSection')}</h3>
        <dl className="facts">
          <dt>{t('account.username')}</dt>
          <dd data-testid="detail-username">{account.username}</dd>
          <dt>{t('account.status')}</dt>
          <dd>
            <StatusBadge status={account.status} />
          </dd>
          {account.lockReason && (
            <>
              <dt>{t('account.lockReason')}</dt>
              <dd data-testid="detail-lockReason">{lockReasonLabel(account.lockReason, t)}</dd>
            </>
          )}
          <dt>{t('account.issuedAt')}</dt>
          <dd>{account.issuedAt ? formatDateTime(account.issuedAt, locale) : t('account.notIssued')}</dd>
          <dt>{t('account.grants')}</dt>
          <dd data-testid="detail-grants">
            {account.grants.length > 0 ? <GrantsList grants={account.grants} /> : t('account.noGrants')}
          </dd>
        </dl>
      </section>
    </div>
  );
}

function AccountDocuments({ account }: { account: AccountDetail }) {
  const { t, locale } = useI18n();
  return (
    <section className="card">
      <h3>{t('account.documents')}</h3>
      <table className="table" data-testid="account-documents">
        <thead>
          <tr>
            <th>{t('doc.kind')}</th>
            <th>{t('doc.number')}</th>
            <th>{t('doc.date')}</th>
            <th>{t('doc.issuer')}</th>
            <th>{t('doc.note')}</th>
            <th>{t('doc.recorded')}</th>
          </tr>
        </thead>
        <tbody>
          {account.documents.map((document, index) => (
            <tr key={index} data-testid="document-row">
              <td>{documentKindLabel(document.kind, t)}</td>
              <td>{document.number}</td>
              <td>{formatDate(document.date, locale)}</td>
              <td>{document.issuer}</td>
              {/* A lock recorded without a note carries its reason code there. */}
              <td>{document.kind === 'lock' ? lockReasonLabel(document.note, t) : document.note}</td>
              <td>
                {formatDateTime(document.recordedAt, locale)}
                {document.recordedBy && <small className="block">{document.recordedBy}</small>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {account.documents.length === 0 && <p className="hint">{t('account.noDocuments')}</p>}
    </section>
  );
}
