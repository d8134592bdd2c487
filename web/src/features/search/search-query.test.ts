import { describe, expect, it } from 'vitest';
import { buildSearchRequest } from './search-query';

describe('buildSearchRequest', () => {
  it('reads sheet/parcel within the chosen unit', () => {
    expect(buildSearchRequest(' 12 / 345 ', '25201')).toMatchObject({ unitCode: '25201', sheetNumber: 12, parcelNumber: 345 });
  });
  it('reads 9 to 12 digits as an ID number, anything else as a name', () => {
    expect(buildSearchRequest('070195001234', null)).toMatchObject({ idNumber: '070195001234' });
    expect(buildSearchRequest('vo  thi mai', null)).toMatchObject({ name: 'vo thi mai' });
    expect(buildSearchRequest('12345', null)).toMatchObject({ name: '12345' });
  });
  it('needs a criterion', () => {
    expect(buildSearchRequest(' a ', null)).toBeNull();
    expect(buildSearchRequest('', '25201')).toEqual({ unitCode: '25201', limit: 20 });
  });
});
