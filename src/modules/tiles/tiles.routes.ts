// GET /tiles/{layer}/{z}/{x}/{y}.mvt: Mapbox Vector Tiles (EPSG:3857) of public data, for
// the portal and any web map. Live tiles carry an ETag and are revalidated (If-None-Match
// → 304) so that an approved change shows at once; tiles of a past time may be kept.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../kernel/clock.js';
import { errorResponses } from '../../http/schemas.js';
import { MAX_ZOOM, TILE_LAYERS } from './tile-layers.js';
import type { TileService } from './tiles.service.js';

export const MVT_MEDIA_TYPE = 'application/vnd.mapbox-vector-tile';

export interface TileRoutesDeps {
  tiles: TileService;
  clock: Clock;
}

const TileParams = Type.Object(
  {
    layer: Type.String({ pattern: '^[a-z][a-z0-9-]*$', description: `Lớp / layer: ${TILE_LAYERS.map((l) => l.name).join(', ')}` }),
    z: Type.Integer({ minimum: 0, maximum: MAX_ZOOM }),
    x: Type.Integer({ minimum: 0 }),
    y: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  Boolean(ifNoneMatch) && ifNoneMatch!.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');

export function registerTileRoutes(app: FastifyInstance, deps: TileRoutesDeps): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    '/tiles/:layer/:z/:x/:y.mvt',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['maps'],
        summary: 'Ô bản đồ vector (MVT, EPSG:3857) / vector tile',
        description:
          'Thửa đất (số tờ, số thửa, mã loại đất, diện tích; không có dữ liệu cá nhân) và đơn vị hành chính. ' +
          'asOf: bản đồ tại một thời điểm. / Parcels (public attributes only) and administrative units; asOf: the map as of a time.',
        params: TileParams,
        querystring: Type.Object(
          { asOf: Type.Optional(Type.String({ format: 'date-time', description: 'thời điểm xem (RFC 3339) / the map as of this time' })) },
          { additionalProperties: false },
        ),
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const asOf = request.query.asOf ? new Date(request.query.asOf) : undefined;
      const tile = await deps.tiles.tile({ ...request.params, asOf });
      // a past map does not change; a live tile (and a future date) is revalidated every time
      const cacheControl = asOf && asOf.getTime() <= deps.clock.now().getTime() ? 'public, max-age=86400' : 'public, no-cache';
      void reply.header('etag', tile.etag).header('cache-control', cacheControl).header('x-tile-cache', tile.cached ? 'hit' : 'miss');
      if (matches(request.headers['if-none-match'], tile.etag)) return reply.status(304).send();
      return reply.type(MVT_MEDIA_TYPE).send(tile.bytes);
    },
  );
}
