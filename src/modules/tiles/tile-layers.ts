// The vector tile layers, declared as data: where the features come from, which of their
// columns become attributes, their lifespan (for maps as of a date), the zooms they are
// served at and how much they are simplified. tiles.repo.ts turns a declaration into one
// statement per engine; a new spatial layer (planning zones, price road segments) is one
// more entry here, not new code. Attributes are public data only: a tile is served to
// anyone, so nothing personal (holders, ID numbers, addresses) may ever be listed here.

export interface TileLayer {
  /** the layer's name in the URL and inside the tile */
  readonly name: string;
  /** FROM clause: the table(s) with their aliases */
  readonly source: string;
  /** the EPSG:4326 geometry column (with a GiST index) */
  readonly geometry: string;
  /**
   * What a feature is drawn as: its geometry's polygons or lines (default: polygons), or one
   * point inside each polygon for its label: a polygon cut by tile edges would otherwise be
   * labelled once in every tile it touches.
   */
  readonly shape?: 'polygons' | 'lines' | 'label-points';
  /** a condition every feature meets, if any */
  readonly filter?: string;
  /** lifespan columns: live = `to is null`; as of T = `from <= T and (to is null or to > T)` */
  readonly lifespan: { readonly from: string; readonly to: string };
  /** attribute name → SQL expression (text, integer or float8: what a tile can carry) */
  readonly attributes: Readonly<Record<string, string>>;
  /** a stable order of the features in a tile (both encoders keep it) */
  readonly orderBy: string;
  readonly minZoom: number;
  readonly maxZoom: number;
  /** Douglas-Peucker tolerance at a zoom, in tile units (1/4096 of the tile's side); 0 = none */
  readonly simplify: (z: number) => number;
  /** the event after which its cached tiles over the changed extents are dropped */
  readonly redrawnOn?: 'parcelsChanged';
  /**
   * false: rendered on every request (still answered 304 by ETag when unchanged), for a
   * layer that changes without an event the cache hears (a price table published, a plan
   * approved) and is asked for far less than parcels. Default: kept in the cache.
   */
  readonly cached?: boolean;
}

/** Tile geometry: 4096 units a side, features kept 64 units past the edge (no seams at joins). */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;
export const MAX_ZOOM = 22;

export const TILE_LAYERS: readonly TileLayer[] = [
  {
    name: 'parcels',
    source: 'parcel p join admin_unit u on u.id = p.unit_id',
    geometry: 'p.geom_4326',
    lifespan: { from: 'p.valid_from', to: 'p.valid_to' },
    attributes: {
      id: 'p.id::text',
      unitCode: 'u.code',
      sheetNumber: 'p.sheet_number',
      parcelNumber: 'p.parcel_number',
      landUseCode: 'p.land_use_code',
      officialArea: 'p.official_area::float8',
    },
    orderBy: 'p.id',
    // below z13 a tile holds tens of thousands of parcels too small to see
    minZoom: 13,
    maxZoom: MAX_ZOOM,
    simplify: (z) => (z >= 17 ? 0 : 1),
    redrawnOn: 'parcelsChanged',
  },
  {
    name: 'parcel-labels',
    source: 'parcel p',
    geometry: 'p.geom_4326',
    shape: 'label-points',
    lifespan: { from: 'p.valid_from', to: 'p.valid_to' },
    attributes: { parcelNumber: 'p.parcel_number', landUseCode: 'p.land_use_code' },
    orderBy: 'p.id',
    // the portal writes parcel numbers from z18, where a parcel is wide enough to hold one
    minZoom: 17,
    maxZoom: MAX_ZOOM,
    simplify: () => 0,
    redrawnOn: 'parcelsChanged',
  },
  {
    name: 'admin-units',
    source: 'admin_unit u',
    geometry: 'u.boundary',
    filter: 'u.boundary is not null',
    lifespan: { from: 'u.valid_from', to: 'u.valid_to' },
    attributes: { code: 'u.code', name: "u.kind || ' ' || u.name", level: 'u.level' },
    orderBy: 'u.code, u.valid_from',
    minZoom: 0,
    maxZoom: MAX_ZOOM,
    simplify: (z) => (z >= 16 ? 0 : z >= 12 ? 1 : 4),
  },
  {
    // road segments of the land price table (S-PRICE); the view road_segment_map (0015)
    // gives the residential position-1 price of the table in force today: public data
    name: 'price-segments',
    source: 'road_segment_map s',
    geometry: 's.geom_4326',
    shape: 'lines',
    lifespan: { from: 's.valid_from', to: 's.valid_to' },
    attributes: { code: 's.code', road: 's.road_name', from: 's.from_desc', to: 's.to_desc', vt1Price: 's.vt1_price' },
    cached: false,
    orderBy: 's.id',
    minZoom: 10,
    maxZoom: MAX_ZOOM,
    simplify: (z) => (z >= 16 ? 0 : 1),
  },
  {
    // zones of the land-use plans (S-PLAN, migration 0016): public approved plans only
    // (Luật Đất đai 2024, Điều 75); a plan's lifespan here is its period of force, from
    // the first day it applies (00:00 in Vietnam) to the day it no longer does. Live =
    // not replaced (yearly plans end with their year: ask for a date to see them).
    name: 'planning-zones',
    source: 'plan_zone z join land_use_plan pl on pl.plan_uid = z.plan_uid and pl.valid_to is null',
    geometry: 'z.geom_4326',
    filter: "z.valid_to is null and pl.is_public and pl.status <> 'draft'",
    lifespan: {
      from: "(pl.in_force_from::timestamp at time zone 'Asia/Ho_Chi_Minh')",
      to: "(pl.in_force_to::timestamp at time zone 'Asia/Ho_Chi_Minh')",
    },
    attributes: { planId: 'pl.plan_uid::text', landUseCode: 'z.land_use_code', name: 'z.name' },
    cached: false,
    orderBy: 'z.id',
    minZoom: 10,
    maxZoom: MAX_ZOOM,
    simplify: (z) => (z >= 16 ? 0 : 1),
  },
];

export function tileLayer(name: string): TileLayer | undefined {
  return TILE_LAYERS.find((layer) => layer.name === name);
}
