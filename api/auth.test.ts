import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock.ts';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import { can, createAuth, permissionsOf } from './auth.ts';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe('api tokens', () => {
  it('stores only a hash, verifies, lists without secrets, and revokes by id or name', async () => {
    const r = redis.connect();
    const prefix = redis.prefix();
    const auth = createAuth({ redis: r, prefix, clock: new FakeClock('2026-03-02T10:00:00Z') });
    const a = await auth.create('ana', 'agent');
    const b = await auth.create('ci bot', 'read-only');
    expect(a.token).toMatch(/^es_[a-f0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const stored = Object.values(await r.hgetall(`${prefix}:api:tokens`)).join('\n');
    expect(stored).not.toContain(a.token.split('_').pop());
    expect(await auth.verify(a.token)).toEqual({ id: a.id, name: 'ana', role: 'agent' });
    expect(await auth.verify(a.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeNull();
    expect(await auth.verify('not-a-token')).toBeNull();
    expect(JSON.stringify(await auth.list())).not.toContain('hash');
    expect((await auth.list()).map((t) => t.name)).toEqual(['ana', 'ci bot']);
    expect(await auth.revoke('ana')).toBe(true);
    expect(await auth.revoke(b.id)).toBe(true);
    expect(await auth.revoke('nobody')).toBe(false);
    expect(await auth.verify(a.token)).toBeNull();
    await expect(auth.create('x', 'boss' as 'agent')).rejects.toThrow(/role: must be one of/);
    await expect(auth.create('<script>', 'agent')).rejects.toThrow(/name:/);
  });

  it('the role matrix: agents ack but do not silence; read-only only reads', () => {
    expect(can('agent', 'alerts:ack')).toBe(true);
    expect(can('agent', 'alerts:silence')).toBe(false);
    expect(can('comms', 'alerts:silence')).toBe(true);
    expect(can('comms', 'care:work')).toBe(false);
    expect(permissionsOf('read-only').every((p) => p.endsWith(':read'))).toBe(true);
    expect(permissionsOf('admin')).toHaveLength(8);
  });
});
