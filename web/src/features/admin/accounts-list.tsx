// Accounts (A8): filtered by status, searched by name, username or organisation.
import { useState, type FormEvent } from 'react';
import { listAccounts, useApiResource, type AccountStatus, type ApiError } from '../../api';
import { routeHash } from '../../app/router';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/field';
import { formatCount, formatDate } from '../../ui/format';
import { ACCOUNT_STATUSES, lockReasonLabel, statusLabel } from './account-labels';
import { GrantsList } from './grants-list';
import { StatusBadge } from './status-badge';

export function AccountsList({ onError }: { onError: (error: ApiError) => void }) {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<AccountStatus | ''>('');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const key = `accounts?status=${status}&q=${q}`;
  const accounts = useApiResource(key, (signal) => listAccounts({ status: status || undefined, q: q || undefined }, signal), onError);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(typed.trim());
  };

  return (
    <section className="admin-screen" data-testid="accounts-list">
      <header className="screen-header">
        <h2>{t('accounts.title')}</h2>
        <a className="button primary" href={routeHash({ name: 'account-new' })} data-testid="account-new">
          {t('accounts.new')}
        </a>
      </header>
      <form className="filters" onSubmit={search} role="search">
        <Field label={t('accounts.status')}>
          {(id) => (
            <select id={id} data-testid="accounts-status" value={status} onChange={(event) => setStatus(event.target.value as AccountStatus | '')}>
              <option value="">{t('accounts.allStatuses')}</option>
              {ACCOUNT_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {statusLabel(value, t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('accounts.search')} className="grow">
          {(id) => (
            <input id={id} type="search" data-testid="accounts-search" value={typed} placeholder={t('accounts.searchHint')}
              onChange={(event) => setTyped(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button">{t('accounts.searchButton')}</button>
      </form>
      {accounts.data && (
        <p className="hint" data-testid="accounts-count">
          {t('accounts.count', { count: formatCount(accounts.data.items.length, locale) })}
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>{t('account.username')}</th>
            <th>{t('account.fullName')}</th>
            <th>{t('account.organisation')}</th>
            <th>{t('account.grants')}</th>
            <th>{t('account.status')}</th>
            <th>{t('account.issuedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.data?.items.map((account) => (
            <tr key={account.id} data-testid="account-row" data-username={account.username}>
              <td>
                <a href={routeHash({ name: 'account', id: String(account.id) })} data-testid="account-link">
                  {account.username}
                </a>
              </td>
              <td>{account.fullName}</td>
              <td>
                {account.organisation}
                {account.position && <small className="block">{account.position}</small>}
              </td>
              <td>
                <GrantsList grants={account.grants} />
              </td>
              <td>
                <StatusBadge status={account.status} />
                {account.lockReason && <small className="block">{lockReasonLabel(account.lockReason, t)}</small>}
              </td>
              <td>{formatDate(account.issuedAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {accounts.data?.items.length === 0 && <p className="hint">{t('accounts.none')}</p>}
    </section>
  );
}
