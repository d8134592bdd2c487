import { describe, expect, it } from 'vitest';
import { en } from './en';
import { viAccounts } from './vi-accounts';
import { viAuth } from './vi-auth';
import { viOversight } from './vi-oversight';
import { vi } from './vi';
import { viRecords } from './vi-records';
import { viPlanning } from './vi-planning';
import { viMap } from './vi-map';
import { viPrices } from './vi-prices';
import { viDocuments } from './vi-documents';
import { viStatistics } from './vi-statistics';

describe('dictionaries', () => {
  it('give every key in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of [...Object.entries(vi), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('keep each key in one part only (a later part would silently win)', () => {
    const parts = [viAuth, viAccounts, viOversight, viRecords, viPlanning, viMap, viPrices, viDocuments, viStatistics].map((part) => Object.keys(part));
    const all = parts.flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('use the same {placeholders} in both languages', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) expect(names(en[key]), key).toEqual(names(vi[key]));
  });
});
