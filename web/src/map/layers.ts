// Every map layer the portal draws, declared as data. The one wrapper (map-view.tsx)
// adds them in this order (first = bottom) and re-applies paint and filter whenever the
// context changes: a new layer is a new entry here, not new map code.
import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  FilterSpecification,
  LineLayerSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';

/** GeoJSON sources the portal owns; no outside tile server, font or sprite is ever fetched. */
export const SOURCE_IDS = ['districts', 'communes', 'parcels', 'extract', 'drawing', 'fault'] as const;
export type GeoJsonSourceId = (typeof SOURCE_IDS)[number];

/**
 * Vector tile sources served by our own process (/api/v1/tiles). Parcels come from tiles
 * from z13 (the layer's minZoom on the server); below it the commune's GeoJSON draws them.
 */
export const PARCEL_TILES_MIN_ZOOM = 13;
export const VECTOR_SOURCES = {
  'parcel-tiles': { path: '/api/v1/tiles/parcels/{z}/{x}/{y}.mvt', minzoom: PARCEL_TILES_MIN_ZOOM, maxzoom: 22 },
  // one point per parcel for its label (a polygon cut by tile edges would be labelled in each tile)
  'parcel-label-tiles': { path: '/api/v1/tiles/parcel-labels/{z}/{x}/{y}.mvt', minzoom: 17, maxzoom: 22 },
  // zones of the public approved land-use plans (S-PLAN) and road segments of the price table (S-PRICE)
  'planning-tiles': { path: '/api/v1/tiles/planning-zones/{z}/{x}/{y}.mvt', minzoom: 10, maxzoom: 22 },
  'price-tiles': { path: '/api/v1/tiles/price-segments/{z}/{x}/{y}.mvt', minzoom: 10, maxzoom: 22 },
} as const;
export type VectorSourceId = keyof typeof VECTOR_SOURCES;
export type SourceId = GeoJsonSourceId | VectorSourceId;

/** What layer styles may depend on; changes here restyle the map without re-adding layers. */
export interface LayerContext {
  /** Parcel fill colour: a 'match' on landUseCode built from the land-use code list. */
  readonly landUseColor: ExpressionSpecification | string;
  /** Units that have parcel data, drawn a shade darker so users know where to look. */
  readonly unitsWithParcels: readonly string[];
  readonly selectedUnitCode: string | null;
  /** The selected parcel as unit code, sheet and number (compared as strings). */
  readonly selectedParcel: { readonly unitCode: string; readonly sheetNumber: number; readonly parcelNumber: number } | null;
}

/** Layers the user can show or hide together (the layer switcher). */
export const LAYER_GROUPS = ['parcels', 'boundaries', 'planning', 'prices'] as const;
/** Groups hidden until the user asks for them: they cover the parcels' colours. */
export const GROUPS_HIDDEN_AT_START: readonly LayerGroup[] = ['planning', 'prices'];
export type LayerGroup = (typeof LAYER_GROUPS)[number];

/** What a click on a layer's feature means to the app. */
export type ClickTarget = 'unit' | 'parcel';

type Paint<Spec extends { paint?: unknown }> = NonNullable<Spec['paint']>;
type Layout<Spec extends { layout?: unknown }> = NonNullable<Spec['layout']>;

interface BaseDeclaration {
  readonly id: string;
  readonly source: SourceId;
  /** the layer inside a vector tile source */
  readonly sourceLayer?: string;
  readonly minzoom?: number;
  readonly maxzoom?: number;
  readonly filter?: (ctx: LayerContext) => FilterSpecification;
  readonly clickTarget?: ClickTarget;
  /** the switcher group that shows or hides this layer; none: always shown */
  readonly group?: LayerGroup;
}

export type LayerDeclaration =
  | (BaseDeclaration & { readonly type: 'fill'; readonly paint: (ctx: LayerContext) => Paint<FillLayerSpecification> })
  | (BaseDeclaration & { readonly type: 'line'; readonly paint: (ctx: LayerContext) => Paint<LineLayerSpecification> })
  | (BaseDeclaration & { readonly type: 'circle'; readonly paint: (ctx: LayerContext) => Paint<CircleLayerSpecification> })
  | (BaseDeclaration & {
      readonly type: 'symbol';
      readonly layout: Layout<SymbolLayerSpecification>;
      readonly paint: (ctx: LayerContext) => Paint<SymbolLayerSpecification>;
    });

/**
 * Labels. The style has no `glyphs` URL (deployments may have no internet): MapLibre draws
 * the letters with the browser's own fonts (TinySDF), which covers Vietnamese diacritics.
 */
const LABEL_FONT = ['Noto Sans Regular', 'sans-serif'];
const HALO = { 'text-color': '#2b2b2b', 'text-halo-color': 'rgba(255, 255, 255, 0.9)', 'text-halo-width': 1.2 } as const;

/** Parcel labels as on a cadastral map sheet: the number from z18, the land-use code under it from z19. */
export const PARCEL_LABEL_MIN_ZOOM = 18;

export const BACKGROUND_COLOR = '#eef1ec';

const NOTHING: FilterSpecification = ['==', ['get', 'code'], '__none__'];

/** The selected parcel (unit code, sheet and number compared as strings). */
function selectedParcel(ctx: LayerContext): FilterSpecification {
  const p = ctx.selectedParcel;
  if (!p) return NOTHING;
  return [
    'all',
    ['==', ['to-string', ['get', 'unitCode']], p.unitCode],
    ['==', ['to-string', ['get', 'sheetNumber']], String(p.sheetNumber)],
    ['==', ['to-string', ['get', 'parcelNumber']], String(p.parcelNumber)],
  ];
}

export const LAYERS: readonly LayerDeclaration[] = [
  {
    id: 'commune-fill',
    source: 'communes',
    type: 'fill',
    clickTarget: 'unit',
    paint: (ctx) => ({
      'fill-color': [
        'case',
        ['==', ['get', 'code'], ctx.selectedUnitCode ?? ''],
        '#fff4c2',
        ['in', ['get', 'code'], ['literal', ctx.unitsWithParcels]],
        '#dcebd5',
        '#f7f6f0',
      ],
      'fill-opacity': 0.7,
    }),
  },
  // parcels: the commune's GeoJSON below z13, vector tiles (every commune) from z13
  {
    id: 'parcel-fill',
    group: 'parcels',
    source: 'parcels',
    type: 'fill',
    maxzoom: PARCEL_TILES_MIN_ZOOM,
    clickTarget: 'parcel',
    paint: (ctx) => ({ 'fill-color': ctx.landUseColor, 'fill-opacity': 0.9 }),
  },
  {
    id: 'parcel-tiles-fill',
    group: 'parcels',
    source: 'parcel-tiles',
    sourceLayer: 'parcels',
    type: 'fill',
    minzoom: PARCEL_TILES_MIN_ZOOM,
    clickTarget: 'parcel',
    paint: (ctx) => ({ 'fill-color': ctx.landUseColor, 'fill-opacity': 0.9 }),
  },
  {
    id: 'parcel-outline',
    group: 'parcels',
    source: 'parcel-tiles',
    sourceLayer: 'parcels',
    type: 'line',
    minzoom: 13,
    paint: () => ({
      'line-color': '#7a5c3a',
      'line-width': ['interpolate', ['linear'], ['zoom'], 13, 0.2, 17, 0.8, 20, 1.5],
      'line-opacity': 0.8,
    }),
  },
  // planned land use over the parcels, translucent, with the zones' edges dashed
  {
    id: 'planning-zones-fill',
    group: 'planning',
    source: 'planning-tiles',
    sourceLayer: 'planning-zones',
    type: 'fill',
    paint: (ctx) => ({ 'fill-color': ctx.landUseColor, 'fill-opacity': 0.55 }),
  },
  {
    id: 'planning-zones-outline',
    group: 'planning',
    source: 'planning-tiles',
    sourceLayer: 'planning-zones',
    type: 'line',
    paint: () => ({ 'line-color': '#5b2a86', 'line-width': 1.6, 'line-dasharray': [4, 2] }),
  },
  {
    id: 'commune-outline',
    group: 'boundaries',
    source: 'communes',
    type: 'line',
    paint: () => ({ 'line-color': '#6b6b6b', 'line-width': 0.8, 'line-dasharray': [3, 2] }),
  },
  {
    id: 'district-outline',
    group: 'boundaries',
    source: 'districts',
    type: 'line',
    paint: () => ({ 'line-color': '#3d3d3d', 'line-width': 2.2 }),
  },
  {
    id: 'selected-commune-outline',
    group: 'boundaries',
    source: 'communes',
    type: 'line',
    filter: (ctx) => (ctx.selectedUnitCode ? ['==', ['get', 'code'], ctx.selectedUnitCode] : NOTHING),
    paint: () => ({ 'line-color': '#b07d00', 'line-width': 2.5 }),
  },
  {
    id: 'selected-parcel-outline',
    group: 'parcels',
    source: 'parcels',
    type: 'line',
    maxzoom: PARCEL_TILES_MIN_ZOOM,
    filter: selectedParcel,
    paint: () => ({ 'line-color': '#d7191c', 'line-width': 3 }),
  },
  {
    id: 'selected-parcel-tiles-outline',
    group: 'parcels',
    source: 'parcel-tiles',
    sourceLayer: 'parcels',
    type: 'line',
    minzoom: PARCEL_TILES_MIN_ZOOM,
    filter: selectedParcel,
    paint: () => ({ 'line-color': '#d7191c', 'line-width': 3 }),
  },
  // road segments of the price table in force, darker where land is dearer (position 1, đ/m²)
  {
    id: 'price-segments-line',
    group: 'prices',
    source: 'price-tiles',
    sourceLayer: 'price-segments',
    type: 'line',
    paint: () => ({
      'line-color': ['interpolate', ['linear'], ['coalesce', ['get', 'vt1Price'], 0], 0, '#fdd49e', 5e6, '#fc8d59', 2e7, '#d7301f', 5e7, '#7f0000'],
      'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 16, 5],
    }),
  },
  {
    id: 'price-segments-labels',
    group: 'prices',
    source: 'price-tiles',
    sourceLayer: 'price-segments',
    type: 'symbol',
    minzoom: 14,
    layout: {
      'symbol-placement': 'line',
      'text-field': ['concat', ['get', 'road'], ': ', ['number-format', ['coalesce', ['get', 'vt1Price'], 0], { locale: 'vi-VN' }], ' đ/m²'],
      'text-font': LABEL_FONT,
      'text-size': 11,
    },
    paint: () => HALO,
  },
  {
    id: 'parcel-labels',
    group: 'parcels',
    source: 'parcel-label-tiles',
    sourceLayer: 'parcel-labels',
    type: 'symbol',
    minzoom: PARCEL_LABEL_MIN_ZOOM,
    layout: {
      'text-field': [
        'step',
        ['zoom'],
        ['to-string', ['get', 'parcelNumber']],
        19,
        ['format', ['to-string', ['get', 'parcelNumber']], {}, '\n', {}, ['get', 'landUseCode'], { 'font-scale': 0.8 }],
      ],
      'text-font': LABEL_FONT,
      'text-size': ['interpolate', ['linear'], ['zoom'], 18, 11, 21, 15],
      'text-padding': 1,
    },
    paint: () => HALO,
  },
  {
    id: 'commune-labels',
    group: 'boundaries',
    source: 'communes',
    type: 'symbol',
    minzoom: 10,
    maxzoom: 15,
    layout: {
      'text-field': ['concat', ['get', 'kind'], ' ', ['get', 'name']],
      'text-font': LABEL_FONT,
      'text-size': 12,
      'text-max-width': 8,
    },
    paint: () => ({ ...HALO, 'text-color': '#4a4a4a' }),
  },
  // The parcels of a report on demand (F4), sent from the statistics screen (features/statistics/extract-overlay.tsx).
  {
    id: 'extract-fill',
    source: 'extract',
    type: 'fill',
    paint: () => ({ 'fill-color': '#c2185b', 'fill-opacity': 0.25 }),
  },
  {
    id: 'extract-outline',
    source: 'extract',
    type: 'line',
    paint: () => ({ 'line-color': '#c2185b', 'line-width': 2 }),
  },
  // A line being drawn on the map (the cutting line of a split) and its points.
  {
    id: 'drawing-line',
    source: 'drawing',
    type: 'line',
    paint: () => ({ 'line-color': '#0b57d0', 'line-width': 2.5 }),
  },
  {
    id: 'drawing-points',
    source: 'drawing',
    type: 'circle',
    paint: () => ({ 'circle-radius': 4, 'circle-color': '#fff', 'circle-stroke-color': '#0b57d0', 'circle-stroke-width': 2 }),
  },
  // Where the server found a geometry fault.
  {
    id: 'fault-marker',
    source: 'fault',
    type: 'circle',
    paint: () => ({ 'circle-radius': 9, 'circle-color': 'rgba(215, 25, 28, 0.35)', 'circle-stroke-color': '#d7191c', 'circle-stroke-width': 3 }),
  },
];
