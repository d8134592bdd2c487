// The house rules of docs/architecture.md, checked on every run: modules reach each
// other only through index.ts, only route files know Fastify, only config/ reads the
// environment, and SQL stays in repos and migrations.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'data' ? [] : sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

const files = sourceFiles(SRC).map((file) => ({ file: path.relative(SRC, file), text: fs.readFileSync(file, 'utf8') }));
const imports = (text: string) => [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

describe('architecture rules', () => {
  it('a module imports another module only through its index.ts', () => {
    const offenders: string[] = [];
    for (const { file, text } of files) {
      const own = /^modules\/([^/]+)\//.exec(file)?.[1];
      for (const spec of imports(text).filter((s) => s.startsWith('.'))) {
        const target = path.relative(SRC, path.resolve(SRC, path.dirname(file), spec));
        const other = /^modules\/([^/]+)\/(.+)$/.exec(target);
        if (other && other[1] !== own && other[2] !== 'index.js') offenders.push(`${file} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('only route files, http/ and app.ts know Fastify', () => {
    const offenders = files
      .filter(({ text }) => imports(text).some((s) => s === 'fastify' || s.startsWith('@fastify/')))
      .map(({ file }) => file)
      .filter((file) => !file.endsWith('.routes.ts') && !file.startsWith('http/') && file !== 'app.ts');
    expect(offenders).toEqual([]);
  });

  it('only config/ reads environment variables (CLI entry points aside)', () => {
    const offenders = files
      .filter(({ text }) => /process\.env/.test(text))
      .map(({ file }) => file)
      .filter((file) => !file.startsWith('config/'));
    expect(offenders).toEqual([]);
  });

  it('SQL lives in repos, migrations, the migrator and the drivers', () => {
    const sql = /\b(select|insert into|update|delete from)\b[^`'\n]*\b(from|set|values|where)\b/i;
    const offenders = files
      .filter(({ file, text }) => /modules\//.test(file) && !/\.repo\.ts$/.test(file) && sql.test(text.replace(/^\s*(\/\/|\*).*$/gm, '')))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });
});
