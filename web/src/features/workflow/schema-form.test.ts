import { describe, expect, it } from 'vitest';
import { fieldValue } from './schema-form';

describe('the electronic form renderer (issue #7 item 1)', () => {
  it('F2 turns field text into the JSON the schema expects: numbers, booleans, empty fields left out', () => {
    expect(fieldValue({ type: 'number' }, '1500000000')).toBe(1_500_000_000);
    expect(fieldValue({ type: 'integer' }, '')).toBeUndefined();
    expect(fieldValue({ type: 'boolean' }, true)).toBe(true);
    expect(fieldValue({ type: 'string', format: 'date' }, '2026-11-24')).toBe('2026-11-24');
  });
});
