// S-STAT pure rules, worked by hand: the user/manager columns, the roll-up of the code
// hierarchy, the residuals of the change matrix, the dates and the hectares of the forms.
import { describe, expect, it } from 'vitest';
import { changeMatrix, endOfDay, hectares, landUseRows, userColumnOf, userRows, vietnameseDate, type LandUseCodeRow } from './statistics-forms.js';

const code = (c: string, group: string, parent: string | null, name = c): LandUseCodeRow => ({ code: c, groupCode: group, parentCode: parent, nameVi: name, nameEn: name });
const CODES = [
  code('NNP', 'NNP', null), code('PNN', 'PNN', null), code('CSD', 'CSD', null),
  code('LUA', 'NNP', 'NNP'), code('LUC', 'NNP', 'LUA'), code('LUK', 'NNP', 'LUA'), code('CLN', 'NNP', 'NNP'),
  code('OTC', 'PNN', 'PNN'), code('ONT', 'PNN', 'OTC'), code('BCS', 'CSD', 'CSD'),
];

describe('S-STAT columns of users and managers', () => {
  it('puts each party kind under use or management in one column, and says so when it cannot', () => {
    expect(userColumnOf('individual', false)).toBe('CNV');
    expect(userColumnOf('household', false)).toBe('CNV');
    expect(userColumnOf('state', true)).toBe('TCQ');
    expect(userColumnOf('state', false)).toBe('TSN');
    expect(userColumnOf('religious', true)).toBe('KXD');
    expect(userColumnOf(null, false)).toBe('CGD');
  });
});

describe('S-STAT roll-up of the land-use hierarchy (form 01/TKKK)', () => {
  const rows = landUseRows(CODES, [
    { code: 'LUC', partyKind: 'individual', managed: false, childUnitId: null, area: 1000 },
    { code: 'LUK', partyKind: 'organisation', managed: false, childUnitId: null, area: 500 },
    { code: 'CLN', partyKind: 'state', managed: true, childUnitId: null, area: 250 },
    { code: 'ONT', partyKind: 'individual', managed: false, childUnitId: null, area: 300 },
    { code: 'ONT', partyKind: null, managed: false, childUnitId: null, area: 20 },
  ]);
  const row = (c: string) => rows.find((r) => r.code === c)!;

  it('adds sub-codes into codes and codes into groups, in the order of the form', () => {
    expect(rows.map((r) => r.code)).toEqual(['NNP', 'LUA', 'LUC', 'LUK', 'CLN', 'PNN', 'OTC', 'ONT', 'CSD', 'BCS']);
    expect(row('LUA').total).toBe(1500);
    expect(row('NNP').total).toBe(1750);
    expect(row('PNN').total).toBe(320);
    expect(row('CSD').total).toBe(0);
    expect(rows.map((r) => r.depth)).toEqual([0, 1, 2, 2, 1, 0, 1, 2, 0, 1]);
  });

  it('fills the columns and their subtotals', () => {
    expect(row('NNP').byUser).toMatchObject({ CNV: 1000, TKT: 500, TCN: 500, NSD: 1500, TCQ: 250, NQL: 250, CGD: 0 });
    expect(row('ONT').byUser).toMatchObject({ CNV: 300, CGD: 20, NSD: 300 });
    const users = userRows(rows);
    expect(users.find((u) => u.code === 'NSD')).toMatchObject({ byGroup: { NNP: 1500, PNN: 300, CSD: 0 }, total: 1800 });
    expect(users.find((u) => u.code === 'CGD')!.total).toBe(20);
  });

  it('refuses a code that is not in the list rather than dropping its area', () => {
    expect(() => landUseRows(CODES, [{ code: 'XYZ', partyKind: null, managed: false, childUnitId: null, area: 1 }])).toThrow(/XYZ/);
  });
});

describe('S-STAT change matrix residuals (form 05/TKKK)', () => {
  it('a purpose change moves area off the diagonal; a split\'s measurement difference is a residual; margins hold', () => {
    // CLN 1000 of which 100 became ONT; a split of a 500 m² LUC parcel into 249.9 + 250.0
    const m = changeMatrix(
      [{ from: 'CLN', to: 'CLN', area: 900 }, { from: 'CLN', to: 'ONT', area: 100 }, { from: 'LUC', to: 'LUC', area: 499.9 }],
      { CLN: 1000, LUC: 500 },
      { CLN: 900, ONT: 100, LUC: 499.9 },
    );
    expect(m.codes).toEqual(['LUC', 'CLN', 'ONT']);
    expect(m.changedArea).toBe(100);
    expect(m.notCarried).toEqual({ LUC: expect.closeTo(0.1, 9), CLN: 0, ONT: 0 });
    expect(m.newArea).toEqual({ LUC: 0, CLN: 0, ONT: 0 });
  });

  it('a parcel that appears only at the end is new area, one that ends without successor is not carried', () => {
    const m = changeMatrix([], { BCS: 300 }, { ONT: 120 });
    expect(m.notCarried.BCS).toBe(300);
    expect(m.newArea.ONT).toBe(120);
  });
});

describe('S-STAT dates and units of the forms', () => {
  it('reads the record at the end of the day in Việt Nam, writes dates and hectares as the forms do', () => {
    expect(endOfDay('2024-12-31').toISOString()).toBe('2024-12-31T17:00:00.000Z');
    expect(vietnameseDate('2024-12-31')).toBe('31/12/2024');
    expect(hectares(12_345.6)).toBe(1.23);
    expect(hectares(12_355)).toBe(1.24);
  });
});
