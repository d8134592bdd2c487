import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../http/schemas.js';
import { covers } from '../accounts/index.js';
import { matchParty, type PopulationDeps } from './population.service.js';

export function registerPopulationRoutes(app: FastifyInstance, deps: PopulationDeps): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.post('/parties/:id/population-match', {
    config: { permission: 'cadastre.edit' },
    schema: {
      tags: ['cadastre'],
      summary: 'Đối chiếu với Cơ sở dữ liệu quốc gia về dân cư / match against the national population database',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      response: {
        200: Type.Object({
          status: Type.Union([Type.Literal('matched'), Type.Literal('mismatch'), Type.Literal('not_found')]),
          differences: Type.Array(Type.String()),
          checkedAt: Type.String(),
          registry: Type.String(),
        }),
        403: Type.Ref('ErrorResponse'),
        ...errorResponses,
      },
    },
  }, async (request) => matchParty(deps, request.actor, request.params.id, (unitId) => covers(request.auth, 'cadastre.edit', unitId)));
}
