import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { breakingChanges } from './contract.js';
import { PUBLISHED, publishedSchema } from './share-schemas.js';

// The published v1 exchange structures are frozen (S-SHARE, issue #11 must-show): the
// snapshot below was taken when v1 was published. A v1 schema may gain optional fields;
// removing or retyping a field fails here, and belongs in a v2 served beside v1.
// Never regenerate the snapshot to make this pass.
const snapshot = JSON.parse(fs.readFileSync(new URL('./contracts/v1.snapshot.json', import.meta.url), 'utf8')) as Record<string, Parameters<typeof breakingChanges>[0]>;

describe('S-SHARE published contract: v1 exchange structures are frozen', () => {
  it.each(Object.keys(snapshot))('S-SHARE %s v1 is still published without a breaking change', (code) => {
    const current = PUBLISHED.find((p) => p.code === code && p.version === 1);
    expect(current, `${code} v1 is no longer published`).toBeDefined();
    expect(breakingChanges(snapshot[code]!, publishedSchema(current!) as never)).toEqual([]);
  });

  it('S-SHARE every published v1 service is in the snapshot (a new service is frozen when published)', () => {
    expect(PUBLISHED.filter((p) => p.version === 1).map((p) => p.code).sort()).toEqual(Object.keys(snapshot).sort());
  });

  // the rule itself, on the real parcel-info schema: each kind of change it must catch
  const base = () => JSON.parse(JSON.stringify(snapshot['parcel-info'])) as {
    definitions: { request: { properties: Record<string, unknown>; required: string[] }; response: { properties: Record<string, { properties: Record<string, unknown>; required: string[] } & Record<string, unknown>>; required: string[] } };
  };

  it('S-SHARE catches a response field removed, retyped or made optional', () => {
    const removed = base();
    delete removed.definitions.response.properties.parcel!.properties.officialArea;
    expect(breakingChanges(snapshot['parcel-info']!, removed as never)).toEqual(['response/parcel/officialArea: removed']);
    const retyped = base();
    retyped.definitions.response.properties.parcel!.properties.sheetNumber = { type: 'string' };
    expect(breakingChanges(snapshot['parcel-info']!, retyped as never)).toEqual(['response/parcel/sheetNumber: type integer → string']);
    const optional = base();
    optional.definitions.response.required = optional.definitions.response.required.filter((r) => r !== 'masked');
    expect(breakingChanges(snapshot['parcel-info']!, optional as never)).toEqual(['response/masked: no longer always present']);
  });

  it('S-SHARE catches a request field newly required; an added optional response field is not breaking', () => {
    const required = base();
    required.definitions.request.properties.purpose = { type: 'string' };
    required.definitions.request.required.push('purpose');
    expect(breakingChanges(snapshot['parcel-info']!, required as never)).toEqual(['request/purpose: newly required']);
    const added = base();
    added.definitions.response.properties.parcel!.properties.landValueZone = { type: 'string' };
    expect(breakingChanges(snapshot['parcel-info']!, added as never)).toEqual([]);
  });
});
