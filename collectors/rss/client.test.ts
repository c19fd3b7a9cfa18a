import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import { Metrics } from '../../core/metrics.ts';
import { collectorContract, drive } from '../contract.ts';
import type { Cursor } from '../types.ts';
import rss from './index.ts';

const rss2 = readFileSync(join(import.meta.dirname, 'fixtures', 'rss2.xml'), 'utf8');
const atom = readFileSync(join(import.meta.dirname, 'fixtures', 'atom.xml'), 'utf8');
const NOW = '2026-03-02T16:00:00Z';
const ORIGIN = 'https://news.example.com';
const options = { urls: [`${ORIGIN}/feed.xml`, `${ORIGIN}/atom.xml`], retryBaseDelay: '1s' };

function serve(agent: MockAgent): void {
  const pool = agent.get(ORIGIN);
  pool.intercept({ path: '/feed.xml' }).reply(200, rss2, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } }).persist();
  pool.intercept({ path: '/atom.xml' }).reply(200, atom, { headers: { 'content-type': 'application/atom+xml' } }).persist();
}

collectorContract({
  definition: rss,
  options,
  mock: serve,
  origins: [ORIGIN],
  now: NOW,
  name: 'news',
  minMentions: 6,
  bounded: { options: { ...options, maxItemsPerRun: 2 }, maxItems: 2 },
});

function setup(now = NOW) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const clock = new FakeClock(now);
  const metrics = new Metrics();
  const make = (opts: Record<string, unknown>) =>
    rss.create(rss.options.parse(opts), { name: 'news', dispatcher: agent, clock, logger: silentLogger, metrics, brands: [] });
  return { agent, clock, metrics, make, signal: new AbortController().signal };
}

describe('rss collector', () => {
  it('sends the stored ETag / Last-Modified and treats 304 as nothing new', async () => {
    const { agent, clock, make, signal } = setup();
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/feed.xml', headers: (h) => !('if-none-match' in h) }).reply(200, rss2, {
      headers: { etag: '"v1"', 'last-modified': 'Mon, 02 Mar 2026 15:00:00 GMT' },
    });
    pool
      .intercept({ path: '/feed.xml', headers: { 'if-none-match': '"v1"', 'if-modified-since': 'Mon, 02 Mar 2026 15:00:00 GMT' } })
      .reply(304, '');
    const c = make({ urls: [`${ORIGIN}/feed.xml`] });
    const first = await drive(clock, c.collect({ cursor: null, signal }));
    expect(first.mentions.length).toBe(4);
    const second = await drive(clock, c.collect({ cursor: first.cursor, signal }));
    expect(second.mentions).toEqual([]);
    expect(second.cursor).toEqual(first.cursor);
    agent.assertNoPendingInterceptors();
  });

  it('skips items older than backfillWindow on the first run', async () => {
    const { agent, clock, make, signal } = setup();
    serve(agent);
    const r = await drive(clock, make({ urls: [`${ORIGIN}/feed.xml`], backfillWindow: '30d' }).collect({ cursor: null, signal }));
    expect(r.mentions.map((m) => m.title)).not.toContain('Old news from last year');
    const wide = await drive(clock, make({ urls: [`${ORIGIN}/feed.xml`], backfillWindow: '1000d' }).collect({ cursor: null, signal }));
    expect(wide.mentions.map((m) => m.title)).toContain('Old news from last year');
  });

  it('one failing URL is reported and counted; the other feeds still arrive', async () => {
    const { agent, clock, metrics, make, signal } = setup();
    agent.get('https://down.example').intercept({ path: '/rss' }).reply(404, 'gone').persist();
    serve(agent);
    const r = await drive(clock, make({ urls: ['https://down.example/rss', `${ORIGIN}/atom.xml`] }).collect({ cursor: null, signal }));
    expect(r.mentions).toHaveLength(3);
    expect(r.errors).toEqual([{ code: 'http_404', message: expect.stringContaining('https://down.example/rss answered HTTP 404') }]);
    expect(await metrics.text()).toMatch(/earshot_source_errors_total\{source="news",code="http_404"\} 1/);
    // The failed feed keeps no state, so it is retried in full next time.
    expect(Object.keys((r.cursor as { feeds: Cursor }).feeds)).toEqual([`${ORIGIN}/atom.xml`]);
  });

  it('a backfill re-reads items already returned, from `since`', async () => {
    const { agent, clock, make, signal } = setup();
    serve(agent);
    const c = make({ urls: [`${ORIGIN}/feed.xml`] });
    const first = await drive(clock, c.collect({ cursor: null, signal }));
    const again = await drive(clock, c.collect({ cursor: first.cursor, signal, since: Date.parse('2026-03-02T12:00:00Z') }));
    expect(again.mentions.map((m) => m.title)).toEqual(['Acme recalls faulty chargers', 'Item without a date or link']);
  });

  it('a feed that is not a feed is a clear error naming the URL', async () => {
    const { agent, clock, make, signal } = setup();
    agent.get(ORIGIN).intercept({ path: '/login' }).reply(200, '<html><body>Please log in</body></html>');
    const err = await drive(clock, make({ urls: [`${ORIGIN}/login`] }).collect({ cursor: null, signal })).catch((e: Error) => e);
    expect(String(err)).toMatch(/https:\/\/news\.example\.com\/login: not an RSS or Atom feed/);
  });

  it('rejects bad options with the key name', () => {
    const r = rss.options.safeParse({ urls: ['ftp://x'], maxItemsPerRun: 0 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['maxItemsPerRun', 'urls.0']);
  });
});
