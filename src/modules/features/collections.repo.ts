// The collections OGC API Features serves, as declarations (SQL pieces and public
// properties): a new spatial layer is a new entry here, not new code. Personal data
// (parties, rights) is never joined in.
import type { CollectionDeclaration } from './features.repo.js';

export const PARCELS: CollectionDeclaration = {
  id: 'parcels',
  title: 'Thửa đất / Cadastral parcels',
  description: 'Thửa đất hiện hành (datetime: các phiên bản có hiệu lực khi đó), chỉ thuộc tính công khai / live parcels (datetime: the versions in force then), public attributes only',
  from: 'parcel p join admin_unit u on u.id = p.unit_id',
  key: { sql: 'p.id', type: 'uuid' },
  geometry4326: 'p.geom_4326',
  storedGeometry: { sql: 'p.geom', srid: 'p.srid' },
  lifespan: { from: 'p.valid_from', to: 'p.valid_to' },
  live: 'p.valid_to is null',
  properties: [
    { name: 'id', sql: 'p.id', type: 'string', description: 'Mã phiên bản thửa / id of this version of the parcel' },
    { name: 'nationalCode', sql: 'p.national_code', type: 'string', description: 'Mã thửa quốc gia / national parcel code' },
    { name: 'unitCode', sql: 'u.code', type: 'string', description: 'Mã đơn vị hành chính khi đo đạc / code of the unit the parcel was surveyed under' },
    { name: 'sheetNumber', sql: 'p.sheet_number', type: 'integer', description: 'Số tờ bản đồ / map sheet number' },
    { name: 'parcelNumber', sql: 'p.parcel_number', type: 'integer', description: 'Số thửa / parcel number' },
    { name: 'landUseCode', sql: 'p.land_use_code', type: 'string', description: 'Mã loại đất / land-use code' },
    { name: 'officialArea', sql: 'p.official_area', type: 'number', description: 'Diện tích pháp lý (m²) / official area (m²)' },
    { name: 'address', sql: 'p.address', type: 'string', description: 'Địa chỉ thửa đất / parcel address' },
    { name: 'validFrom', sql: 'p.valid_from', type: 'string', description: 'Bắt đầu hiệu lực / in force from' },
    { name: 'validTo', sql: 'p.valid_to', type: 'string', description: 'Hết hiệu lực (null: hiện hành) / in force until (null: live)' },
  ],
};

export const ADMIN_UNITS: CollectionDeclaration = {
  id: 'admin-units',
  title: 'Đơn vị hành chính / Administrative units',
  description: 'Đơn vị hành chính hiện hành và ranh giới (datetime: các đơn vị có hiệu lực khi đó) / administrative units in force today and their boundaries (datetime: those in force then)',
  from: 'admin_unit u left join admin_unit pu on pu.id = u.parent_id',
  key: { sql: 'u.id', type: 'bigint' },
  geometry4326: 'u.boundary',
  lifespan: { from: 'u.valid_from', to: 'u.valid_to' },
  live: 'u.valid_to is null',
  properties: [
    { name: 'code', sql: 'u.code', type: 'string', description: 'Mã đơn vị hành chính (GSO) / GSO code' },
    { name: 'name', sql: 'u.name', type: 'string', description: 'Tên / name' },
    { name: 'kind', sql: 'u.kind', type: 'string', description: 'Loại (Tỉnh, Phường, Xã…) / kind' },
    { name: 'level', sql: 'u.level', type: 'string', description: 'Cấp (province, district, commune) / level' },
    { name: 'parentCode', sql: 'pu.code', type: 'string', description: 'Mã đơn vị cấp trên / code of the parent unit' },
    { name: 'validFrom', sql: `to_char(u.valid_from, 'YYYY-MM-DD')`, type: 'string', description: 'Bắt đầu hiệu lực / in force from' },
    { name: 'validTo', sql: `to_char(u.valid_to, 'YYYY-MM-DD')`, type: 'string', description: 'Hết hiệu lực / in force until' },
  ],
};

export const COLLECTIONS: readonly CollectionDeclaration[] = [PARCELS, ADMIN_UNITS];
