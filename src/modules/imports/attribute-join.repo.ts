// Attribute tables (CSV / Excel) joined to the staged features by unit + sheet + parcel
// (issue #6 item 1). Their rows are staged as read (import_attribute_row); the join runs
// first in the validation, so its outcome is checked by every rule after it:
//   attributes.duplicate (error)   two rows of the tables with the same key: both lines named
//   (join)                         the first row of a key fills or overrides the feature's
//                                  mapped columns and adds its columns to the attributes
//   attributes.unmatched (warning) a row no staged feature has the key of (declared, unused)
// A row's unit code (MAXA) must be the feature's own (MAXA) or, when the feature has none,
// the batch's unit; a row without a unit code matches on sheet + parcel alone.
import type { Queryable } from '../../db/database.js';

export interface AttributeRow {
  fileName: string;
  line: number;
  unitCode: string | null;
  sheet: number | null;
  parcel: number | null;
  landUse: string | null;
  origin: string | null;
  area: number | null;
  address: string | null;
  /** JSON of the non-empty columns */
  attributes: string;
}

export async function clearAttributeRows(db: Queryable, batchId: string): Promise<void> {
  await db.query('delete from import_attribute_row where batch_id = $1::uuid', [batchId]);
}

export async function insertAttributeRows(db: Queryable, batchId: string, rows: AttributeRow[]): Promise<void> {
  const col = <K extends keyof AttributeRow>(k: K) => rows.map((r) => r[k]);
  await db.query(
    `insert into import_attribute_row (batch_id, file_name, line, unit_code, sheet_number, parcel_number, land_use_code, origin_code, declared_area, address, attributes)
     select $1::uuid, t.f, t.l, t.u, t.s, t.p, t.luc, t.o, t.a, t.addr, t.attrs::jsonb
       from unnest($2::text[], $3::int[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::numeric[], $10::text[], $11::text[])
            as t(f, l, u, s, p, luc, o, a, addr, attrs)`,
    [batchId, col('fileName'), col('line'), col('unitCode'), col('sheet'), col('parcel'), col('landUse'), col('origin'), col('area'), col('address'), col('attributes')],
  );
}

const INSERT = 'insert into import_finding (batch_id, attempt, rule, severity, source_index, field, message_vi, message_en, location, details)';

/** Does a staged feature f carry the key of a table row r ($3: the feature's unit field, $4: the batch's unit code). */
const MATCHES = `f.batch_id = r.batch_id and f.sheet_number = r.sheet_number and f.parcel_number = r.parcel_number
  and (r.unit_code is null or r.unit_code = coalesce(nullif(trim(f.attributes ->> $3::text), ''), $4::text))`;

export interface JoinContext {
  batchId: string;
  attempt: number;
  unitCode: string;
  /** the feature source's unit field (MAXA), '' when it has none */
  featureUnitField: string;
  /** the tables' parcel number column, named in findings */
  tableKeyField: string;
}

export function joinStatements(c: JoinContext): Array<{ rule: string; sql: string; params: unknown[] }> {
  const p = [c.batchId, c.attempt, c.featureUnitField, c.unitCode, c.tableKeyField];
  const key = (a: string, sheet: string, parcel: string) =>
    `coalesce(${a}.unit_code || ' ', '') || '${sheet} ' || coalesce(${a}.sheet_number::text, '?') || ' ${parcel} ' || coalesce(${a}.parcel_number::text, '?')`;
  return [
    {
      rule: 'attributes.duplicate',
      sql: `with ranked as (select r.*, first_value(r.file_name) over w as first_file, first_value(r.line) over w as first_line, row_number() over w as n
                              from import_attribute_row r where r.batch_id = $1::uuid and r.sheet_number is not null and r.parcel_number is not null
                            window w as (partition by coalesce(r.unit_code, ''), r.sheet_number, r.parcel_number order by r.file_name, r.line))
        ${INSERT} select $1::uuid, $2::int, 'attributes.duplicate', 'error', null, $5::text,
            format('Bảng thuộc tính trùng khóa %s: dòng %s của tệp %s và dòng %s của tệp %s', ${key('x', 'tờ', 'thửa')}, x.first_line, x.first_file, x.line, x.file_name),
            format('Attribute table key %s appears twice: line %s of %s and line %s of %s', ${key('x', 'sheet', 'parcel')}, x.first_line, x.first_file, x.line, x.file_name),
            null, jsonb_build_object('file', x.file_name, 'line', x.line, 'firstFile', x.first_file, 'firstLine', x.first_line)
          from ranked x where x.n > 1 and $3::text is not null and $4::text is not null`,
      params: p,
    },
    {
      rule: 'attributes.join',
      sql: `update import_feature f set
              land_use_code = coalesce(r.land_use_code, f.land_use_code), origin_code = coalesce(r.origin_code, f.origin_code),
              declared_area = coalesce(r.declared_area, f.declared_area), address = coalesce(r.address, f.address),
              attributes = f.attributes || r.attributes
            from (select distinct on (coalesce(unit_code, ''), sheet_number, parcel_number) * from import_attribute_row
                   where batch_id = $1::uuid and sheet_number is not null and parcel_number is not null
                   order by coalesce(unit_code, ''), sheet_number, parcel_number, file_name, line) r
           where f.batch_id = $1::uuid and ${MATCHES} and $2::int > 0 and $5::text is not null`,
      params: p,
    },
    {
      rule: 'attributes.unmatched',
      sql: `${INSERT} select $1::uuid, $2::int, 'attributes.unmatched', 'warning', null, $5::text,
            format('Dòng %s của tệp %s (%s) không khớp thửa nào trong gói dữ liệu', r.line, r.file_name, ${key('r', 'tờ', 'thửa')}),
            format('Line %s of %s (%s) matches no parcel of the delivery', r.line, r.file_name, ${key('r', 'sheet', 'parcel')}),
            null, jsonb_build_object('file', r.file_name, 'line', r.line, 'unitCode', r.unit_code, 'sheetNumber', r.sheet_number, 'parcelNumber', r.parcel_number)
          from import_attribute_row r
         where r.batch_id = $1::uuid and not exists (select 1 from import_feature f where ${MATCHES})`,
      params: p,
    },
  ];
}
