// The published-contract rule (S-SHARE: "stable, documented, versioned"): a published
// version of an exchange structure may gain optional fields, nothing else. Breaking a
// consumer is: a response field removed, no longer always present, or retyped; a request
// field removed, retyped, or newly required. Such a change goes to a new version (v2).
type Schema = {
  type?: string | string[];
  const?: unknown;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  definitions?: Record<string, Schema>;
};

function typeOf(s: Schema): string {
  if (s.const !== undefined) return `const ${JSON.stringify(s.const)}`;
  if (s.anyOf) return s.anyOf.map(typeOf).sort().join(' | ');
  if (Array.isArray(s.type)) return [...s.type].sort().join(' | ');
  return s.type ?? 'any';
}

function compare(old: Schema, next: Schema, at: string, side: 'request' | 'response', found: string[]): void {
  if (typeOf(old) !== typeOf(next)) {
    found.push(`${at}: type ${typeOf(old)} → ${typeOf(next)}`);
    return;
  }
  for (const [name, property] of Object.entries(old.properties ?? {})) {
    const kept = next.properties?.[name];
    if (!kept) found.push(`${at}/${name}: removed`);
    else compare(property, kept, `${at}/${name}`, side, found);
  }
  const oldRequired = new Set(old.required ?? []);
  const nextRequired = new Set(next.required ?? []);
  if (side === 'response') {
    for (const name of oldRequired) if (!nextRequired.has(name) && next.properties?.[name]) found.push(`${at}/${name}: no longer always present`);
  } else {
    for (const name of nextRequired) if (!oldRequired.has(name)) found.push(`${at}/${name}: newly required`);
  }
  if (old.items && next.items) compare(old.items, next.items, `${at}[]`, side, found);
  if (old.anyOf && next.anyOf) old.anyOf.forEach((o, i) => compare(o, next.anyOf![i]!, `${at}|${i}`, side, found));
}

/** What in `next` breaks consumers of the published `old` (a schema document with request and response). */
export function breakingChanges(old: Schema, next: Schema): string[] {
  const found: string[] = [];
  for (const side of ['request', 'response'] as const) {
    const o = old.definitions?.[side];
    const n = next.definitions?.[side];
    if (o && !n) found.push(`${side}: removed`);
    else if (o && n) compare(o, n, side, side, found);
  }
  return found;
}
