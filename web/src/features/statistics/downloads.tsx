// Download links for a form's files. Plain links: the browser sends the session cookie
// and saves what the server names (content-disposition).
import { useI18n, type MessageKey } from '../../i18n';

export interface DownloadLink {
  readonly format: 'xlsx' | 'pdf' | 'geojson';
  readonly href: string;
}

const LABELS: Readonly<Record<DownloadLink['format'], MessageKey>> = {
  xlsx: 'stats.download.xlsx',
  pdf: 'stats.download.pdf',
  geojson: 'stats.download.geojson',
};

export function Downloads({ links, testId }: { links: readonly DownloadLink[]; testId: string }) {
  const { t } = useI18n();
  return (
    <div className="stats-downloads">
      {links.map((link) => (
        <a key={link.format} className="button" href={link.href} download data-testid={`${testId}-${link.format}`}>
          {t(LABELS[link.format])}
        </a>
      ))}
    </div>
  );
}
