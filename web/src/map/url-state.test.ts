import { describe, expect, it } from 'vitest';
import { formatUrlState, parseUrlState } from './url-state';

describe('map state in the URL hash', () => {
  it('round-trips camera, unit and parcel', () => {
    const state = {
      camera: { zoom: 17.25, lat: 11.499185, lon: 106.882883 },
      unitCode: '25195',
      parcel: { unitCode: '25198', sheetNumber: 12, parcelNumber: 345 },
      mapDate: null,
    };
    const hash = formatUrlState(state);
    expect(hash).toBe('#map=17.25/11.499185/106.882883&unit=25195&parcel=25198/12/345');
    expect(parseUrlState(hash)).toEqual(state);
  });

  it('accepts a hand-written link with short numbers and percent-encoding', () => {
    expect(parseUrlState('#map=9/11.8/106.9&parcel=25195%2F1%2F7')).toEqual({
      camera: { zoom: 9, lat: 11.8, lon: 106.9 },
      unitCode: null,
      parcel: { unitCode: '25195', sheetNumber: 1, parcelNumber: 7 },
      mapDate: null,
    });
  });

  it('drops malformed parts instead of failing', () => {
    expect(parseUrlState('#map=abc/1/2&unit=<script>&parcel=25195/0/3')).toEqual({
      camera: null,
      unitCode: null,
      parcel: null,
      mapDate: null,
    });
    expect(parseUrlState('#map=30/11/106')).toMatchObject({ camera: null });
    expect(parseUrlState('')).toEqual({ camera: null, unitCode: null, parcel: null, mapDate: null });
    expect(formatUrlState({ camera: null, unitCode: null, parcel: null, mapDate: null })).toBe('');
  });

  it('S-PORTAL keeps the "map as of" date, and drops a date that is not a real day', () => {
    const state = { camera: { zoom: 16, lat: 11.5, lon: 106.9 }, unitCode: '25195', parcel: null, mapDate: '2019-07-14' };
    const hash = formatUrlState(state);
    expect(hash).toBe('#map=16.00/11.500000/106.900000&unit=25195&date=2019-07-14');
    expect(parseUrlState(hash)).toEqual(state);
    expect(parseUrlState('#date=2019-02-30').mapDate).toBeNull();
    expect(parseUrlState('#date=14/07/2019').mapDate).toBeNull();
  });
});
