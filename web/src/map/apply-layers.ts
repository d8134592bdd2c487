// Turns layer declarations into MapLibre layers, and re-applies only the paint
// properties and filters whose value changed with the context.
import type { AddLayerObject, FilterSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { LayerContext, LayerDeclaration, LayerGroup } from './layers';

type Applied = Map<string, string>;

export function addDeclaredLayers(
  map: MapLibreMap,
  declarations: readonly LayerDeclaration[],
  ctx: LayerContext,
  applied: Applied,
): void {
  for (const layer of declarations) {
    const paint = layer.paint(ctx);
    const filter = layer.filter?.(ctx);
    const spec = {
      id: layer.id,
      type: layer.type,
      source: layer.source,
      paint,
      ...('layout' in layer ? { layout: layer.layout } : {}),
      ...(filter ? { filter } : {}),
      ...(layer.minzoom !== undefined ? { minzoom: layer.minzoom } : {}),
      ...(layer.maxzoom !== undefined ? { maxzoom: layer.maxzoom } : {}),
      ...(layer.sourceLayer !== undefined ? { 'source-layer': layer.sourceLayer } : {}),
    } as AddLayerObject;
    map.addLayer(spec);
    for (const [name, value] of Object.entries(paint)) applied.set(`${layer.id}|paint|${name}`, JSON.stringify(value));
    if (filter) applied.set(`${layer.id}|filter`, JSON.stringify(filter));
  }
}

export function applyLayerContext(
  map: MapLibreMap,
  declarations: readonly LayerDeclaration[],
  ctx: LayerContext,
  applied: Applied,
): void {
  for (const layer of declarations) {
    for (const [name, value] of Object.entries(layer.paint(ctx))) {
      const key = `${layer.id}|paint|${name}`;
      const json = JSON.stringify(value);
      if (applied.get(key) === json) continue;
      map.setPaintProperty(layer.id, name as Parameters<MapLibreMap['setPaintProperty']>[1], value);
      applied.set(key, json);
    }
    if (layer.filter) {
      const filter: FilterSpecification = layer.filter(ctx);
      const key = `${layer.id}|filter`;
      const json = JSON.stringify(filter);
      if (applied.get(key) === json) continue;
      map.setFilter(layer.id, filter);
      applied.set(key, json);
    }
  }
}

/** Shows or hides the layers of each switcher group (layers without a group stay shown). */
export function applyLayerVisibility(
  map: MapLibreMap,
  declarations: readonly LayerDeclaration[],
  hidden: ReadonlySet<LayerGroup>,
): void {
  for (const layer of declarations) {
    if (!layer.group || !map.getLayer(layer.id)) continue;
    // a layer's visibility is the switcher's alone: declarations never set it in their layout
    const visibility = hidden.has(layer.group) ? 'none' : 'visible';
    if (map.getLayoutProperty(layer.id, 'visibility') !== visibility) map.setLayoutProperty(layer.id, 'visibility', visibility);
  }
}
