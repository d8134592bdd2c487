// The legend of what the map shows: the land-use codes of the parcels drawn in the current
// view (read back from MapLibre after each redraw), most frequent first. The map corner's
// legend and the printed legend use these same entries.
import { useEffect, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LandUseCode } from '../../api';
import { legendEntriesOf, type LegendEntry } from '../../features/parcels/land-use-colors';
import { groupLandUseCodes } from '../../features/parcels/legend-groups';

/** The parcel fill layers of layers.ts (GeoJSON below z13, tiles from z13). */
export const PARCEL_FILL_LAYERS = ['parcel-fill', 'parcel-tiles-fill'] as const;

export interface DrawnParcel {
  readonly unitCode?: unknown;
  readonly sheetNumber?: unknown;
  readonly parcelNumber?: unknown;
  readonly landUseCode?: unknown;
}

/**
 * One entry per land-use code among the drawn parcels, counting each parcel once (a
 * parcel across tile edges is drawn once per tile).
 */
export function visibleLegendEntries(drawn: readonly DrawnParcel[], codes: readonly LandUseCode[]): LegendEntry[] {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  for (const parcel of drawn) {
    if (typeof parcel.landUseCode !== 'string') continue;
    const key = `${String(parcel.unitCode)}/${String(parcel.sheetNumber)}/${String(parcel.parcelNumber)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts.set(parcel.landUseCode, (counts.get(parcel.landUseCode) ?? 0) + 1);
  }
  return legendEntriesOf(counts, codes);
}

export interface LegendSection {
  /** NNP, PNN, CSD (Luật Đất đai 2024, Điều 9), another group, or null for codes not in the list */
  readonly groupCode: string | null;
  readonly entries: readonly LegendEntry[];
}

/**
 * The entries in the order of the legend: by land-use group in legal order, codes in the
 * order of the code list within a group; codes missing from the list last. The map's
 * legend and the printed one both show this order.
 */
export function legendSections(entries: readonly LegendEntry[], codes: readonly LandUseCode[]): LegendSection[] {
  const byCode = new Map(entries.map((entry) => [entry.code, entry]));
  const sections: LegendSection[] = groupLandUseCodes(codes.filter((code) => byCode.has(code.code))).map((group) => ({
    groupCode: group.groupCode,
    entries: group.codes.map((code) => byCode.get(code.code)!),
  }));
  const listed = new Set(sections.flatMap((section) => section.entries.map((entry) => entry.code)));
  const others = entries.filter((entry) => !listed.has(entry.code));
  if (others.length > 0) sections.push({ groupCode: null, entries: others });
  return sections;
}

const sameEntries = (a: readonly LegendEntry[], b: readonly LegendEntry[]): boolean =>
  a.length === b.length && a.every((entry, i) => entry.code === b[i]!.code && entry.count === b[i]!.count && entry.color === b[i]!.color);

/** The entries of the parcels drawn now, refreshed whenever the map settles. */
export function useVisibleLegend(map: MapLibreMap | null, codes: readonly LandUseCode[]): readonly LegendEntry[] {
  const [entries, setEntries] = useState<readonly LegendEntry[]>([]);
  useEffect(() => {
    if (!map) {
      setEntries([]);
      return;
    }
    const read = () => {
      const layers = PARCEL_FILL_LAYERS.filter((id) => map.getLayer(id));
      const drawn = layers.length > 0 ? map.queryRenderedFeatures({ layers }).map((f) => f.properties as DrawnParcel) : [];
      const next = visibleLegendEntries(drawn, codes);
      setEntries((current) => (sameEntries(current, next) ? current : next));
    };
    read();
    map.on('idle', read);
    return () => {
      map.off('idle', read);
    };
  }, [map, codes]);
  return entries;
}
