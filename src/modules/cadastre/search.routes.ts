import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { errorResponses, UnitCode } from '../../http/schemas.js';
import { MAX_SEARCH_RESULTS, searchCadastre } from './search.service.js';
import { todayOf } from '../units/index.js';
import { CertificateSerial } from './records.routes.js';

const Holder = Type.Object({
  partyId: Type.String(), kind: Type.String(), fullName: Type.String(),
  idNumber: Type.Union([Type.String(), Type.Null()]), birthYear: Type.Union([Type.Integer(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]), rightType: Type.String(), share: Type.Number(), populationStatus: Type.String(),
});

const SearchItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  unitCode: Type.String(),
  unitName: Type.String(),
  sheetNumber: Type.Integer(),
  parcelNumber: Type.Integer(),
  landUseCode: Type.String(),
  officialArea: Type.Number({ description: 'Diện tích pháp lý (m²) / official area' }),
  address: Type.Union([Type.String(), Type.Null()]),
  masked: Type.Boolean({ description: 'Thông tin cá nhân bị che / personal data masked' }),
  holders: Type.Array(Holder, { description: 'Người sử dụng đất khớp tiêu chí / matching land users' }),
});

export function registerSearchRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.post(
    '/search/parcels',
    {
      // POST, so that personal ID numbers never appear in URLs (logs, proxies, history)
      config: { permission: 'cadastre.read' },
      schema: {
        tags: ['cadastre'],
        summary: 'Tìm kiếm thửa đất theo số tờ/thửa, tên, số giấy tờ, địa chỉ, số phát hành Giấy chứng nhận / search parcels by key, name, ID number, address, certificate serial',
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 2, maxLength: 100, description: 'Họ tên (không phân biệt dấu), theo tiền tố / name prefix, diacritics ignored' })),
            idNumber: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{6,20}$', description: 'Số CCCD/CMND (cần quyền cadastre.read_personal)' })),
            address: Type.Optional(Type.String({ minLength: 2, maxLength: 200, description: 'Địa chỉ thửa đất (chứa, không phân biệt dấu)' })),
            unitCode: Type.Optional(UnitCode),
            sheetNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: 9999 })),
            parcelNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: 99999 })),
            certificateSerial: Type.Optional(CertificateSerial),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SEARCH_RESULTS, default: 20 })),
            cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(SearchItem), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          401: Type.Ref('ErrorResponse'),
          403: Type.Ref('ErrorResponse'),
          ...errorResponses,
        },
      },
    },
    async (request) => searchCadastre(deps.db, { actor: request.actor, scopes: request.auth!.scopes, today: todayOf(deps.clock) }, request.body),
  );
}
