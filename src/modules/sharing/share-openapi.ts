// The OpenAPI 3.0 document of /share (what the national platform and the provincial LGSP
// publish of our services): built from the published schemas, so the two never differ.
import { PUBLISHED, publishedSchema } from './share-schemas.js';

interface Operation {
  path: string;
  code: string;
  summary: string;
  params: string[];
  query: string[];
  /** POST with the request schema as a JSON body (ID numbers never in URLs) */
  body?: boolean;
}

const OPERATIONS: Operation[] = [
  { path: '/parcels/{unitCode}/{sheetNumber}/{parcelNumber}', code: 'parcel-info', summary: 'Thông tin thửa đất / parcel information', params: ['unitCode', 'sheetNumber', 'parcelNumber'], query: [] },
  { path: '/parcels/by-code/{nationalCode}', code: 'parcel-info', summary: 'Thông tin thửa đất theo mã định danh / parcel by national code', params: ['nationalCode'], query: [] },
  { path: '/parcels/{unitCode}/{sheetNumber}/{parcelNumber}/planning', code: 'parcel-planning', summary: 'Quy hoạch của thửa đất / planning of a parcel', params: ['unitCode', 'sheetNumber', 'parcelNumber'], query: ['date'] },
  { path: '/parcels/{unitCode}/{sheetNumber}/{parcelNumber}/price', code: 'parcel-price', summary: 'Giá đất của thửa đất / land price of a parcel', params: ['unitCode', 'sheetNumber', 'parcelNumber'], query: ['date'] },
  { path: '/certificates/{serial}', code: 'certificate-status', summary: 'Tình trạng Giấy chứng nhận / certificate status', params: ['serial'], query: [] },
  { path: '/parcels/search', code: 'holder-parcels', summary: 'Thửa đất theo số giấy tờ của người sử dụng đất / parcels by a land user\'s ID number', params: [], query: [], body: true },
  { path: '/ioc/indicators', code: 'ioc-indicators', summary: 'Chỉ tiêu cho IOC / indicators for the operations centre', params: [], query: ['from', 'to'] },
  { path: '/changes', code: 'parcel-changes', summary: 'Biến động đất đai từ một ngày / land changes since a date', params: [], query: ['since', 'cursor', 'limit'] },
  { path: '/statistics/{unitCode}', code: 'unit-statistics', summary: 'Thống kê đất đai 01/TKKK / land statistics', params: ['unitCode'], query: ['date'] },
];

const error = { description: 'Lỗi / error: { error: { code, message: { vi, en }, details }, requestId }' };
const XROAD_HEADERS = [
  { name: 'X-Road-Client', in: 'header', required: false, description: 'Hệ thống gọi trên nền tảng (INSTANCE/CLASS/MEMBER/SUBSYSTEM) / calling subsystem', schema: { type: 'string', maxLength: 200 } },
  { name: 'X-Road-UserId', in: 'header', required: false, description: 'Người dùng cuối / end user', schema: { type: 'string', maxLength: 200 } },
  { name: 'X-Road-Issue', in: 'header', required: false, description: 'Số hồ sơ, vụ việc / case number', schema: { type: 'string', maxLength: 200 } },
];

export function shareOpenApi(version: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const op of OPERATIONS) {
    const published = PUBLISHED.find((p) => p.code === op.code && p.version === version);
    if (!published) continue;
    const schema = publishedSchema(published) as { definitions: { request: { properties?: Record<string, unknown> }; response: unknown } };
    const property = (name: string) => schema.definitions.request.properties?.[name] ?? { type: 'string' };
    paths[`/share/v${version}${op.path}`] = {
      [op.body ? 'post' : 'get']: {
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema.definitions.request } } } } : {}),
        operationId: `${op.code}-v${version}${op.path.includes('by-code') ? '-by-code' : ''}`,
        summary: op.summary,
        security: [{ consumerToken: [op.code] }],
        parameters: [
          ...op.params.map((name) => ({ name, in: 'path', required: true, schema: property(name) })),
          ...op.query.map((name) => ({ name, in: 'query', required: false, schema: property(name) })),
          ...XROAD_HEADERS,
        ],
        responses: {
          200: {
            description: `Cấu trúc ${op.code} v${version}; biên nhận ký số ở tiêu đề X-Lis-Receipt / signed receipt in X-Lis-Receipt`,
            content: { 'application/json': { schema: schema.definitions.response } },
          },
          400: error, 401: error, 403: error, 404: error, 410: error, 429: error,
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Chia sẻ dữ liệu đất đai — Land data sharing services',
      version: `${version}`,
      description: 'Dịch vụ chia sẻ mặc định (S-SHARE). Xác thực: OAuth 2.0 client credentials tại /oauth/token. / Default sharing services; authenticate with OAuth 2.0 client credentials at /oauth/token.',
    },
    components: {
      securitySchemes: {
        consumerToken: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: Object.fromEntries(PUBLISHED.map((p) => [p.code, p.code])) } } },
      },
    },
    paths,
  };
}
