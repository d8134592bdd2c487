// The server's signing keys (ES256) for consumer access tokens and exchange receipts.
// Given by LIS_SHARING_SIGNING_KEY (a private JWK, or a JSON array of them, newest
// first) or generated at first use into <keysDir>/signing-keys.json. Rotation without
// downtime: the newest key signs; the older ones stay in the key set (public parts at
// /share/.well-known/jwks.json), so tokens signed before the rotation verify until they
// expire and receipts stay verifiable. A process that meets an unknown key id reloads
// the key set once, so a key rotated by another process is picked up without a restart.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export const SIGNING_ALG = 'ES256';
const FILE = 'signing-keys.json';
const RELOAD_AT_MOST_EVERY_MS = 10_000;

interface StoredKey {
  kid: string;
  createdAt: string;
  /** when a newer key took over; still verifies */
  retiredAt: string | null;
  privateJwk: JWK;
}

export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

export interface KeyRing {
  /** the key that signs now */
  current(): Promise<SigningKey>;
  /** the verification key of a key id, reloading the set once when the id is unknown */
  verificationKey(kid: string | undefined): Promise<CryptoKey | undefined>;
  /** the public key set (JWKS) */
  jwks(): Promise<{ keys: JWK[] }>;
  /** a new signing key; the current one keeps verifying (only for generated key files) */
  rotate(now: Date): Promise<string>;
}

export interface KeyRingOptions {
  /** LIS_SHARING_SIGNING_KEY */
  given: string | undefined;
  keysDir: string;
}

async function newKey(now: Date): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  return { kid: await calculateJwkThumbprint(privateJwk), createdAt: now.toISOString(), retiredAt: null, privateJwk };
}

function parseGiven(given: string): StoredKey[] {
  const parsed: unknown = JSON.parse(given);
  const jwks = (Array.isArray(parsed) ? parsed : [parsed]) as JWK[];
  if (jwks.length === 0 || jwks.some((k) => k.kty !== 'EC' || k.crv !== 'P-256' || !k.d)) {
    throw new Error('LIS_SHARING_SIGNING_KEY must be a private EC P-256 JWK (or an array of them, newest first)');
  }
  return jwks.map((jwk, i) => ({ kid: jwk.kid ?? '', createdAt: '', retiredAt: i === 0 ? null : '', privateJwk: jwk }));
}

async function writeAtomically(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${crypto.randomUUID()}.tmp`;
  await fs.writeFile(temporary, content, { mode: 0o600 });
  await fs.rename(temporary, file);
}

export function createKeyRing(options: KeyRingOptions, clock: { now(): Date }): KeyRing {
  const file = path.join(options.keysDir, FILE);
  let loaded: Promise<Array<StoredKey & { key: CryptoKey; publicJwk: JWK }>> | undefined;
  let loadedAt = 0;

  async function readStored(): Promise<StoredKey[]> {
    if (options.given) return parseGiven(options.given);
    try {
      return JSON.parse(await fs.readFile(file, 'utf8')) as StoredKey[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const first = [await newKey(clock.now())];
      // another process may have written it meanwhile: keep theirs (link fails if present)
      const temporary = `${file}.${crypto.randomUUID()}.tmp`;
      await fs.mkdir(options.keysDir, { recursive: true, mode: 0o700 });
      await fs.writeFile(temporary, JSON.stringify(first, null, 2), { mode: 0o600 });
      try {
        await fs.link(temporary, file);
      } catch (linkError) {
        if ((linkError as NodeJS.ErrnoException).code !== 'EEXIST') throw linkError;
      } finally {
        await fs.unlink(temporary);
      }
      return JSON.parse(await fs.readFile(file, 'utf8')) as StoredKey[];
    }
  }

  async function load() {
    const stored = await readStored();
    return Promise.all(stored.map(async (s) => {
      const kid = s.kid || (await calculateJwkThumbprint(s.privateJwk));
      const { d: _d, ...publicJwk } = s.privateJwk;
      return { ...s, kid, key: (await importJWK({ ...s.privateJwk, alg: SIGNING_ALG }, SIGNING_ALG)) as CryptoKey, publicJwk: { ...publicJwk, kid, alg: SIGNING_ALG, use: 'sig' } };
    }));
  }
  const keys = () => {
    if (!loaded) {
      loaded = load();
      loadedAt = Date.now();
      loaded.catch(() => (loaded = undefined));
    }
    return loaded;
  };

  return {
    async current() {
      const [newest] = await keys();
      return { kid: newest!.kid, key: newest!.key };
    },
    async verificationKey(kid) {
      if (!kid) return undefined;
      let found = (await keys()).find((k) => k.kid === kid);
      if (!found && Date.now() - loadedAt > RELOAD_AT_MOST_EVERY_MS) {
        loaded = undefined;
        found = (await keys()).find((k) => k.kid === kid);
      }
      if (!found) return undefined;
      // verify with the public part only
      const { d: _d, ...publicJwk } = found.privateJwk;
      return (await importJWK({ ...publicJwk, alg: SIGNING_ALG }, SIGNING_ALG)) as CryptoKey;
    },
    async jwks() {
      return { keys: (await keys()).map((k) => k.publicJwk) };
    },
    async rotate(now) {
      if (options.given) throw new Error('the signing keys come from LIS_SHARING_SIGNING_KEY: rotate them there (new key first, old one second)');
      const stored = await readStored();
      const next = await newKey(now);
      const kept = stored.map((s) => (s.retiredAt ? s : { ...s, retiredAt: now.toISOString() }));
      await writeAtomically(file, JSON.stringify([next, ...kept], null, 2));
      loaded = undefined;
      return next.kid;
    },
  };
}
