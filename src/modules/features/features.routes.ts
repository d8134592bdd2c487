// HTTP of OGC API Features under /ogc (public: parcels' public attributes and unit
// boundaries, no personal data). Documents are sent as JSON text with their media type.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { errorResponses } from '../../http/schemas.js';
import { createFeaturesService, MEDIA, OGC_PREFIX } from './features.service.js';
import { MAX_LIMIT } from './ogc-params.js';

export interface FeatureRoutesDeps {
  db: Database;
  clock: Clock;
}

const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('geojson')], { description: 'Định dạng (chỉ JSON) / format: json only' }));
/** metadata documents accept other parameters (a client may append its own to every request, as GDAL does) */
const MetadataQuery = Type.Object({ f: Format }, { additionalProperties: true });
const CrsParam = Type.Optional(Type.String({ description: 'Hệ tọa độ đầu ra (OGC API Features Part 2) / output CRS URI, default CRS84' }));
const ItemsQuery = Type.Object(
  {
    bbox: Type.Optional(Type.String({ description: 'minx,miny,maxx,maxy trong bbox-crs (mặc định CRS84) / in bbox-crs, default CRS84' })),
    'bbox-crs': CrsParam,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, description: `Số đối tượng mỗi trang (mặc định 100, tối đa ${MAX_LIMIT}) / page size` })),
    offset: Type.Optional(Type.Integer({ minimum: 0, description: 'Bỏ qua bao nhiêu đối tượng / features skipped (paging)' })),
    after: Type.Optional(Type.String({ description: 'Mã đối tượng cuối của trang trước (liên kết next mang nó) / id of the previous page\'s last feature: next links carry it so deep pages stay fast' })),
    datetime: Type.Optional(Type.String({ description: 'Thời điểm hoặc khoảng RFC 3339: các phiên bản có hiệu lực khi đó / instant or interval: the versions in force then' })),
    crs: CrsParam,
    f: Format,
  },
  { additionalProperties: false },
);
const CollectionParams = Type.Object({ collectionId: Type.String() });
const FeatureParams = Type.Object({ collectionId: Type.String(), featureId: Type.String() });
const Document = Type.Object({}, { additionalProperties: true });
const Json = (description: string) => ({ 200: { ...Document, description }, ...errorResponses });

/** scheme://host the client used; Fastify reads X-Forwarded-Proto/Host only when trustProxy is on */
const baseOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export function registerFeatureRoutes(app: FastifyInstance, deps: FeatureRoutesDeps): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const service = createFeaturesService(deps);
  const common = { config: { permission: 'public' as const } };
  const tags = ['ogc'];

  typed.get(OGC_PREFIX, { ...common, schema: { tags, summary: 'OGC API Features: trang đầu / landing page', querystring: MetadataQuery, response: Json('landing page') } },
    async (request, reply) => reply.type(MEDIA.json).send(JSON.stringify(service.landingPage(baseOf(request)))));

  typed.get(`${OGC_PREFIX}/conformance`, { ...common, schema: { tags, summary: 'Các lớp tuân thủ / conformance classes', querystring: MetadataQuery, response: Json('conformance') } },
    async (_request, reply) => reply.type(MEDIA.json).send(JSON.stringify(service.conformance())));

  typed.get(`${OGC_PREFIX}/collections`, { ...common, schema: { tags, summary: 'Các lớp dữ liệu / collections', querystring: MetadataQuery, response: Json('collections') } },
    async (request, reply) => reply.type(MEDIA.json).send(JSON.stringify(await service.collections(baseOf(request)))));

  typed.get(`${OGC_PREFIX}/collections/:collectionId`,
    { ...common, schema: { tags, summary: 'Một lớp dữ liệu / a collection', params: CollectionParams, querystring: MetadataQuery, response: Json('collection') } },
    async (request, reply) => reply.type(MEDIA.json).send(JSON.stringify(await service.collection(baseOf(request), request.params.collectionId))));

  typed.get(`${OGC_PREFIX}/collections/:collectionId/items`,
    { ...common, schema: { tags, summary: 'Các đối tượng (GeoJSON) / features', params: CollectionParams, querystring: ItemsQuery, response: Json('GeoJSON FeatureCollection') } },
    async (request, reply) => {
      const answer = await service.items(baseOf(request), request.params.collectionId, request.query);
      return reply.type(MEDIA.geojson).header('content-crs', `<${answer.contentCrs}>`).send(answer.body);
    });

  typed.get(`${OGC_PREFIX}/collections/:collectionId/items/:featureId`,
    {
      ...common,
      schema: {
        tags, summary: 'Một đối tượng (GeoJSON) / a feature', params: FeatureParams,
        querystring: Type.Object({ crs: CrsParam, f: Format }, { additionalProperties: false }), response: Json('GeoJSON Feature'),
      },
    },
    async (request, reply) => {
      const answer = await service.feature(baseOf(request), request.params.collectionId, request.params.featureId, request.query.crs);
      return reply.type(MEDIA.geojson).header('content-crs', `<${answer.contentCrs}>`).send(answer.body);
    });
}
