// The land price database over HTTP (S-PRICE, issue #8). Price tables are published
// decisions of the provincial People's Committee (Luật Đất đai 2024 Điều 159): reading
// them and the price of a parcel is public. Edits need prices.edit; market transactions
// are read with prices.edit only (inputs of valuation, not published).
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/app-error.js';
import { BilingualText, errorResponses, IsoDate, UnitCode } from '../../http/schemas.js';
import { MAX_IMPORT_ROWS } from './price-import.js';
import * as service from './prices.service.js';

const tags = ['prices'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const denied = { 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse'), ...errorResponses };

const DecisionIn = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 60, description: 'Số quyết định / decision number' }),
  date: IsoDate,
  issuer: Type.String({ minLength: 1, maxLength: 200, description: 'Cơ quan ban hành / issuing body' }),
}, { additionalProperties: false });
const Decision = Type.Object({ number: Type.String(), date: Type.String(), issuer: Type.String() });
const LandUseCode = Type.String({ pattern: '^[A-Z]{3}$', description: 'Mã loại đất hoặc nhóm (ODT, OTC) / land-use code or group' });
const SegmentCode = Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$', description: 'Mã đoạn đường / segment code' });
const Price = Type.Integer({ minimum: 1, maximum: 1e12, description: 'đồng/m² / VND per m²' });

const PositionRuleIn = Type.Object({
  position: Type.Integer({ minimum: 1, maximum: 4 }),
  maxDistanceM: Type.Number({ exclusiveMinimum: 0, maximum: 10000, description: 'Vị trí kết thúc ở khoảng cách này (m) từ đoạn đường / the band ends this far from the segment' }),
  minAlleyWidthM: Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'Bề rộng hẻm tối thiểu (m); null: không điều kiện / minimum alley width' })),
  descriptionVi: Type.String({ minLength: 1, maxLength: 500 }),
}, { additionalProperties: false });

const TableSummary = Type.Object({
  id: Type.String(), name: Type.String(), provinceCode: Type.String(), status: Type.String({ description: 'draft | published | revoked' }),
  multiPositionRule: Type.String({ description: 'nearest | area_weighted' }), decision: Decision,
  validFrom: Type.String(), validTo: Nullable(Type.String({ description: 'ngày đầu tiên hết hiệu lực / first day no longer in force' })), segments: Type.Integer(),
});
const CoefficientOut = Type.Object({
  value: Type.Number(), decision: Decision, unitCode: Nullable(Type.String()), landUseCode: Nullable(Type.String()), validFrom: Type.String(), validTo: Nullable(Type.String()),
});

const SegmentRowIn = Type.Object({
  code: SegmentCode,
  roadName: Type.String({ minLength: 1, maxLength: 200 }),
  from: Type.String({ minLength: 1, maxLength: 300, description: 'Từ / from' }),
  to: Type.String({ minLength: 1, maxLength: 300, description: 'Đến / to' }),
  unitCode: UnitCode,
  landUseCode: LandUseCode,
  prices: Type.Object({ 1: Price, 2: Type.Optional(Price), 3: Type.Optional(Price), 4: Type.Optional(Price) }, { additionalProperties: false, description: 'giá theo vị trí 1..4 / price by position' }),
}, { additionalProperties: false });

const Finding = Type.Object({ row: Nullable(Type.Integer()), column: Nullable(Type.String()), message: BilingualText });
const ParcelParams = Type.Object({
  unitCode: UnitCode,
  sheetNumber: Type.Integer({ minimum: 1, maximum: 9999 }),
  parcelNumber: Type.Integer({ minimum: 1, maximum: 99999 }),
});

const ParcelPriceOut = Type.Object({
  parcelId: Type.String(), day: Type.String(),
  pricePerM2: Type.Number({ description: 'đồng/m²' }), area: Type.Number({ description: 'm²' }), total: Type.Number({ description: 'đồng' }),
  explanation: Type.Object({
    source: Type.String({ description: 'table | specific' }),
    table: Nullable(Type.Object({ id: Type.String(), name: Type.String(), decision: Decision, validFrom: Type.String(), validTo: Nullable(Type.String()), multiPositionRule: Type.String() })),
    segment: Nullable(Type.Object({ code: Type.String(), roadName: Type.String(), from: Type.String(), to: Type.String(), distanceM: Type.Number(), landUseCode: Type.String() })),
    position: Nullable(Type.Object({ position: Type.Integer(), reason: BilingualText, bands: Type.Array(Type.Object({ position: Type.Integer(), area: Type.Number(), price: Type.Number() })) })),
    landUseCode: Type.String(),
    coefficient: Nullable(CoefficientOut),
    specificPrice: Nullable(Type.Object({ method: Type.String(), purpose: Type.String(), decision: Decision, validFrom: Type.String(), validTo: Nullable(Type.String()) })),
    formula: Type.String(),
  }),
});

export function registerPriceRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.get('/prices/tables', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Các bảng giá đất / price tables', response: { 200: Type.Array(TableSummary), ...errorResponses } },
  }, async () => service.listTables(deps));

  typed.get('/prices/tables/:id', {
    config: { permission: 'public' },
    schema: {
      tags, summary: 'Bảng giá đất: vị trí, hệ số, đoạn đường và giá / a price table with its rules, coefficients, segments and prices',
      params: Id,
      response: {
        200: Type.Object({
          ...TableSummary.properties,
          positionRules: Type.Array(Type.Object({ position: Type.Integer(), maxDistanceM: Type.Number(), minAlleyWidthM: Nullable(Type.Number()), descriptionVi: Type.String() })),
          coefficients: Type.Array(CoefficientOut),
          segmentList: Type.Array(Type.Object({
            code: Type.String(), roadName: Type.String(), from: Type.String(), to: Type.String(), unitCode: Type.String(), hasGeometry: Type.Boolean(),
            prices: Type.Array(Type.Object({ landUseCode: Type.String(), position: Type.Integer(), price: Type.Number() })),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => service.getTable(deps, request.params.id));

  typed.get('/prices/tables/:id/export', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Bảng giá đất dạng Excel (cùng mẫu nhập) / the table as Excel, in the import layout', params: Id, response: { ...errorResponses } },
  }, async (request, reply) => {
    const { bytes, fileName } = await service.exportWorkbook(deps, request.params.id);
    return reply.type(XLSX).header('content-disposition', `attachment; filename="${fileName}"`).send(bytes);
  });

  typed.get('/prices/parcels/:unitCode/:sheetNumber/:parcelNumber', {
    config: { permission: 'public' },
    schema: {
      tags, summary: 'Giá đất của thửa tại một ngày và cách tính / the price of a parcel on a day, with its explanation',
      params: ParcelParams,
      querystring: Type.Object({
        date: Type.Optional(IsoDate),
        alleyWidth: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'Bề rộng hẻm dẫn vào thửa (m), nếu bảng giá xét / alley width (m) when the table\'s rules use it' })),
      }, { additionalProperties: false }),
      response: { 200: ParcelPriceOut, ...errorResponses },
    },
  }, async (request) => service.parcelPrice(deps, request.params, request.query.date ?? service.todayInVietnam(deps.clock), request.query.alleyWidth ?? null));

  typed.post('/prices/tables', {
    config: { permission: 'prices.edit' },
    schema: {
      tags, summary: 'Lập bảng giá đất (dự thảo) / create a draft price table',
      body: Type.Object({
        provinceCode: Type.String({ pattern: '^[0-9]{2}$' }),
        name: Type.String({ minLength: 1, maxLength: 300 }),
        decision: DecisionIn,
        validFrom: IsoDate,
        validTo: Nullable(IsoDate),
        multiPositionRule: Type.Union([Type.Literal('nearest'), Type.Literal('area_weighted')]),
        positionRules: Type.Array(PositionRuleIn, { minItems: 1, maxItems: 4 }),
      }, { additionalProperties: false }),
      response: { 201: Id, ...denied },
    },
  }, async (request, reply) => {
    const { positionRules, ...rest } = request.body;
    return reply.status(201).send(await service.createTable(deps, request.actor, { ...rest, rules: positionRules }));
  });

  typed.post('/prices/tables/:id/publish', {
    config: { permission: 'prices.edit' },
    schema: { tags, summary: 'Ban hành bảng giá (hết sửa được) / publish a table (its prices freeze)', params: Id, response: { 204: Type.Null(), ...denied } },
  }, async (request, reply) => {
    await service.publishTable(deps, request.actor, request.params.id);
    return reply.status(204).send(null);
  });

  typed.post('/prices/tables/:id/segments', {
    config: { permission: 'prices.edit' },
    schema: {
      tags, summary: 'Thêm đoạn đường và giá vào bảng giá dự thảo / add segments and prices to a draft table',
      params: Id,
      body: Type.Object({ rows: Type.Array(SegmentRowIn, { minItems: 1, maxItems: MAX_IMPORT_ROWS }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ segments: Type.Integer(), prices: Type.Integer() }), ...denied },
    },
  }, async (request) => service.addSegmentPrices(deps, request.actor, request.params.id, request.body.rows));

  // the workbook is the request body itself (Content-Type: the .xlsx media type); the
  // parser is added to this context, not to a child plugin (a child would inherit and run
  // the app's onClose hooks once more)
  if (!app.hasContentTypeParser(XLSX)) app.addContentTypeParser(XLSX, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  typed.post('/prices/tables/:id/import', {
    config: { permission: 'prices.edit' },
    schema: {
      tags,
      summary: `Nhập bảng giá từ Excel (trang "Bảng giá đất": Mã đoạn, Tên đường, Từ, Đến, Mã ĐVHC, Mã loại đất, VT1..VT4); có dòng lỗi thì không ghi gì / import from Excel; nothing is written if any row is bad`,
      params: Id,
      response: { 200: Type.Object({ segments: Type.Integer(), prices: Type.Integer() }), ...denied },
    },
  }, async (request) => {
    if (!Buffer.isBuffer(request.body)) {
      throw new AppError('VALIDATION_FAILED', { vi: `Thân yêu cầu phải là tệp .xlsx (Content-Type: ${XLSX})`, en: `The request body must be an .xlsx file (Content-Type: ${XLSX})` }, { field: 'body' });
    }
    return service.importWorkbook(deps, request.actor, request.params.id, request.body);
  });

  typed.put('/prices/segments/geometry', {
    config: { permission: 'prices.edit' },
    schema: {
      tags, summary: 'Đường của các đoạn (GeoJSON EPSG:4326, properties.code = mã đoạn) / segment lines by code',
      body: Type.Object({
        type: Type.Literal('FeatureCollection'),
        features: Type.Array(Type.Object({
          type: Type.Literal('Feature'),
          properties: Type.Object({ code: SegmentCode }),
          geometry: Type.Object({
            type: Type.Union([Type.Literal('LineString'), Type.Literal('MultiLineString')]),
            coordinates: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 5000 }),
          }),
        }), { minItems: 1, maxItems: 2000 }),
      }),
      response: { 200: Type.Object({ updated: Type.Integer() }), ...denied },
    },
  }, async (request) => service.setSegmentGeometries(deps, request.actor, request.body.features.map((f) => ({ code: f.properties.code, geometry: f.geometry }))));

  typed.post('/prices/tables/:id/coefficients', {
    config: { permission: 'prices.edit' },
    schema: {
      tags, summary: 'Thêm hệ số điều chỉnh giá đất / add an adjustment coefficient',
      params: Id,
      body: Type.Object({
        unitCode: Nullable(UnitCode), landUseCode: Nullable(LandUseCode),
        coefficient: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
        validFrom: IsoDate, validTo: Nullable(IsoDate), decision: DecisionIn,
      }, { additionalProperties: false }),
      response: { 201: Id, ...denied },
    },
  }, async (request, reply) => reply.status(201).send(await service.addCoefficient(deps, request.actor, request.params.id, request.body)));

  typed.post('/prices/specific', {
    config: { permission: 'prices.edit' },
    schema: {
      tags, summary: 'Ghi giá đất cụ thể đã quyết định cho thửa / record a specific price decided for a parcel',
      body: Type.Object({
        parcel: ParcelParams,
        landUseCode: LandUseCode,
        pricePerM2: Price,
        method: Type.Union([Type.Literal('comparison'), Type.Literal('income'), Type.Literal('residual'), Type.Literal('coefficient')], { description: 'Luật Đất đai 2024 Điều 158 khoản 5' }),
        purpose: Type.String({ minLength: 1, maxLength: 300, description: 'Trường hợp áp dụng / the case' }),
        decision: DecisionIn, validFrom: IsoDate, validTo: Nullable(IsoDate),
      }, { additionalProperties: false }),
      response: { 201: Id, ...denied },
    },
  }, async (request, reply) => reply.status(201).send(await service.addSpecificPrice(deps, request.actor, request.body)));

  typed.post('/prices/transactions', {
    config: { permission: 'prices.edit' },
    schema: {
      tags, summary: 'Ghi giao dịch trên thị trường (không có thông tin cá nhân) / record a market transaction (no personal data)',
      body: Type.Object({
        unitCode: UnitCode,
        parcel: Nullable(Type.Object({ sheetNumber: Type.Integer({ minimum: 1, maximum: 9999 }), parcelNumber: Type.Integer({ minimum: 1, maximum: 99999 }) }, { additionalProperties: false })),
        transactionDate: IsoDate, landUseCode: LandUseCode,
        area: Type.Number({ exclusiveMinimum: 0, maximum: 1e8 }), priceTotal: Type.Integer({ minimum: 1, maximum: 1e15 }),
        source: Type.Union([Type.Literal('notarised_contract'), Type.Literal('registration'), Type.Literal('auction'), Type.Literal('survey'), Type.Literal('other')]),
        note: Nullable(Type.String({ maxLength: 500 })),
      }, { additionalProperties: false }),
      response: { 201: Id, ...denied },
    },
  }, async (request, reply) => reply.status(201).send(await service.recordTransaction(deps, request.actor, request.body)));

  typed.get('/prices/transactions', {
    config: { permission: 'prices.edit' },
    schema: {
      tags, summary: 'Giao dịch trên thị trường đã ghi / recorded market transactions',
      querystring: Type.Object({
        unitCode: Type.Optional(UnitCode), from: Type.Optional(IsoDate), to: Type.Optional(IsoDate),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Array(Type.Object({
          id: Type.String(), unitCode: Type.String(), parcel: Nullable(Type.Object({ sheetNumber: Type.Integer(), parcelNumber: Type.Integer() })),
          transactionDate: Type.String(), landUseCode: Type.String(), area: Type.Number(), priceTotal: Type.Number(), pricePerM2: Type.Number(), source: Type.String(), note: Nullable(Type.String()),
        })),
        ...denied,
      },
    },
  }, async (request) => service.listTransactions(deps, { unitCode: request.query.unitCode ?? null, from: request.query.from ?? null, to: request.query.to ?? null, limit: request.query.limit ?? 200 }));
}
