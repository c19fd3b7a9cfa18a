import { generateKeyPairSync, createVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../core/errors.ts';
import { collectorContract } from '../contract.ts';
import { drive, testDeps } from '../search-testkit.ts';
import googleplay from './index.ts';
import { signAssertion } from './token.ts';

const fixture = (f: string) => readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8');
const TOKEN = 'https://oauth2.googleapis.com';
const API = 'https://androidpublisher.googleapis.com';
// A throwaway key made for this test file; the token endpoint below checks signatures with its public half.
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const serviceAccount = JSON.stringify({
  type: 'service_account', project_id: 'acme', private_key_id: 'k1', client_email: 'earshot@acme.iam.gserviceaccount.com',
  // As pasted into an env file: newlines escaped.
  private_key: pem.replace(/\n/g, '\\n'), token_uri: `${TOKEN}/token`,
});
const options = { serviceAccount, packageNames: ['com.acme.app'], requestsPerMinute: 600 };

function decodeJwt(jwt: string) {
  const [h, c, s] = jwt.split('.');
  const valid = createVerify('RSA-SHA256').update(`${h}.${c}`).verify(publicKey, Buffer.from(s!, 'base64url'));
  return { valid, header: JSON.parse(Buffer.from(h!, 'base64url').toString()) as unknown, claims: JSON.parse(Buffer.from(c!, 'base64url').toString()) as Record<string, unknown> };
}

function mock(agent: MockAgent, o: { tokens?: string[]; expiresIn?: number } = {}): void {
  let n = 0;
  agent.get(TOKEN).intercept({ path: '/token', method: 'POST' }).reply((req) => {
    const form = new URLSearchParams(String(req.body));
    const jwt = decodeJwt(form.get('assertion') ?? '..');
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || !jwt.valid) return { statusCode: 400, data: JSON.stringify({ error: 'invalid_grant' }) };
    o.tokens?.push(String(jwt.claims.iat));
    return { statusCode: 200, data: JSON.stringify({ access_token: `ya29.t${++n}`, expires_in: o.expiresIn ?? 3599, token_type: 'Bearer' }) };
  }).persist();
  agent.get(API).intercept({ path: (p) => p.startsWith('/androidpublisher/v3/applications/com.acme.app/reviews?') }).reply((req) => {
    const auth = (req.headers as Record<string, string>).authorization ?? '';
    if (!auth.startsWith('Bearer ya29.')) return { statusCode: 401, data: JSON.stringify({ error: { code: 401, status: 'UNAUTHENTICATED' } }) };
    return { statusCode: 200, data: new URL(API + req.path).searchParams.get('token') === 'CpsBCpYB' ? fixture('reviews-page2.json') : fixture('reviews-page1.json') };
  }).persist();
}

collectorContract({
  definition: googleplay, options, now: '2026-03-02T18:00:00Z', name: 'play', origins: [TOKEN, API], minMentions: 4,
  bounded: { options: { ...options, maxItemsPerRun: 2 }, maxItems: 2 }, mock: (a) => mock(a),
});

describe('googleplay client', () => {
  it('signs a valid RS256 JWT for the androidpublisher scope and reuses the token until it expires', async () => {
    const { agent, clock, deps } = testDeps('play');
    const tokens: string[] = [];
    mock(agent, { tokens, expiresIn: 600 });
    const c = googleplay.create(googleplay.options.parse(options), deps);
    const first = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(first.value.mentions.map((m) => m.id)).toEqual(['gp:AOqpTOE1', 'gp:AOqpTOE2', 'gp:AOqpTOE3', 'gp:AOqpTOE6', 'gp:AOqpTOE7']);
    await drive(clock, c.collect({ cursor: first.value.cursor, signal: new AbortController().signal }));
    expect(tokens).toHaveLength(1);
    clock.set(clock.now() + 600_000);
    await drive(clock, c.collect({ cursor: first.value.cursor, signal: new AbortController().signal }));
    expect(tokens).toHaveLength(2);
    await agent.close();
  });

  it('the JWT carries iss, scope, aud, iat and exp', () => {
    const { claims, header, valid } = decodeJwt(
signedAt());
    expect(valid).toBe(true);
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(claims).toEqual({ iss: 'earshot@acme.iam.gserviceaccount.com', scope: 'https://www.googleapis.com/auth/androidpublisher', aud: `${TOKEN}/token`, iat: 1772460000, exp: 1772463600 });
  });

  it('a refused service account is auth_failed naming serviceAccount, without leaking the key', async () => {
    const { agent, clock, deps } = testDeps('play');
    agent.get(TOKEN).intercept({ path: '/token', method: 'POST' }).reply(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    const c = googleplay.create(googleplay.options.parse(options), deps);
    const err = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'auth_failed', message: expect.stringContaining('serviceAccount') });
    expect((err as Error).message).not.toContain('PRIVATE KEY');
    await agent.close();
  });

  it('validation names serviceAccount and packageNames', () => {
    const r = googleplay.options.safeParse({ serviceAccount: '{"client_email":"x"}', packageNames: ['acme'] });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message.slice(0, 40)])).toEqual([
      ['serviceAccount', 'the service account JSON key needs clien'], ['packageNames.0', 'must be an Android package name, e.g. co'],
    ]);
  });
});

function signedAt(): string {
  return signAssertion({ clientEmail: 'earshot@acme.iam.gserviceaccount.com', privateKey: pem, tokenUri: `${TOKEN}/token` }, Date.parse('2026-03-02T14:00:00Z'));
}
