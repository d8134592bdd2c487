// Land-use planning over HTTP (S-PLAN). Reads are public for approved public plans
// (Luật Đất đai 2024, Điều 75: plans are published once approved); drafts and plans
// kept from the public are shown to holders of planning.edit on the plan's unit only.
// Writes need planning.edit on the plan's unit.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { BilingualText, errorResponses, IsoDate, UnitCode } from '../../http/schemas.js';
import { todayOf } from '../units/index.js';
import { MAX_PROJECTS_PER_REQUEST, MAX_ZONES_PER_UPLOAD } from './planning-rules.js';
import { addProjects, addZones, approvePlan, createPlan, findPlans, getPlan, parcelPlanning, supersedePlan, type PlanningCaller } from './planning.service.js';

const tags = ['planning'];
const ZONE_UPLOAD_BYTES = 16 * 1024 * 1024;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const PlanId = Type.Object({ planId: Type.String({ format: 'uuid', description: 'Định danh quy hoạch / plan id' }) });
const Text = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, description });

const Plan = Type.Object({
  id: Type.String({ format: 'uuid' }),
  version: Type.Integer(),
  kind: Type.String({ description: 'planning (quy hoạch) | annual_plan (kế hoạch sử dụng đất hằng năm)' }),
  level: Type.String({ description: 'province | district | commune' }),
  unitCode: Type.String(),
  unitName: Type.String(),
  name: Type.String(),
  periodStart: Type.String(),
  periodEnd: Type.String(),
  status: Type.String({ description: 'draft | approved | superseded' }),
  isPublic: Type.Boolean(),
  decisionNumber: Nullable(Type.String({ description: 'Số quyết định phê duyệt / decision number' })),
  decisionDate: Nullable(Type.String()),
  decisionAuthority: Nullable(Type.String({ description: 'Cơ quan phê duyệt / approving authority' })),
  inForceFrom: Nullable(Type.String({ description: 'Ngày có hiệu lực / first day in force' })),
  inForceTo: Nullable(Type.String({ description: 'Ngày hết hiệu lực (không tính) / first day no longer in force' })),
  supersededOn: Nullable(Type.String()),
  supersededBy: Nullable(Type.String()),
  zoneCount: Type.Integer(),
  validFrom: Type.String(),
});

const Project = Type.Object({
  id: Type.String(), name: Type.String(), landUseCode: Type.String(), area: Type.Number({ description: 'm²' }),
  plannedYear: Nullable(Type.Integer()), status: Type.String(), locationText: Nullable(Type.String()),
});

const OverlayZone = Type.Object({
  zoneId: Type.String(), zoneCode: Type.String(), name: Type.String(), landUseCode: Type.String(), landUseName: BilingualText,
  area: Type.Number({ description: 'Diện tích giao (m², mặt phẳng VN-2000) / intersected area' }),
  share: Type.Number({ description: 'Tỷ lệ trên diện tích thửa / share of the parcel' }),
});

const denied = { 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse') };

function callerOf(request: FastifyRequest): PlanningCaller {
  return { actor: request.actor, editableUnitIds: [...(request.auth?.scopes.get('planning.edit') ?? [])] };
}

export function registerPlanningRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    '/planning/plans',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Danh sách quy hoạch, kế hoạch sử dụng đất của một đơn vị (và các cấp trên), có hiệu lực vào một ngày / plans of a unit and the units above it, in force on a day',
        querystring: Type.Object({
          unitCode: Type.Optional(UnitCode),
          date: Type.Optional(IsoDate),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Plan) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await findPlans(deps, callerOf(request), request.query) }),
  );
  typed.get(
    '/planning/plans/:planId',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Một quy hoạch với các khu vực (GeoJSON, EPSG:4326) và công trình, dự án / a plan with its zones and projects',
        params: PlanId,
        response: {
          200: Type.Object({
            ...Plan.properties,
            zones: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) }),
            projects: Type.Array(Project),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => getPlan(deps, callerOf(request), request.params.planId),
  );
  typed.get(
    '/planning/parcels/:unitCode/:sheetNumber/:parcelNumber',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Thửa đất nằm trong khu vực quy hoạch nào, với diện tích và tỷ lệ / the planning zones a parcel falls in, with areas and shares',
        params: Type.Object({
          unitCode: UnitCode,
          sheetNumber: Type.Integer({ minimum: 1, maximum: 9999, description: 'Số tờ bản đồ / map sheet number' }),
          parcelNumber: Type.Integer({ minimum: 1, maximum: 99999, description: 'Số thửa / parcel number' }),
        }),
        querystring: Type.Object({ date: Type.Optional(IsoDate) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            parcel: Type.Object({
              id: Type.String(), unitCode: Type.String(), sheetNumber: Type.Integer(), parcelNumber: Type.Integer(),
              officialArea: Type.Number(), srid: Type.Integer(),
            }),
            date: Type.String(),
            plans: Type.Array(Type.Object({
              ...Plan.properties,
              parcelArea: Type.Number({ description: 'Diện tích hình học của thửa (m²), mẫu số của tỷ lệ / planar area of the parcel, the shares\' denominator' }),
              zones: Type.Array(OverlayZone),
              uncoveredArea: Type.Number({ description: 'Phần thửa không thuộc khu vực nào của quy hoạch (m²) / part outside every zone of the plan' }),
              uncoveredShare: Type.Number(),
            })),
          }),
          409: Type.Ref('ErrorResponse'),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const result = await parcelPlanning(deps, callerOf(request), request.params, request.query.date ?? todayOf(deps.clock));
      return { ...result, plans: result.plans.map((p) => ({ ...p, uncoveredShare: p.uncoveredArea / p.parcelArea })) };
    },
  );
  typed.post(
    '/planning/plans',
    {
      config: { permission: 'planning.edit', unitCode: (request) => (request.body as { unitCode?: string } | undefined)?.unitCode },
      schema: {
        tags,
        summary: 'Tạo quy hoạch, kế hoạch sử dụng đất (bản dự thảo) / create a draft plan',
        body: Type.Object({
          kind: Type.Union([Type.Literal('planning'), Type.Literal('annual_plan')]),
          unitCode: UnitCode,
          name: Text(300, 'Tên quy hoạch / plan name'),
          periodStart: IsoDate,
          periodEnd: IsoDate,
          isPublic: Type.Boolean({ default: true }),
        }, { additionalProperties: false }),
        response: { 201: Plan, ...denied, ...errorResponses },
      },
    },
    async (request, reply) => {
      const plan = await createPlan(deps, callerOf(request), request.body, deps.clock.now(), todayOf(deps.clock));
      return reply.code(201).send(plan);
    },
  );
  typed.post(
    '/planning/plans/:planId/zones',
    {
      config: { permission: 'planning.edit' },
      // a commune's zones with surveyed boundaries outgrow the default 1 MiB; the vertex limits bound the work
      bodyLimit: ZONE_UPLOAD_BYTES,
      schema: {
        tags,
        summary: 'Tải lên khu vực quy hoạch (GeoJSON FeatureCollection; thuộc tính zoneCode, name, landUseCode) / upload zones; all or nothing',
        params: PlanId,
        body: Type.Object({
          type: Type.Literal('FeatureCollection'),
          srid: Type.Integer({ default: 4326, description: '4326 hoặc hệ VN-2000 của đơn vị / 4326 or the unit\'s VN-2000 EPSG code' }),
          features: Type.Array(Type.Unknown(), { maxItems: MAX_ZONES_PER_UPLOAD }),
        }, { additionalProperties: true }),
        response: { 200: Plan, ...denied, ...errorResponses },
      },
    },
    async (request) => addZones(deps, callerOf(request), request.params.planId, request.body, deps.clock.now()),
  );
  typed.post(
    '/planning/plans/:planId/projects',
    {
      config: { permission: 'planning.edit' },
      schema: {
        tags,
        summary: 'Thêm công trình, dự án vào quy hoạch dự thảo / add works and projects to a draft plan',
        params: PlanId,
        body: Type.Object({
          projects: Type.Array(Type.Object({
            name: Text(300, 'Tên công trình, dự án / name'),
            landUseCode: Type.String({ pattern: '^[A-Z]{3}$' }),
            area: Type.Number({ exclusiveMinimum: 0, maximum: 1e10, description: 'm²' }),
            plannedYear: Type.Union([Type.Integer({ minimum: 1990, maximum: 2100 }), Type.Null()], { default: null }),
            status: Type.Union(['planned', 'in_progress', 'completed', 'cancelled', 'carried_over'].map((s) => Type.Literal(s)), { default: 'planned' }),
            locationText: Type.Union([Type.String({ maxLength: 300 }), Type.Null()], { default: null }),
          }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_PROJECTS_PER_REQUEST }),
        }, { additionalProperties: false }),
        response: { 200: Type.Object({ projects: Type.Array(Project) }), ...denied, ...errorResponses },
      },
    },
    async (request) => ({ projects: await addProjects(deps, callerOf(request), request.params.planId, request.body.projects, deps.clock.now()) }),
  );
  typed.post(
    '/planning/plans/:planId/approve',
    {
      config: { permission: 'planning.edit' },
      schema: {
        tags,
        summary: 'Ghi nhận quyết định phê duyệt / record the approving decision',
        params: PlanId,
        body: Type.Object({
          decisionNumber: Text(50, 'Số quyết định, ví dụ 123/QĐ-UBND / decision number'),
          decisionDate: IsoDate,
          decisionAuthority: Text(200, 'Cơ quan phê duyệt / approving authority'),
          inForceFrom: Type.Optional(IsoDate),
          isPublic: Type.Optional(Type.Boolean()),
        }, { additionalProperties: false }),
        response: { 200: Plan, ...denied, ...errorResponses },
      },
    },
    async (request) => approvePlan(deps, callerOf(request), request.params.planId, request.body, deps.clock.now()),
  );
  typed.post(
    '/planning/plans/:planId/supersede',
    {
      config: { permission: 'planning.edit' },
      schema: {
        tags,
        summary: 'Ghi nhận quy hoạch bị thay thế, điều chỉnh / record that a plan was replaced',
        params: PlanId,
        body: Type.Object({
          supersededOn: IsoDate,
          supersededBy: Type.Optional(Type.String({ format: 'uuid' })),
        }, { additionalProperties: false }),
        response: { 200: Plan, ...denied, ...errorResponses },
      },
    },
    async (request) => supersedePlan(deps, callerOf(request), request.params.planId, request.body, deps.clock.now()),
  );
}
