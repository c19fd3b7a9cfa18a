import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import { waitFor } from '../test/helpers/wait.ts';
import { CursorStore } from './cursor-store.ts';
import { SourceLock } from './lock.ts';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe('SourceLock', () => {
  it('is exclusive, and a release never frees a lock another holder took', async () => {
    const r = redis.connect();
    const prefix = redis.prefix();
    const a = await SourceLock.acquire(r, prefix, 'news', 60_000);
    expect(a).not.toBeNull();
    expect(await SourceLock.acquire(r, prefix, 'news', 60_000)).toBeNull();
    expect(await SourceLock.acquire(r, prefix, 'other', 60_000)).not.toBeNull();
    // a's lock expires and b takes it: a's late release must leave b's lock alone.
    await r.del(SourceLock.key(prefix, 'news'));
    const b = await SourceLock.acquire(r, prefix, 'news', 60_000);
    await a!.release();
    expect(await r.exists(SourceLock.key(prefix, 'news'))).toBe(1);
    await b!.release();
    expect(await r.exists(SourceLock.key(prefix, 'news'))).toBe(0);
  });

  it('is renewed while held, and signals when it was lost', async () => {
    const r = redis.connect();
    const prefix = redis.prefix();
    const lock = await SourceLock.acquire(r, prefix, 'slow', 1000);
    // Renewed every third of its TTL: still there well after the first TTL ran out.
    await new Promise((res) => setTimeout(res, 1600));
    expect(await r.exists(SourceLock.key(prefix, 'slow'))).toBe(1);
    await r.set(SourceLock.key(prefix, 'slow'), 'someone-else');
    await waitFor(() => lock!.lost.aborted, 5_000);
    await lock!.release();
    expect(await r.get(SourceLock.key(prefix, 'slow'))).toBe('someone-else');
  });
});

describe('CursorStore', () => {
  it('round-trips a cursor and treats a corrupt one as none', async () => {
    const r = redis.connect();
    const prefix = redis.prefix();
    const store = new CursorStore(r, prefix);
    expect(await store.load('x')).toBeNull();
    await store.save('x', { cursor: { feeds: { a: { seen: ['1'] } } }, newestPublishedAt: 5, savedAt: 6 });
    expect(await store.load('x')).toEqual({ cursor: { feeds: { a: { seen: ['1'] } } }, newestPublishedAt: 5, savedAt: 6 });
    await r.set(store.key('x'), '{not json');
    expect(await store.load('x')).toBeNull();
  });
});
