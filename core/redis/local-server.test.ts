import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startLocalRedis } from './local-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'earshot-owned-redis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('owned redis-server', () => {
  it('starts on loopback with AOF and noeviction, keeps data across a restart, adopts a running one', async () => {
    const first = await startLocalRedis(dir);
    expect(first.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const c = new Redis(first.url);
    expect(await c.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await c.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    await c.set('k', 'kept');
    // A second start while the first runs adopts it instead of starting another on the same files,
    // and stopping the adopted handle leaves the server running for its owner.
    const adopted = await startLocalRedis(dir);
    expect(adopted.port).toBe(first.port);
    await adopted.stop();
    expect(await c.get('k')).toBe('kept');
    c.disconnect();
    await first.stop();

    const again = await startLocalRedis(dir);
    const c2 = new Redis(again.url);
    expect(await c2.get('k')).toBe('kept');
    c2.disconnect();
    await again.stop();
  });
});
