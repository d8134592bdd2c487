// The zones of a plan as SVG paths (a static drawing, no map tiles): longitude and
// latitude scaled to a box keeping the shapes' proportions (longitude shrunk by the cosine
// of the middle latitude, fine at a commune's size), north up.

export type Ring = readonly (readonly number[])[];

export interface ZoneShape {
  readonly polygons: readonly (readonly Ring[])[];
}

export interface DrawnZone {
  /** SVG path data, rings closed, even-odd holes */
  readonly d: string;
}

/** Polygons of a GeoJSON Polygon or MultiPolygon geometry (anything else: none). */
export function polygonsOf(geometry: { type: string; coordinates: unknown } | null | undefined): (readonly Ring[])[] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates as Ring[]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Ring[][];
  return [];
}

/** Paths of the shapes fitted into width × height with a margin; empty for no points. */
export function drawZones(shapes: readonly ZoneShape[], width: number, height: number, margin = 8): DrawnZone[] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const shape of shapes) {
    for (const polygon of shape.polygons) {
      for (const ring of polygon) {
        for (const [x, y] of ring) {
          if (x === undefined || y === undefined) continue;
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
  }
  if (!Number.isFinite(minX)) return shapes.map(() => ({ d: '' }));
  const shrink = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxX - minX) * shrink, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const point = ([x, y]: readonly number[]) =>
    `${round(offsetX + (x! - minX) * shrink * scale)},${round(offsetY + (maxY - y!) * scale)}`;
  return shapes.map((shape) => ({
    d: shape.polygons
      .flatMap((polygon) => polygon.filter((ring) => ring.length > 0).map((ring) => `M${ring.map(point).join('L')}Z`))
      .join(''),
  }));
}

function round(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
