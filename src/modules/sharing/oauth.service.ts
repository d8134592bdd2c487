// OAuth 2.0 client credentials grant (RFC 6749 §4.4) for consumers: a client id and one
// of its active secrets (argon2id-hashed) buy a short-lived JWT access token (RFC 9068
// claims) signed ES256 by the server's key ring. The consumer's status, validity and
// grants are checked again on every call, so a suspension stops a token at once.
import crypto from 'node:crypto';
import argon2 from 'argon2';
import { jwtVerify, SignJWT, decodeProtectedHeader } from 'jose';
import type { Queryable } from '../../db/database.js';
import { activeSecretHashes, consumerByClientId, type Consumer } from './consumers.repo.js';
import { ARGON2_OPTIONS } from './consumers.service.js';
import { SIGNING_ALG, type KeyRing } from './signing-keys.js';

export const TOKEN_ISSUER = 'lis';
export const TOKEN_AUDIENCE = 'lis-share';

/** RFC 6749 §5.2 error codes. */
export class OAuthError extends Error {
  constructor(readonly error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope', readonly description: string) {
    super(description);
  }
}

// verifying against a real hash for an unknown client keeps the timing equal
const DUMMY_HASH = argon2.hash('không có bên khai thác này', ARGON2_OPTIONS);

/** Is the consumer allowed to call at all now (status and validity of its decision)? */
export function consumerActive(consumer: Consumer, now: Date): boolean {
  return consumer.status === 'active' && new Date(consumer.validFrom) <= now && (consumer.validTo === null || new Date(consumer.validTo) > now);
}

export async function issueToken(
  deps: { db: Queryable; clock: { now(): Date }; keys: KeyRing; ttlSeconds: number },
  clientId: string,
  clientSecret: string,
  scope: string | undefined,
): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }> {
  const consumer = /^[a-z0-9][a-z0-9._-]{2,63}$/.test(clientId) ? await consumerByClientId(deps.db, clientId) : undefined;
  const hashes = consumer ? await activeSecretHashes(deps.db, consumer.id) : [];
  let matched = false;
  for (const { hash } of hashes) if (await argon2.verify(hash, clientSecret)) matched = true;
  if (hashes.length === 0) await argon2.verify(await DUMMY_HASH, clientSecret);
  const now = deps.clock.now();
  if (!consumer || !matched || !consumerActive(consumer, now)) throw new OAuthError('invalid_client', 'Client authentication failed');
  const requested = scope ? scope.split(' ').filter(Boolean) : consumer.services;
  const refused = requested.filter((s) => !consumer.services.includes(s));
  if (refused.length > 0) throw new OAuthError('invalid_scope', `Not granted: ${refused.join(' ')}`);
  const { kid, key } = await deps.keys.current();
  const iat = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ scope: requested.join(' '), client_id: consumer.clientId })
    .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: 'at+jwt' })
    .setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setSubject(consumer.clientId)
    .setIssuedAt(iat).setExpirationTime(iat + deps.ttlSeconds).setJti(crypto.randomUUID())
    .sign(key);
  return { access_token: token, token_type: 'Bearer', expires_in: deps.ttlSeconds, scope: requested.join(' ') };
}

/** The client id and scopes of a valid token, or undefined (bad signature, expired, another audience). */
export async function verifyToken(keys: KeyRing, token: string, now: Date): Promise<{ clientId: string; scopes: string[] } | undefined> {
  try {
    const { kid } = decodeProtectedHeader(token);
    const key = await keys.verificationKey(kid);
    if (!key) return undefined;
    const { payload } = await jwtVerify(token, key, {
      issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms: [SIGNING_ALG], currentDate: now, typ: 'at+jwt',
    });
    if (typeof payload.sub !== 'string' || typeof payload.scope !== 'string') return undefined;
    return { clientId: payload.sub, scopes: payload.scope.split(' ') };
  } catch {
    return undefined;
  }
}
