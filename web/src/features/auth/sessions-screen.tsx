// The holder's open sessions (A7): where and when, and a way to end any of them.
import { useState } from 'react';
import { ApiError, listSessions, revokeSession, useApiResource } from '../../api';
import { useI18n } from '../../i18n';
import { FormError } from '../../ui/form-error';
import { formatDateTime } from '../../ui/format';

export function SessionsScreen() {
  const { t, lang, locale } = useI18n();
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const sessions = useApiResource(`sessions#${version}`, (signal) => listSessions(signal), setError);

  const revoke = async (id: string) => {
    setError(null);
    try {
      await revokeSession(id);
    } catch (caught) {
      if (caught instanceof ApiError) setError(caught);
    }
    setVersion((v) => v + 1);
  };

  return (
    <div className="page">
      <section className="card" data-testid="sessions">
        <h2>{t('sessions.title')}</h2>
        <p className="hint">{t('sessions.intro')}</p>
        <FormError message={error ? error.messages[lang] : null} />
        <table className="table">
          <thead>
            <tr>
              <th>{t('sessions.createdAt')}</th>
              <th>{t('sessions.lastSeenAt')}</th>
              <th>{t('sessions.ip')}</th>
              <th>{t('sessions.userAgent')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sessions.data?.items.map((session) => (
              <tr key={session.id} data-testid="session-row">
                <td>{formatDateTime(session.createdAt, locale)}</td>
                <td>{formatDateTime(session.lastSeenAt, locale)}</td>
                <td>{session.ip ?? ""}</td>
                <td className="user-agent" title={session.userAgent ?? undefined}>{session.userAgent ?? ""}</td>
                <td>
                  {session.current ? (
                    <span className="badge">{t('sessions.current')}</span>
                  ) : (
                    <button type="button" className="button small" data-testid="session-revoke" onClick={() => void revoke(session.id)}>
                      {t('sessions.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
