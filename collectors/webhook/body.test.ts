import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BodyError, jsonErrorOffset, parseWebhookBody } from './body.ts';
import { sign, verify } from './signature.ts';

const NDJSON = 'application/x-ndjson';

describe('webhook body', () => {
  it.each([
    ['one object', '{"id":"1"}', 'application/json', [{ id: '1' }]],
    ['an array', '[{"id":"1"},{"id":"2"}]', 'application/json; charset=utf-8', [{ id: '1' }, { id: '2' }]],
    ['JSONL with blank lines and CRLF', '{"id":"1"}\r\n\r\n{"id":"2"}\n', NDJSON, [{ id: '1' }, { id: '2' }]],
    ['a BOM', '\uFEFF{"id":"1"}', undefined, [{ id: '1' }]],
  ])('%s', (_why, body, type, expected) => {
    expect(parseWebhookBody(Buffer.from(body), type)).toEqual(expected);
  });

  it('bad bytes become U+FFFD instead of failing', () => {
    const raw = Buffer.concat([Buffer.from('{"text":"Caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    expect(parseWebhookBody(raw, 'application/json')).toEqual([{ text: 'Caf\uFFFD' }]);
  });

  it.each([
    ['JSONL line 3', '{"a":1}\n{"a":2}\n{"a":', NDJSON, 3],
    ['JSON on line 2', '[\n{"a":,}\n]', 'application/json', 2],
    ['empty', '  ', 'application/json', 1],
  ])('names the line: %s', (_why, body, type, line) => {
    const err = (() => {
      try {
        parseWebhookBody(Buffer.from(body), type);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(BodyError);
    expect((err as BodyError).line).toBe(line);
  });

  it('fuzz: any bytes either parse or fail with a BodyError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(NDJSON, 'application/json'), (bytes, type) => {
      try {
        expect(Array.isArray(parseWebhookBody(Buffer.from(bytes), type))).toBe(true);
      } catch (err) {
        expect(err).toBeInstanceOf(BodyError);
      }
    }), { numRuns: 500 });
  });
});

describe('webhook signature', () => {
  const secret = 's'.repeat(20);
  const base = { secret, body: Buffer.from('[]'), nowMs: 1_000_000_000_000, toleranceSeconds: 300 };
  const ts = '1000000000';
  it('accepts its own signature, refuses any change to body, timestamp or secret', () => {
    const sig = sign(secret, ts, base.body);
    expect(verify({ ...base, timestamp: ts, signature: sig }).ok).toBe(true);
    expect(verify({ ...base, timestamp: ts, signature: sig.toUpperCase().replace('SHA256', 'sha256') }).ok).toBe(true);
    expect(verify({ ...base, body: Buffer.from('[ ]'), timestamp: ts, signature: sig })).toMatchObject({ ok: false, code: 'bad_signature' });
    expect(verify({ ...base, timestamp: '1000000001', signature: sig })).toMatchObject({ ok: false, code: 'bad_signature' });
    expect(verify({ ...base, timestamp: ts, signature: sign('t'.repeat(20), ts, base.body) })).toMatchObject({ ok: false, code: 'bad_signature' });
  });
  it.each([
    [undefined, 'missing_timestamp'], ['abc', 'missing_timestamp'], ['999999699', 'stale_timestamp'], ['1000000301', 'stale_timestamp'],
  ])('timestamp %s → %s', (t, code) => {
    expect(verify({ ...base, timestamp: t, signature: sign(secret, t ?? '', base.body) })).toMatchObject({ ok: false, code });
  });
  it('the window edge (300 s) is still accepted', () => {
    expect(verify({ ...base, timestamp: '999999700', signature: sign(secret, '999999700', base.body) }).ok).toBe(true);
  });
});

describe('jsonErrorOffset agrees with JSON.parse', () => {
  it('valid JSON → -1; invalid → an offset inside the text', () => {
    fc.assert(fc.property(fc.oneof(fc.json(), fc.string(), fc.json().map((j) => j.slice(0, -1))), (text) => {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      const at = jsonErrorOffset(text);
      if (valid) expect(at).toBe(-1);
      else expect(at).toBeGreaterThanOrEqual(0);
    }), { numRuns: 1000 });
  });
});
