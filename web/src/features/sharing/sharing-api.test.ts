// The data sharing screen's helpers (issue #11; S-SHARE, O5).
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../app/router';
import { consumerChange, type Consumer } from './sharing-api';

const consumer: Consumer = {
  id: '7d3c4a0e-1f7e-4d55-9a51-0c0d3f1b2a11', clientId: 'cuc-thue', agency: 'Cục Thuế tỉnh Đồng Nai',
  contact: { name: 'Lê Văn Thuế', email: null, phone: null }, decision: { number: '123/QĐ-STNMT', date: '2026-10-01', issuer: 'Sở NN&MT' },
  services: ['parcel-info'], unitCodes: ['25195'], personalData: false, ratePerMinute: 60, validFrom: '2026-10-01T00:00:00.000Z', validTo: null, status: 'active',
};

describe('data sharing screen helpers (S-SHARE, O5)', () => {
  it('S-SHARE suspending keeps the grant and sends only what the server accepts (no id or clientId)', () => {
    const body = consumerChange(consumer, 'suspended');
    expect(body).toMatchObject({ status: 'suspended', services: ['parcel-info'], unitCodes: ['25195'], decision: consumer.decision });
    expect(Object.keys(body)).not.toContain('id');
    expect(Object.keys(body)).not.toContain('clientId');
  });

  it('S-SHARE the screen has its own route', () => {
    expect(parseRoute('#/sharing')).toEqual({ name: 'sharing' });
    expect(routeHash({ name: 'sharing' })).toBe('#/sharing');
  });
});
