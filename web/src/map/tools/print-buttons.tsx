// Print/export of the current view: PNG, or PDF on A4 landscape (print-sheet.ts composes
// the sheet; this is the buttons and the texts in the user's language).
import { useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, todayIso } from '../../ui/format';
import { exportFileName } from './file-name';
import { canvasToBlob, captureMap, composeSheet, saveBlob, sheetToPdf, type PrintTexts } from './print-sheet';
import type { LegendSection } from './visible-legend';

export interface PrintButtonsProps {
  readonly map: MapLibreMap | null;
  /** the selected unit's name ("Xã Tân Lập"); null: the province */
  readonly unitName: string | null;
  /** the map's date (YYYY-MM-DD), null when live */
  readonly mapDate: string | null;
  /** the legend as the map corner shows it */
  readonly sections: readonly LegendSection[];
  /** who prints (the signed-in user's full name), null for a guest */
  readonly userName: string | null;
}

export function PrintButtons({ map, unitName, mapDate, sections, userName }: PrintButtonsProps) {
  const { t, lang, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const run = async (format: 'png' | 'pdf') => {
    if (!map || busy) return;
    setBusy(true);
    setFailed(false);
    try {
      const image = await captureMap(map);
      const now = new Date();
      const place = unitName ?? t('print.province');
      const title = t('print.title', { unit: place });
      const texts: PrintTexts = {
        title,
        dateShown: mapDate ? t('asOf.badge', { date: formatDate(mapDate, locale) }) : `${t('asOf.live')} (${formatDate(todayIso(now), locale)})`,
        legendTitle: t('legend.title'),
        noLegend: t('print.noLegend'),
        moreEntries: (count) => t('print.more', { count }),
        scale: (denominator) => t('print.scale', { denominator }),
        north: t('print.north'),
        footer: [
          t('print.source', { time: formatDateTime(now.toISOString(), locale), user: userName ?? t('print.guest') }),
          t('print.note'),
        ],
        locale,
      };
      const legend = sections.flatMap((section) =>
        section.entries.map((entry) => ({ code: entry.code, color: entry.color, name: lang === 'vi' ? entry.nameVi : entry.nameEn })),
      );
      const centre = map.getCenter();
      const sheet = composeSheet(image, { zoom: map.getZoom(), latitude: centre.lat, cssWidth: map.getContainer().clientWidth }, legend, texts);
      const name = exportFileName(place, mapDate ?? todayIso(now), format);
      saveBlob(format === 'png' ? await canvasToBlob(sheet, 'image/png') : await sheetToPdf(sheet, title), name);
    } catch (error) {
      console.error('print failed', error);
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="map-tool-group">
      <div className="map-tool-buttons">
        <button type="button" className="button small" data-testid="export-png" disabled={!map || busy} onClick={() => void run('png')}>
          {t('print.png')}
        </button>
        <button type="button" className="button small" data-testid="export-pdf" disabled={!map || busy} onClick={() => void run('pdf')}>
          {t('print.pdf')}
        </button>
      </div>
      {busy && <p className="hint" role="status">{t('print.busy')}</p>}
      {failed && <p className="hint error-text" role="alert">{t('print.failed')}</p>}
    </div>
  );
}
