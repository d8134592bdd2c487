import { describe, expect, it } from 'vitest';
import { characterClasses, checkPassword } from './password-policy';

const met = (password: string, personal = { username: 'nguyenvana' }) =>
  Object.fromEntries(checkPassword(password, personal).map((check) => [check.rule, check.met]));

describe('A7 password policy hints', () => {
  it('counts lower case, upper case, digits and symbols, Vietnamese letters included', () => {
    expect(characterClasses('abc')).toBe(1);
    expect(characterClasses('Đất-đai')).toBe(3);
    expect(characterClasses('aB3!')).toBe(4);
  });

  it('lights the rules a password meets', () => {
    expect(met('')).toEqual({ length: null, classes: null, personal: null });
    expect(met('ngan')).toEqual({ length: false, classes: false, personal: true });
    expect(met('Mat-khau-moi-2026')).toEqual({ length: true, classes: true, personal: true });
    expect(met('NguyenVanA-2026!')).toEqual({ length: true, classes: true, personal: false });
    expect(met('Nguyễn-Văn-A-2026', { username: 'nguyen' })).toEqual({ length: true, classes: true, personal: false });
  });
});
