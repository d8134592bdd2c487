// The notice banner under the header (I2, I3): maintenance in force and the published
// notices of open incidents that concern the reader's units. Polled every minute; the
// endpoint is public, so the banner shows before signing in too.
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../ui/format';
import { listNotices, type Notice } from './operations-api';
import './operations.css';

const POLL_MS = 60_000;

export function NoticeBanner() {
  const { t, lang, locale } = useI18n();
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    let controller = new AbortController();
    const load = () => {
      controller.abort();
      controller = new AbortController();
      listNotices(controller.signal).then(setNotices, () => undefined); // a failed poll keeps the last notices
    };
    load();
    const timer = window.setInterval(load, POLL_MS);
    return () => {
      window.clearInterval(timer);
      controller.abort();
    };
  }, []);
  if (notices.length === 0) return null;
  return (
    <div className="notice-banner" role="status" data-testid="notice-banner">
      {notices.map((n) => (
        <p key={`${n.kind}-${n.id}`} className="notice" data-testid={`notice-${n.kind}`}>
          <strong>{n.kind === 'maintenance' ? t('ops.notice.maintenance') : t('ops.notice.incident')}: </strong>
          {lang === 'vi' ? n.messageVi : n.messageEn}
          {n.until && <> ({t('ops.notice.until', { time: formatDateTime(n.until, locale) })})</>}
        </p>
      ))}
    </div>
  );
}
