import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { errorResponses, FeatureCollection, IsoDate, UnitCode } from '../../http/schemas.js';
import { listUnits, unitBoundariesGeoJson } from './units.repo.js';

const Level = Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')]);
const UnitQuery = Type.Object(
  {
    level: Type.Optional(Level),
    parent: Type.Optional(UnitCode),
    asOf: Type.Optional({ ...IsoDate, description: 'Ngày xem (mặc định hôm nay) / units valid on this date (default today)' }),
  },
  { additionalProperties: false },
);
const Unit = Type.Object({
  code: Type.String(),
  level: Level,
  kind: Type.String(),
  name: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  parcelCount: Type.Integer({ description: 'Số thửa hiện hành, kể cả của các đơn vị tiền thân / live parcels incl. predecessor units' }),
});

export interface UnitRoutesDeps {
  db: Database;
  clock: Clock;
}

export const todayOf = (clock: Clock) => clock.now().toISOString().slice(0, 10);

export function registerUnitRoutes(app: FastifyInstance, deps: UnitRoutesDeps): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    '/units',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['units'],
        summary: 'Danh sách đơn vị hành chính / administrative units valid on a date',
        querystring: UnitQuery,
        response: { 200: Type.Object({ asOf: Type.String(), items: Type.Array(Unit) }), ...errorResponses },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? todayOf(deps.clock);
      const rows = await listUnits(deps.db, { asOf, level: request.query.level, parentCode: request.query.parent });
      return { asOf, items: rows };
    },
  );
  typed.get(
    '/units/boundaries',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['units'],
        summary: 'Ranh giới đơn vị hành chính (GeoJSON, EPSG:4326) / unit boundaries',
        querystring: UnitQuery,
        response: { 200: FeatureCollection, ...errorResponses },
      },
    },
    async (request, reply) => {
      const asOf = request.query.asOf ?? todayOf(deps.clock);
      const geojson = await unitBoundariesGeoJson(deps.db, { asOf, level: request.query.level, parentCode: request.query.parent });
      return reply.type('application/geo+json').send(geojson);
    },
  );
}
