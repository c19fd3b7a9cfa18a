import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock.ts';
import { PermanentError, RetryableError, errorCode } from './errors.ts';
import { backoffDelay, classifyStatus, fetchBytes, fetchJson, fetchText, RequestBudget, retryAfterMs, withRetry } from './http.ts';

const O = 'https://api.example.com';
const NOW = Date.parse('2026-03-02T12:00:00Z');

function agent(): MockAgent {
  const a = new MockAgent();
  a.disableNetConnect();
  return a;
}

describe('classifyStatus', () => {
  it.each([
    [200, null, false],
    [204, null, false],
    [304, null, false],
    [408, 'http_408', true],
    [429, 'rate_limited', true],
    [500, 'http_500', true],
    [503, 'http_503', true],
    [401, 'auth_failed', false],
    [403, 'auth_failed', false],
    [404, 'http_404', false],
    [422, 'http_422', false],
  ])('%i → %s (retryable %s)', (status, code, retryable) => {
    const err = classifyStatus(status, {}, { url: `${O}/x?api_key=SECRET`, now: NOW });
    if (code === null) return expect(err).toBeNull();
    expect(err?.code).toBe(code);
    expect(err?.retryable).toBe(retryable);
    // Query strings can carry keys: never in messages.
    expect(err?.message).not.toContain('SECRET');
  });
});

describe('retryAfterMs', () => {
  it.each([
    [{ 'retry-after': '30' }, 30_000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': 'Mon, 02 Mar 2026 12:01:00 GMT' }, 60_000],
    [{ 'retry-after': 'Mon, 02 Mar 2026 11:00:00 GMT' }, 0],
    [{ 'x-ratelimit-reset': String(NOW / 1000 + 90) }, 90_000],
    [{ 'x-rate-limit-reset': '12' }, 12_000],
    [{ 'ratelimit-reset': '5' }, 5_000],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%j → %s', (headers, want) => {
    expect(retryAfterMs(headers as Record<string, string>, NOW)).toBe(want);
  });
});

describe('fetch helpers', () => {
  it('returns 2xx bodies and decodes the declared charset', async () => {
    const a = agent();
    a.get(O).intercept({ path: '/latin' }).reply(200, Buffer.from('Grüße', 'latin1'), { headers: { 'content-type': 'text/plain; charset=iso-8859-1' } });
    expect((await fetchText(`${O}/latin`, { dispatcher: a })).text).toBe('Grüße');
  });

  it('follows redirects and reports where it ended', async () => {
    const a = agent();
    a.get(O).intercept({ path: '/old' }).reply(301, '', { headers: { location: '/new' } });
    a.get(O).intercept({ path: '/new' }).reply(200, '{"ok":true}', { headers: { 'content-type': 'application/json' } });
    const r = await fetchJson<{ ok: boolean }>(`${O}/old`, { dispatcher: a });
    expect(r.json).toEqual({ ok: true });
    expect(r.url).toBe(`${O}/new`);
  });

  it('304 is "not modified", not an error', async () => {
    const a = agent();
    a.get(O).intercept({ path: '/feed' }).reply(304, '');
    const r = await fetchBytes(`${O}/feed`, { dispatcher: a });
    expect(r.notModified).toBe(true);
  });

  it('429 carries the server advice; 401 is auth_failed; a 2xx that is not JSON is invalid_json', async () => {
    const a = agent();
    a.get(O).intercept({ path: '/a' }).reply(429, 'slow', { headers: { 'retry-after': '7' } });
    a.get(O).intercept({ path: '/b' }).reply(401, 'bad token');
    a.get(O).intercept({ path: '/c' }).reply(200, '<html>');
    const e1 = await fetchBytes(`${O}/a`, { dispatcher: a }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(RetryableError);
    expect((e1 as RetryableError).retryAfterMs).toBe(7000);
    const e2 = await fetchBytes(`${O}/b`, { dispatcher: a }).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(PermanentError);
    expect(errorCode(e2)).toBe('auth_failed');
    expect(String(e2)).toContain('bad token');
    expect(errorCode(await fetchJson(`${O}/c`, { dispatcher: a }).catch((e: unknown) => e))).toBe('invalid_json');
  });

  it('network errors and timeouts are retryable', async () => {
    const a = agent();
    a.get(O).intercept({ path: '/down' }).replyWithError(new Error('ECONNRESET'));
    a.get(O).intercept({ path: '/slow' }).reply(200, 'late').delay(500);
    expect(errorCode(await fetchBytes(`${O}/down`, { dispatcher: a }).catch((e: unknown) => e))).toBe('network');
    const slow = await fetchBytes(`${O}/slow`, { dispatcher: a, timeoutMs: 50 }).catch((e: unknown) => e);
    expect(errorCode(slow)).toBe('timeout');
    expect((slow as RetryableError).retryable).toBe(true);
  });

  it('caps the body size; a huge error page stays the error it is', async () => {
    const a = agent();
    a.get(O).intercept({ path: '/big' }).reply(200, 'x'.repeat(5000));
    a.get(O).intercept({ path: '/big-error' }).reply(503, 'y'.repeat(200_000));
    const err = await fetchBytes(`${O}/big`, { dispatcher: a, maxBodyBytes: 1024 }).catch((e: unknown) => e);
    expect(errorCode(err)).toBe('response_too_large');
    const err2 = await fetchBytes(`${O}/big-error`, { dispatcher: a, maxBodyBytes: 1024 }).catch((e: unknown) => e);
    expect(errorCode(err2)).toBe('http_503');
    expect((err2 as Error).message.length).toBeLessThan(400);
  });

  it('a shutdown abort rejects with the abort reason, not a retryable error', async () => {
    const a = agent();
    a.get(O).intercept({ path: '/slow' }).reply(200, 'late').delay(2000);
    const c = new AbortController();
    const p = fetchBytes(`${O}/slow`, { dispatcher: a, signal: c.signal });
    c.abort(new Error('shutdown'));
    const err = await p.catch((e: unknown) => e);
    expect(String(err)).toContain('shutdown');
    expect(err).not.toBeInstanceOf(RetryableError);
  });
});

describe('withRetry', () => {
  it('honours Retry-After on the clock, then succeeds', async () => {
    const clock = new FakeClock(NOW);
    const calls: number[] = [];
    const p = withRetry(
      async () => {
        calls.push(clock.now());
        if (calls.length === 1) throw new RetryableError('429', { code: 'rate_limited', retryAfterMs: 30_000 });
        return 'ok';
      },
      { clock },
    );
    await clock.advance(0); // let the first attempt fail and start its wait
    await clock.advance(29_999);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    expect(await p).toBe('ok');
    expect(calls).toEqual([NOW, NOW + 30_000]);
  });

  it('backs off exponentially with full jitter, bounded by maxMs', () => {
    const err = new RetryableError('500', { code: 'http_500' });
    const o = { clock: new FakeClock(), baseMs: 1000, maxMs: 5000, random: () => 0.999 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(err, n, o))).toEqual([999, 1998, 3996, 4995, 4995]);
    expect(backoffDelay(err, 3, { ...o, random: () => 0 })).toBe(0);
  });

  it('does not retry permanent errors, gives up after maxAttempts, and gives up on a too-long Retry-After', async () => {
    const clock = new FakeClock(NOW);
    let n = 0;
    await expect(withRetry(async () => { n++; throw new PermanentError('no', { code: 'auth_failed' }); }, { clock })).rejects.toThrow('no');
    expect(n).toBe(1);
    n = 0;
    const p = withRetry(async () => { n++; throw new RetryableError('busy', { code: 'http_503' }); }, { clock, maxAttempts: 3, baseMs: 10, random: () => 1 });
    const settled = p.catch((e: unknown) => e);
    for (let i = 0; i < 10; i++) await clock.advance(100);
    expect(errorCode(await settled)).toBe('http_503');
    expect(n).toBe(3);
    n = 0;
    await expect(withRetry(async () => { n++; throw new RetryableError('later', { code: 'rate_limited', retryAfterMs: 3_600_000 }); }, { clock, maxRetryAfterMs: 60_000 })).rejects.toThrow('later');
    expect(n).toBe(1);
  });

  it('stops waiting at once on abort', async () => {
    const clock = new FakeClock(NOW);
    const c = new AbortController();
    const p = withRetry(async () => { throw new RetryableError('x', { code: 'rate_limited', retryAfterMs: 60_000 }); }, { clock, signal: c.signal });
    const settled = p.catch((e: unknown) => e);
    await clock.advance(10);
    c.abort(new Error('shutdown'));
    expect(String(await settled)).toContain('shutdown');
  });
});

describe('RequestBudget', () => {
  it('lets a burst through, then paces requests on the clock', async () => {
    const clock = new FakeClock(NOW);
    const budget = new RequestBudget(clock, 60, 2);
    const done: number[] = [];
    const all = Promise.all([0, 1, 2, 3].map(async () => { await budget.take(); done.push(clock.now() - NOW); }));
    await clock.advance(0);
    expect(done).toEqual([0, 0]);
    await clock.advance(2000);
    await all;
    expect(done).toEqual([0, 0, 1000, 2000]);
  });
});
