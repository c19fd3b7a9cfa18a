import { readFileSync } from 'node:fs';
import type { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { buildConfig } from '../../config/load.ts';
import { errorCode } from '../../core/errors.ts';
import { collectorContract } from '../contract.ts';
import { drive, testDeps } from '../search-testkit.ts';
import genericJson from './index.ts';

const fixture = (f: string) => readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8');
const API = 'https://partner.example';
const options = {
  url: `${API}/api/posts?sort=newest`, headers: { authorization: 'Bearer tok' }, items: 'data.results',
  fields: { id: 'uuid', text: 'body', publishedAt: 'created', 'author.name': 'user["display-name"]' },
  nextPage: { cursorPath: 'data.paging.next_cursor', param: 'cursor' }, since: { param: 'after', format: 'unix' }, backfillWindow: '30d',
};

function mock(agent: MockAgent): void {
  agent.get(API).intercept({ path: (p) => p.startsWith('/api/posts?') }).reply((req) => {
    const cursor = new URL(API + req.path).searchParams.get('cursor');
    return { statusCode: 200, data: cursor === 'c2' ? fixture('page2.json') : fixture('page1.json') };
  }).persist();
}

collectorContract({
  definition: genericJson, options, now: '2026-03-02T18:00:00Z', name: 'partner', origins: [API], minMentions: 4,
  bounded: { options: { ...options, maxItemsPerRun: 2 }, maxItems: 2 }, mock,
});

describe('generic-json client', () => {
  it('sends headers, query, since and the page cursor', async () => {
    const { agent, clock, deps } = testDeps('partner');
    const asked: Array<{ q: URLSearchParams; auth: string | undefined }> = [];
    agent.get(API).intercept({ path: () => true }).reply((req) => {
      const q = new URL(API + req.path).searchParams;
      asked.push({ q, auth: (req.headers as Record<string, string>).authorization });
      return { statusCode: 200, data: q.get('cursor') === 'c2' ? fixture('page2.json') : fixture('page1.json') };
    }).persist();
    const c = genericJson.create(genericJson.options.parse({ ...options, query: { key: 'k' } }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(asked.map((a) => [a.q.get('sort'), a.q.get('key'), a.q.get('after'), a.q.get('cursor'), a.auth])).toEqual([
      ['newest', 'k', String(Date.parse('2026-01-31T15:00:00Z') / 1000), null, 'Bearer tok'],
      ['newest', 'k', String(Date.parse('2026-01-31T15:00:00Z') / 1000), 'c2', 'Bearer tok'],
    ]);
    expect(r.value.mentions).toHaveLength(5);
    await agent.close();
  });

  it('follows nextUrlPath on the same origin only', async () => {
    const { agent, clock, deps } = testDeps('partner');
    agent.get(API).intercept({ path: '/feed' }).reply(200, { items: [{ id: 'a', t: 'Acme', at: '2026-03-02T14:00:00Z' }], next: 'https://evil.example/steal' });
    const c = genericJson.create(genericJson.options.parse({
      url: `${API}/feed`, headers: { authorization: 'Bearer tok' }, items: 'items', fields: { id: 'id', text: 't', publishedAt: 'at' }, nextUrlPath: 'next',
    }), deps);
    const err = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal })).catch((e: unknown) => e);
    expect(errorCode(err)).toBe('invalid_next_url');
    await agent.close();
  });

  it('oldest-first APIs: old items on the first page do not stop the run', async () => {
    const { agent, clock, deps } = testDeps('partner');
    agent.get(API).intercept({ path: '/feed' }).reply(200, { items: [{ id: 'old', t: 'x', at: '2020-01-01T00:00:00Z' }, { id: 'new1', t: 'x', at: '2026-03-02T14:00:00Z' }], next: '/feed?p=2' });
    agent.get(API).intercept({ path: '/feed?p=2' }).reply(200, { items: [{ id: 'new2', t: 'x', at: '2026-03-02T14:30:00Z' }] });
    const c = genericJson.create(genericJson.options.parse({
      url: `${API}/feed`, items: 'items', fields: { id: 'id', text: 't', publishedAt: 'at' }, nextUrlPath: 'next', order: 'oldest-first',
    }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(r.value.mentions.map((m) => m.id)).toEqual(['new1', 'new2']);
    await agent.close();
  });

  it('config errors name sources[i].options.fields.<key>', () => {
    let message = '';
    try {
      buildConfig({
        brands: [{ name: 'Acme', query: 'acme' }],
        sources: [{ name: 'p', type: 'generic-json', options: { url: `${API}/x`, items: 'data..items', fields: { id: 'id', publishedAt: 'at', 'author.nick': 'n' } } }],
      }, 'test.yaml');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('sources[0].options.items');
    expect(message).toContain('sources[0].options.fields.text');
    expect(message).toContain('author.nick');
  });
});
