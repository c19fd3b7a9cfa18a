import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import { Store } from '../core/store/clickhouse.ts';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import { openTestStore, type TestStore } from '../test/helpers/store.ts';
import { careSchema } from './config.ts';
import { createCareQueue } from './queue.ts';
import { classified } from './testing/mentions.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
let redis: TestRedis;
let ch: TestStore;

beforeAll(async () => {
  [redis, ch] = await Promise.all([startTestRedis(), openTestStore()]);
});
afterAll(async () => {
  await redis?.stop();
  await ch?.cleanup();
});

function setup(careInput: Record<string, unknown> = {}, clock = new FakeClock(T0), prefix = redis.prefix()) {
  const config = { care: careSchema.parse(careInput) };
  const make = () => createCareQueue({ config, redis: redis.connect(), store: ch.store, clock, prefix, logger: silentLogger });
  return { queue: make(), make, clock, prefix };
}

async function careEvents(entityId: string) {
  return ch.store.query<{ type: string; actor: string; from_state: string; to_state: string; at: string }>(
    `SELECT type, actor, from_state, to_state, toString(at) AS at FROM events FINAL WHERE kind = 'care' AND entity_id = {id:String} ORDER BY at, type`,
    { id: entityId },
  );
}

describe('care queue', () => {
  it('takes qualifying mentions, skips the rest, stores nothing twice, and joins an author\'s open case', async () => {
    const { queue } = setup({ minReach: 10 });
    const r = await queue.ingest([
      classified({ id: 'a1', author: 'ann' }, T0),
      classified({ id: 'p1', intent: 'praise' }, T0),
      classified({ id: 'n1', intent: null }, T0),
      classified({ id: 'low', intent: 'complaint', confidence: 0.2 }, T0),
      classified({ id: 'tiny', reach: 3 }, T0),
      classified({ id: 'a2', author: 'ann', intent: 'crisis_risk', reach: 5000 }, T0),
    ]);
    expect(r).toMatchObject({ created: 1, joined: 1, skipped: 4, duplicates: 0 });
    const again = await queue.ingest([classified({ id: 'a1', author: 'ann' }, T0)]);
    expect(again).toMatchObject({ created: 0, joined: 0, duplicates: 1 });

    const { items, total } = await queue.list();
    expect(total).toBe(1);
    const item = items[0]!;
    expect(item.mentions.map((m) => m.id)).toEqual(['reddit:a1', 'reddit:a2']);
    // The joining crisis mention raises the case's intent, severity and reach.
    expect(item).toMatchObject({ intent: 'crisis_risk', severity: 4, reach: 5000, state: 'new', channel: 'realtime', slaMs: 30 * 60_000 });
    expect(item.authorUrl).toBe('https://www.reddit.com/user/ann');
    const ev = await careEvents(item.id);
    expect(ev.map((e) => e.type).sort()).toEqual(['created', 'joined']);
  });

  it('survives a mention without a usable reach', async () => {
    const { queue } = setup();
    const odd = { ...classified({ id: 'nan', author: 'nan' }, T0), reach: Number.NaN };
    expect(await queue.ingest([odd, { ...classified({ id: 'nan2', author: 'nan' }, T0), reach: Number.NaN }])).toMatchObject({ created: 1, joined: 1 });
    expect((await queue.list()).items[0]?.reach).toBe(0);
  });

  it('applies SLA per intent and channel: 30 min real-time complaints, 60 min otherwise, 24 h reviews', async () => {
    const { queue } = setup();
    await queue.ingest([
      classified({ id: 'c', source: 'mastodon' }, T0),
      classified({ id: 'q', source: 'mastodon', intent: 'question' }, T0),
      classified({ id: 'r', source: 'trustpilot' }, T0),
      classified({ id: 'f', source: 'forum' }, T0),
    ]);
    const { items } = await queue.list({ limit: 10 });
    const sla = Object.fromEntries(items.map((i) => [i.mentions[0]!.id, i.slaMs / 60_000]));
    expect(sla).toEqual({ 'mastodon:c': 30, 'mastodon:q': 60, 'trustpilot:r': 1440, 'forum:f': 60 });
  });

  it('ranks by severity, intent, reach and time left', async () => {
    const { queue, clock } = setup();
    await queue.ingest([classified({ id: 'small-q', intent: 'question', reach: 10, source: 'forum' }, T0)]);
    await clock.advance(55 * 60_000);
    await queue.ingest([
      classified({ id: 'big-complaint', reach: 100_000, negative: true }, clock.now()),
      classified({ id: 'fresh-q', intent: 'question', reach: 10, source: 'forum' }, clock.now()),
    ]);
    const order = (await queue.list()).items.map((i) => i.mentions[0]!.id);
    expect(order[0]).toBe('reddit:big-complaint');
    // Same intent and reach: the one whose SLA is nearly over comes first.
    expect(order.indexOf('forum:small-q')).toBeLessThan(order.indexOf('forum:fresh-q'));
  });

  it('20 concurrent claims: exactly one wins, the rest get a conflict', async () => {
    const { make, queue } = setup();
    await queue.ingest([classified({ id: 'race' }, T0)]);
    const id = (await queue.list()).items[0]!.id;
    const agents = Array.from({ length: 20 }, (_, i) => ({ q: make(), name: `agent${i}` }));
    const results = await Promise.allSettled(agents.map(({ q, name }) => q.claim(id, { name })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(losers.every((r) => (r.reason as { code?: string }).code === 'conflict')).toBe(true);
    const item = await queue.get(id);
    expect(item?.claimedBy).toBe((won[0] as PromiseFulfilledResult<{ claimedBy: string }>).value.claimedBy);
    const claims = (await careEvents(id)).filter((e) => e.type === 'claimed');
    expect(claims).toHaveLength(1);
    expect((await queue.depths()).byAgent).toEqual({ [item!.claimedBy]: 1 });
  });

  it('walks new → claimed → responded → resolved with events (actor, from, to); owners only', async () => {
    const { queue, clock } = setup();
    await queue.ingest([classified({ id: 'w' }, T0), classified({ id: 'd' }, T0)]);
    await clock.advance(1000);
    const [w, d] = (await queue.list()).items.sort((a, b) => a.mentions[0]!.id.localeCompare(b.mentions[0]!.id));
    await queue.claim(w!.id, { name: 'bea' });
    await clock.advance(1000);
    await expect(queue.respond(w!.id, { name: 'carl' })).rejects.toMatchObject({ code: 'forbidden' });
    await queue.respond(w!.id, { name: 'bea' }, 'answered in thread');
    await clock.advance(1000);
    await expect(queue.claim(w!.id, { name: 'carl' })).rejects.toMatchObject({ code: 'conflict' });
    const done = await queue.resolve(w!.id, { name: 'bea' });
    expect(done).toMatchObject({ state: 'resolved', closedBy: 'bea', note: '' });
    expect((await careEvents(w!.id)).map((e) => [e.type, e.actor, e.from_state, e.to_state])).toEqual([
      ['created', 'system', '', 'new'],
      ['claimed', 'bea', 'new', 'claimed'],
      ['responded', 'bea', 'claimed', 'responded'],
      ['resolved', 'bea', 'responded', 'resolved'],
    ]);
    await expect(queue.dismiss(d!.id, { name: 'bea' }, '  ')).rejects.toMatchObject({ field: 'reason' });
    expect(await queue.dismiss(d!.id, { name: 'bea' }, 'spam bot')).toMatchObject({ state: 'dismissed', dismissReason: 'spam bot' });
    expect((await queue.list()).total).toBe(0);
    expect((await queue.list({ state: ['resolved', 'dismissed'] })).total).toBe(2);
    expect((await queue.depths()).byAgent).toEqual({});
    // A closed case does not swallow the author's next mention.
    const next = await queue.ingest([classified({ id: 'w2', author: 'user-w' }, T0)]);
    expect(next.created).toBe(1);
  });

  it('snooze hides an item until its time; reassign moves a claim and the load', async () => {
    const { queue, clock } = setup();
    await queue.ingest([classified({ id: 's' }, T0)]);
    const id = (await queue.list()).items[0]!.id;
    await queue.claim(id, { name: 'bea' });
    await queue.snooze(id, { name: 'bea' }, T0 + 10 * 60_000);
    expect((await queue.list()).total).toBe(0);
    expect((await queue.list({ includeSnoozed: true })).total).toBe(1);
    await clock.advance(10 * 60_000);
    expect((await queue.list()).total).toBe(1);
    await queue.reassign(id, { name: 'sue', override: true }, 'carl');
    expect(await queue.get(id)).toMatchObject({ claimedBy: 'carl', state: 'claimed' });
    expect((await queue.depths()).byAgent).toEqual({ carl: 1 });
    expect((await careEvents(id)).map((e) => e.type)).toContain('reassigned');
  });

  it('assigns by skills and load', async () => {
    const { queue } = setup({
      agents: [
        { name: 'de-only', languages: ['de'] },
        { name: 'en1', languages: ['en'], maxOpen: 1 },
        { name: 'en2', languages: ['en'] },
      ],
    });
    await queue.ingest([
      classified({ id: 'g', language: 'de' }, T0),
      classified({ id: 'e1' }, T0),
      classified({ id: 'e2' }, T0),
      classified({ id: 'e3' }, T0),
      classified({ id: 'fr', language: 'fr' }, T0),
    ]);
    const by = Object.fromEntries((await queue.list()).items.map((i) => [i.mentions[0]!.id, i.assignee]));
    expect(by).toEqual({ 'reddit:g': 'de-only', 'reddit:e1': 'en1', 'reddit:e2': 'en2', 'reddit:e3': 'en2', 'reddit:fr': '' });
  });

  it('emits sla_breached once per item, exactly when the SLA runs out (fake clock)', async () => {
    const { queue, clock } = setup();
    await queue.ingest([classified({ id: 'late' }, T0), classified({ id: 'answered' }, T0)]);
    const items = (await queue.list()).items;
    const late = items.find((i) => i.mentions[0]!.id === 'reddit:late')!;
    const answered = items.find((i) => i.mentions[0]!.id === 'reddit:answered')!;
    await queue.claim(answered.id, { name: 'bea' });
    await queue.respond(answered.id, { name: 'bea' });

    await clock.advanceTo(late.dueAt - 1);
    expect((await queue.tick()).breached).toEqual([]);
    await clock.advanceTo(late.dueAt);
    expect((await queue.tick()).breached).toEqual([late.id]);
    expect((await queue.tick()).breached).toEqual([]);
    await clock.advance(3_600_000);
    expect((await queue.tick()).breached).toEqual([]);

    const ev = (await careEvents(late.id)).filter((e) => e.type === 'sla_breached');
    expect(ev).toHaveLength(1);
    expect(Date.parse(ev[0]!.at.replace(' ', 'T') + 'Z')).toBe(late.dueAt);
    expect((await careEvents(answered.id)).some((e) => e.type === 'sla_breached')).toBe(false);
    expect((await queue.get(late.id))?.breached).toBe(true);
  });

  it('the SLA timer (start) ticks on the injected clock', async () => {
    const { queue, clock } = setup({ tickInterval: '1m' });
    await queue.ingest([classified({ id: 'timer' }, T0)]);
    const id = (await queue.list()).items[0]!.id;
    queue.start();
    try {
      await clock.advance(31 * 60_000);
      // The tick runs real Redis I/O after the fake timer fired; wait for its effect, not for time.
      for (let i = 0; i < 200 && !(await queue.get(id))?.breached; i++) await new Promise((r) => setTimeout(r, 10));
      expect((await queue.get(id))?.breached).toBe(true);
    } finally {
      queue.stop();
    }
  });

  it('keeps events while ClickHouse is down and writes each once when it is back', async () => {
    const clock = new FakeClock(T0);
    const prefix = redis.prefix();
    const config = { care: careSchema.parse({}) };
    // A real client to a port where nothing listens: every insert fails like an outage.
    const down = await Store.open({ url: 'http://127.0.0.1:1' });
    const offline = createCareQueue({ config, redis: redis.connect(), store: down, clock, prefix, logger: silentLogger });
    await offline.ingest([classified({ id: 'out1' }, T0)]);
    const id = (await offline.list()).items[0]!.id;
    await clock.advance(1000);
    await offline.claim(id, { name: 'bea' });
    expect(await careEvents(id)).toEqual([]);
    await down.close();

    const back = createCareQueue({ config, redis: redis.connect(), store: ch.store, clock, prefix, logger: silentLogger });
    await back.tick();
    await back.tick();
    expect((await careEvents(id)).map((e) => [e.type, e.actor, e.to_state])).toEqual([['created', 'system', 'new'], ['claimed', 'bea', 'claimed']]);
    const raw = await ch.store.query<{ n: string }>(`SELECT count() AS n FROM events WHERE entity_id = {id:String}`, { id });
    expect(Number(raw[0]!.n)).toBe(2);
  });

  it('a restart loses nothing: a new queue on the same Redis sees items, claims, load and breaches', async () => {
    const { queue, make, clock } = setup();
    await queue.ingest([classified({ id: 'r1', author: 'zed' }, T0), classified({ id: 'r2' }, T0)]);
    const before = (await queue.list()).items;
    await queue.claim(before[0]!.id, { name: 'bea' });
    await clock.advance(31 * 60_000);
    await queue.tick();

    const restarted = make();
    const after = await restarted.list();
    expect(after.items.map((i) => [i.id, i.state, i.claimedBy, i.breached]).sort()).toEqual(
      (await queue.list()).items.map((i) => [i.id, i.state, i.claimedBy, i.breached]).sort(),
    );
    expect(after.items.every((i) => i.breached)).toBe(true);
    expect((await restarted.tick()).breached).toEqual([]);
    expect((await restarted.depths()).byAgent).toEqual({ bea: 1 });
    // Stickiness and dedupe survive too.
    expect(await restarted.ingest([classified({ id: 'r1', author: 'zed' }, T0), classified({ id: 'r3', author: 'zed' }, T0)])).toMatchObject({ duplicates: 1, joined: 1 });
  });
});
