// Land statistics (S-STAT) and reports on demand (F4) over HTTP. Every route needs
// reports.read on the unit asked for (a district grant covers its communes, see
// accounts/scope.repo.ts); the parcel extract shows holders' names only with
// cadastre.read_personal on that unit.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { BilingualText, errorResponses, FeatureCollection, IsoDate, UnitCode } from '../../http/schemas.js';
import { allowed } from '../accounts/index.js';
import { todayOf } from '../units/index.js';
import { changesPdf, changesWorkbook, landUsePdf, landUseWorkbook, usersPdf, usersWorkbook } from './statistics-files.js';
import { changeStatistics, landUseStatistics } from './statistics.service.js';
import { MAX_PAGE, parcelReport, parcelReportGeoJson, parcelReportWorkbook } from './parcel-reports.service.js';

const tags = ['statistics'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const FileFormat = Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('pdf')], { default: 'json', description: 'json | xlsx (Excel theo mẫu biểu) | pdf' });
const Day = (description: string) => Type.String({ ...IsoDate, description });
const Areas = Type.Record(Type.String({ maxLength: 3 }), Type.Number(), { description: 'm²' });

const Unit = Type.Object({
  code: Type.String(), name: Type.String(), kind: Type.String(), level: Type.String(),
  above: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }), { description: 'Đơn vị cấp trên / units above, nearest first' }),
});

const LandUseReport = Type.Object({
  form: Type.String(),
  unit: Unit,
  date: Type.String(),
  asOf: Type.String({ description: 'Thời điểm đọc CSDL: hết ngày `date` (UTC+7) / the instant the record is read at' }),
  rows: Type.Array(Type.Object({
    code: Type.String(), nameVi: Type.String(), nameEn: Type.String(), depth: Type.Integer(),
    total: Type.Number({ description: 'm²' }), byUser: Areas,
  })),
  users: Type.Array(Type.Object({ code: Type.String(), nameVi: Type.String(), nameEn: Type.String(), level: Type.Integer(), byGroup: Areas, total: Type.Number() })),
  subUnits: Type.Array(Type.Object({ unitCode: Type.String(), unitName: Type.String(), naturalArea: Nullable(Type.Number()), byGroup: Areas, total: Type.Number() })),
  reconciliation: Type.Object({
    naturalArea: Nullable(Type.Number({ description: 'Diện tích tự nhiên (m²) / natural area' })),
    naturalAreaSource: Type.String(),
    recordedArea: Type.Number({ description: 'Tổng diện tích các nhóm đất / total of the land groups' }),
    unmappedArea: Nullable(Type.Number({ description: 'Tự nhiên − tổng các nhóm: chưa có trong CSDL / not in the cadastre' })),
    parcelArea: Type.Number(),
    purposeDifference: Type.Number(),
    parcelCount: Type.Integer(),
  }),
});

const ChangeReport = Type.Object({
  form: Type.String(),
  unit: Unit,
  from: Type.String(),
  to: Type.String(),
  matrix: Type.Object({
    codes: Type.Array(Type.String()),
    cells: Type.Record(Type.String(), Areas, { description: 'cells[mã đầu kỳ][mã cuối kỳ] m²' }),
    totalFrom: Areas, totalTo: Areas, notCarried: Areas, newArea: Areas,
    changedArea: Type.Number({ description: 'Diện tích chuyển mục đích / area that changed code' }),
  }),
  names: Type.Record(Type.String(), BilingualText),
});

const ReportRow = Type.Object({
  id: Type.String(), unitCode: Type.String(), sheetNumber: Type.Integer(), parcelNumber: Type.Integer(),
  landUseCode: Type.String(), purposes: Type.String(), officialArea: Type.Number(), address: Nullable(Type.String()),
  holders: Type.Array(Type.Object({ kind: Type.String(), fullName: Nullable(Type.String()), rightType: Type.String(), share: Type.Number() })),
});

function sendFile(reply: FastifyReply, body: Buffer, type: string, name: string) {
  return reply.type(type).header('content-disposition', `attachment; filename="${name}"`).send(body);
}

const fileName = (form: string, unit: string, ...days: string[]) => `${form.replace('/', '-')}_${unit}_${days.join('_')}`;

export function registerStatisticsRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const scoped = { permission: 'reports.read', unitCode: (request: { params: unknown }) => (request.params as { unitCode: string }).unitCode };
  const denied = { 401: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse') };

  for (const [path, form] of [['land-use', '01/TKKK'], ['users', '02/TKKK']] as const) {
    typed.get(
      `/statistics/:unitCode/${path}`,
      {
        config: scoped,
        schema: {
          tags,
          summary: form === '01/TKKK'
            ? 'Biểu 01/TKKK: diện tích theo loại đất và đối tượng sử dụng, quản lý / area by land-use code and user type'
            : 'Biểu 02/TKKK: diện tích theo đối tượng sử dụng, quản lý / area by user and manager type',
          params: Type.Object({ unitCode: UnitCode }),
          querystring: Type.Object(
            { date: Type.Optional(Day('Ngày thống kê (mặc định hôm nay; thống kê hằng năm: 31/12) / as of the end of this day')), format: FileFormat },
            { additionalProperties: false },
          ),
          response: { 200: LandUseReport, ...denied, ...errorResponses },
        },
      },
      async (request, reply) => {
        const date = request.query.date ?? todayOf(deps.clock);
        const stats = await landUseStatistics(deps.db, { unitCode: request.params.unitCode, date });
        const name = fileName(form, request.params.unitCode, date);
        if (request.query.format === 'xlsx') return sendFile(reply, await (path === 'land-use' ? landUseWorkbook : usersWorkbook)(stats), XLSX, `${name}.xlsx`);
        if (request.query.format === 'pdf') return sendFile(reply, await (path === 'land-use' ? landUsePdf : usersPdf)(stats), 'application/pdf', `${name}.pdf`);
        return path === 'land-use' ? stats : { ...stats, form };
      },
    );
  }

  typed.get(
    '/statistics/:unitCode/changes',
    {
      config: scoped,
      schema: {
        tags,
        summary: 'Biến động diện tích theo mục đích sử dụng giữa hai ngày (ma trận chuyển đổi) / change matrix between two days',
        params: Type.Object({ unitCode: UnitCode }),
        querystring: Type.Object(
          { from: Day('Ngày đầu kỳ / start day'), to: Day('Ngày cuối kỳ / end day'), format: FileFormat },
          { additionalProperties: false },
        ),
        response: { 200: ChangeReport, ...denied, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { from, to, format } = request.query;
      const stats = await changeStatistics(deps.db, { unitCode: request.params.unitCode, from, to });
      const name = fileName('05/TKKK', request.params.unitCode, from, to);
      if (format === 'xlsx') return sendFile(reply, await changesWorkbook(stats), XLSX, `${name}.xlsx`);
      if (format === 'pdf') return sendFile(reply, await changesPdf(stats), 'application/pdf', `${name}.pdf`);
      return stats;
    },
  );

  typed.get(
    '/reports/parcels',
    {
      config: { permission: 'reports.read', unitCode: (request) => (request.query as { unitCode?: string }).unitCode },
      schema: {
        tags,
        summary: 'Trích xuất thửa đất theo điều kiện lọc (bảng, Excel, GeoJSON) / filtered extract of parcels',
        querystring: Type.Object(
          {
            unitCode: UnitCode,
            date: Type.Optional(Day('Đến ngày (mặc định hôm nay) / as of the end of this day')),
            landUseCodes: Type.Optional(Type.String({ pattern: '^[A-Z]{3}(,[A-Z]{3}){0,19}$', description: 'Mã loại đất, cách nhau bởi dấu phẩy (tối đa 20) / land-use codes, comma-separated' })),
            partyKind: Type.Optional(Type.String({ pattern: '^[a-z_]{2,30}$', description: 'Loại người sử dụng đất (party_kind) / party kind' })),
            minArea: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9, description: 'm²' })),
            maxArea: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9, description: 'm²' })),
            limit: Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 100 }),
            offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
            format: Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('geojson')], { default: 'json' }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Union([
            Type.Object({
              unitCode: Type.String(), date: Type.String(), total: Type.Integer(), totalArea: Type.Number(),
              limit: Type.Integer(), offset: Type.Integer(), masked: Type.Boolean({ description: 'Tên người sử dụng bị ẩn / holders\' names withheld' }),
              items: Type.Array(ReportRow),
            }),
            FeatureCollection,
          ]),
          ...denied,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const query = {
        unitCode: q.unitCode, date: q.date ?? todayOf(deps.clock),
        landUseCodes: q.landUseCodes?.split(','), partyKind: q.partyKind, minArea: q.minArea, maxArea: q.maxArea,
      };
      if (q.format === 'geojson') return reply.type('application/geo+json').send(await parcelReportGeoJson(deps.db, query));
      const reader = { actor: request.actor, mayReadPersonal: await allowed(deps, request.auth!, 'cadastre.read_personal', q.unitCode) };
      if (q.format === 'xlsx') return sendFile(reply, await parcelReportWorkbook(deps.db, query, reader), XLSX, `trich-xuat_${q.unitCode}_${query.date}.xlsx`);
      return parcelReport(deps.db, { ...query, limit: q.limit, offset: q.offset }, reader);
    },
  );
}
