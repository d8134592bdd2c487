// The import screen's helpers: the media type a delivery is sent with (the server's upload
// route parses these, issue #6), when the screen keeps polling, and its route.
import { describe, expect, it } from 'vitest';
import { needsSignIn, parseRoute, routeHash } from '../../app/router';
import { deliveryType, isWorking, type ImportBatch } from './imports-api';

describe('import screen helpers (issue #6)', () => {
  it('O11 sends a delivery with the media type of its format', () => {
    expect(deliveryType('giao-nop.ZIP')).toBe('application/zip');
    expect(deliveryType('thua_dat.geojson')).toBe('application/geo+json');
    expect(deliveryType('thua_dat.json')).toBe('application/geo+json');
    expect(deliveryType('thua_dat.gpkg')).toBe('application/geopackage+sqlite3');
    expect(deliveryType('thua_dat.dgn')).toBe('application/octet-stream');
  });

  it('O11 polls while the job loads, stops once the batch is checked or failed', () => {
    const batch = (status: ImportBatch['status']) => ({ status }) as ImportBatch;
    expect(isWorking(batch('uploaded'))).toBe(true);
    expect(isWorking(batch('loading'))).toBe(true);
    expect(isWorking(batch('validated'))).toBe(false);
    expect(isWorking(batch('failed'))).toBe(false);
  });

  it('the screen has its own route, behind the sign-in', () => {
    expect(parseRoute('#/imports')).toEqual({ name: 'imports' });
    expect(routeHash({ name: 'imports' })).toBe('#/imports');
    expect(needsSignIn({ name: 'imports' })).toBe(true);
  });
});
