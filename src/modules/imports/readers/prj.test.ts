import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { srsFromPrj, VN2000_TM3_ZONES } from './prj.js';

const projinfo = (code: number, format: string) => execFileSync('projinfo', [`EPSG:${code}`, '-o', format, '--single-line', '-q'], { encoding: 'utf8' }).trim();

describe('.prj → EPSG code (issue #6 item 1)', () => {
  it('O11 recognises every VN-2000 TM-3 zone as ESRI writes it (no AUTHORITY, no TOWGS84), as PROJ writes it', () => {
    for (const [, code] of VN2000_TM3_ZONES) {
      expect(srsFromPrj(projinfo(code, 'WKT1_ESRI'))).toBe(code);
      expect(srsFromPrj(projinfo(code, 'WKT1_GDAL'))).toBe(code);
    }
  });

  it('O11 reads a MapInfo-style VN-2000 .prj with TOWGS84 and odd names', () => {
    const prj = 'PROJCS["VN_2000_Binh_Phuoc",GEOGCS["GCS_VN-2000",DATUM["Hanoi_2000",SPHEROID["WGS 84",6378137,298.257223563],TOWGS84[-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",106.25],PARAMETER["scale_factor",0.9999],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["Meter",1]]';
    expect(srsFromPrj(prj)).toBe(9212);
  });

  it('O11 reads WGS 84 and UTM, and gives null for a system it cannot tell', () => {
    expect(srsFromPrj(projinfo(4326, 'WKT1_ESRI'))).toBe(4326);
    expect(srsFromPrj(projinfo(32648, 'WKT1_ESRI'))).toBe(32648);
    expect(srsFromPrj(projinfo(3405, 'WKT1_GDAL'))).toBe(3405);
    expect(srsFromPrj('PROJCS["x",GEOGCS["y",DATUM["z",SPHEROID["s",1,1]]],PROJECTION["Lambert_Conformal_Conic"]]')).toBeNull();
  });
});
