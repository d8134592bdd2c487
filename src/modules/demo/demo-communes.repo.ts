// SQL the demo needs to choose where to draw parcels.
import type { Queryable } from '../../db/database.js';

export async function provinceSrid(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ srid: number }>(`select (value #>> '{}')::int as srid from setting where key = 'province.default_srid'`);
  return rows[0]!.srid;
}

export async function hasParcels(db: Queryable): Promise<boolean> {
  const { rows } = await db.query('select 1 from parcel limit 1');
  return rows.length > 0;
}

export interface DemoCommune {
  id: number;
  name: string;
  kind: string;
  srid: number;
  hasParcels: boolean;
}

export async function demoCommunes(db: Queryable, defaultSrid: number): Promise<DemoCommune[]> {
  const { rows } = await db.query<DemoCommune>(
    `select u.id::int, u.kind || ' ' || u.name as name, u.kind, coalesce(u.srid, $1)::int as srid,
            exists (select 1 from parcel p where p.unit_id = u.id) as "hasParcels"
       from admin_unit u
      where u.level = 'commune' and u.boundary is not null
        and not exists (select 1 from admin_unit_succession s where s.successor_id = u.id)
      order by u.code, u.valid_from`,
    [defaultSrid],
  );
  return rows;
}
