import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../core/errors.ts';
import { drive, testDeps } from '../search-testkit.ts';
import mastodon from './index.ts';

const search = readFileSync(new URL('./fixtures/search.json', import.meta.url), 'utf8');
const tag = readFileSync(new URL('./fixtures/tag-timeline.json', import.meta.url), 'utf8');
const A = 'https://example.social';
const B = 'https://other.example';

describe('mastodon client (MockAgent)', () => {
  it('searches with the token, reads the brand hashtag on every instance, one mention per post across instances', async () => {
    const { agent, clock, deps } = testDeps('mastodon');
    const auth: Array<string | undefined> = [];
    agent.get(A).intercept({ path: (p) => p.startsWith('/api/v2/search?') }).reply((req) => {
      auth.push((req.headers as Record<string, string>).authorization);
      expect(new URL(A + req.path).searchParams.get('type')).toBe('statuses');
      return { statusCode: 200, data: search };
    });
    agent.get(A).intercept({ path: (p) => p.startsWith('/api/v1/timelines/tag/acme?') }).reply(200, tag);
    agent.get(B).intercept({ path: (p) => p.startsWith('/api/v1/timelines/tag/acme?') }).reply(200, tag);
    const c = mastodon.create(mastodon.options.parse({ instances: [{ url: A, accessToken: 'tok-a' }, { url: B }], backfillWindow: '30d' }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(auth).toEqual(['Bearer tok-a']);
    const ids = r.value.mentions.map((m) => m.id);
    expect(ids.filter((id) => id === 'https://other.example/users/bob/statuses/99')).toHaveLength(1); // found three times, returned once
    expect(Object.keys((r.value.cursor as { streams: object }).streams)).toEqual([`${A} search Acme`, `${A} tag acme`, `${B} tag acme`]);
    await agent.close();
  });

  it('pages with max_id while pages are full, bounded per run', async () => {
    const { agent, clock, deps } = testDeps('mastodon');
    const maxIds: Array<string | null> = [];
    agent.get(A).intercept({ path: (p) => p.startsWith('/api/v1/timelines/tag/acme?') }).reply((req) => {
      const maxId = new URL(A + req.path).searchParams.get('max_id');
      maxIds.push(maxId);
      const top = maxId ? Number(maxId) - 1 : 200;
      const t = clock.now() - (200 - top) * 60_000;
      const page = [0, 1].map((i) => ({ id: String(top - i), uri: `${A}/s/${top - i}`, created_at: new Date(t - i * 60_000).toISOString(), content: '<p>acme</p>', visibility: 'public' }));
      return { statusCode: 200, data: JSON.stringify(page) };
    }).persist();
    const c = mastodon.create(mastodon.options.parse({ instances: [{ url: A }], limit: 2, maxPagesPerRun: 2 }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(maxIds).toEqual([null, '199']);
    expect(r.value.mentions).toHaveLength(4);
    await agent.close();
  });

  it('a rejected token is auth_failed naming the instance option to fix', async () => {
    const { agent, clock, deps } = testDeps('mastodon');
    agent.get(A).intercept({ path: (p) => p.startsWith('/api/v2/search?') }).reply(401, { error: 'The access token is invalid' });
    const c = mastodon.create(mastodon.options.parse({ instances: [{ url: A, accessToken: 'bad' }] }), deps);
    const err = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'auth_failed', message: expect.stringContaining('instances[0].accessToken') });
    await agent.close();
  });
});
