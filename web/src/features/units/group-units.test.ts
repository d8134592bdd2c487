import { describe, expect, it } from 'vitest';
import type { AdminUnit } from '../../api';
import { groupCommunesByParent } from './group-units';

const unit = (code: string, level: AdminUnit['level'], kind: string, name: string, parentCode: string | null): AdminUnit => ({
  code, level, kind, name, parentCode, validFrom: '2020-01-01', validTo: null, parcelCount: 0,
});

describe('grouping communes for the unit picker', () => {
  it('groups by district, sorted by Vietnamese name, unknown parents last', () => {
    const parents = [unit('690', 'district', 'Huyện', 'Bù Đăng', '70'), unit('689', 'district', 'Thành phố', 'Đồng Xoài', '70')];
    const communes = [
      unit('25200', 'commune', 'Xã', 'Tiến Hưng', '689'),
      unit('25195', 'commune', 'Phường', 'Tân Phú', '689'),
      unit('25300', 'commune', 'Xã', 'Đăk Nhau', '690'),
      unit('25999', 'commune', 'Xã', 'Mồ Côi', '999'),
    ];
    const groups = groupCommunesByParent(communes, parents);
    expect(groups.map((g) => [g.label, g.units.map((u) => u.name)])).toEqual([
      ['Huyện Bù Đăng', ['Đăk Nhau']],
      ['Thành phố Đồng Xoài', ['Tân Phú', 'Tiến Hưng']],
      [null, ['Mồ Côi']],
    ]);
  });

  it('groups under the province once districts are gone (2025 reform)', () => {
    const groups = groupCommunesByParent([unit('25195', 'commune', 'Phường', 'Bình Phước', '75')], [unit('75', 'province', 'Tỉnh', 'Đồng Nai', null)]);
    expect(groups.map((g) => g.label)).toEqual(['Tỉnh Đồng Nai']);
  });
});
