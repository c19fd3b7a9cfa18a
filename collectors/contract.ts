import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import type { BrandConfig } from '../config/schema.ts';
import { FakeClock } from '../core/clock.ts';
import { errorCode } from '../core/errors.ts';
import { silentLogger } from '../core/logger.ts';
import { toMention } from '../core/mention.ts';
import { Metrics } from '../core/metrics.ts';
import type { CollectResult, CollectorDefinition, Cursor } from './types.ts';

/**
 * The contract every collector passes. A collector's test calls
 *
 *   collectorContract({ definition, options, mock, origins, now, bounded })
 *
 * with fixtures written after the source's documented responses, and gets
 * these tests (each on a fresh MockAgent with the network disabled and a
 * FakeClock that moves only while the collector waits):
 *
 * - mapping:    the first run returns ≥ `minMentions`, each passes core/mention.ts
 *               toMention(), source = the configured name, ids unique;
 * - cursor:     a second run with the first run's cursor returns nothing new;
 * - bounded:    with `bounded.options` a run returns at most `bounded.maxItems`,
 *               and following runs return the rest, never an id twice;
 * - retries:    (HTTP) the first request answers 500, the next 429 with
 *               `Retry-After: 30`: the run still succeeds and waited ≥ 30 s
 *               (fake time) after the 429, and not far longer;
 * - auth:       (HTTP) 401 everywhere: the run fails with code `auth_failed`;
 * - abort:      aborted while waiting out a Retry-After (HTTP) or before it
 *               starts: it settles at once, with nothing new and the old cursor.
 *
 * `mock(agent)` must register `.persist()`ed interceptors so every run sees the
 * same source data. `origins[0]` must be the origin of the collector's first
 * request (failures are injected there, ahead of the fixture's interceptors).
 */
export interface ContractFixture {
  definition: CollectorDefinition<unknown>;
  /** Source options as written in YAML (parsed with the definition's schema here). */
  options: Record<string, unknown>;
  /** Registers the source's normal answers (persisted). Omit for collectors without HTTP. */
  mock?(agent: MockAgent): void;
  /** HTTP origins the collector calls, first request's origin first. Empty: no HTTP checks. */
  origins?: string[];
  /** The fake clock's start; pick it close to the fixtures' dates. */
  now: number | string;
  brands?: BrandConfig[];
  /** Source name. Default `contract`. */
  name?: string;
  /** The first run returns at least this many mentions. Default 1. */
  minMentions?: number;
  /** Options with a small per-run bound, and that bound. */
  bounded?: { options: Record<string, unknown>; maxItems: number };
  /** Every mention's `source` must be this; null for collectors passing sources through (imports). Default: `name`. */
  expectSource?: string | null;
  /** Runs before every test (e.g. writes an input file). */
  setup?(): void | Promise<void>;
}

interface Harness {
  agent: MockAgent;
  clock: FakeClock;
  collect(cursor: Cursor | null, signal?: AbortSignal, options?: Record<string, unknown>): Promise<CollectResult>;
}

async function harness(f: ContractFixture): Promise<Harness> {
  await f.setup?.();
  const agent = new MockAgent();
  agent.disableNetConnect();
  const clock = new FakeClock(f.now);
  const metrics = new Metrics();
  const make = (options: Record<string, unknown>) =>
    f.definition.create(f.definition.options.parse(options), {
      name: f.name ?? 'contract',
      dispatcher: agent,
      clock,
      logger: silentLogger,
      metrics,
      brands: f.brands ?? [],
    });
  const main = make(f.options);
  return {
    agent,
    clock,
    collect: (cursor, signal = new AbortController().signal, options) =>
      drive(clock, (options ? make(options) : main).collect({ cursor, signal })),
  };
}

/** Settles `p`, moving the fake clock forward only while the collector is waiting on it. */
export async function drive<T>(clock: FakeClock, p: Promise<T>, maxFakeMs = 30 * 60_000): Promise<T> {
  let settled = false;
  // Handled at once, so a rejection is not "unhandled" while fake time moves.
  const tracked = p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  void tracked.then(() => (settled = true));
  const start = clock.now();
  while (!settled) {
    // Real time for in-process I/O (MockAgent, files) to progress before fake time moves.
    await new Promise((r) => setTimeout(r, 2));
    if (settled) break;
    if (clock.pending() > 0) await clock.advance(250);
    if (clock.now() - start > maxFakeMs) throw new Error(`collector still busy after ${maxFakeMs} ms of fake time`);
  }
  const outcome = await tracked;
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

function checkMentions(result: CollectResult, name: string | null, now: number): void {
  const ids = new Set<string>();
  for (const m of result.mentions) {
    const mention = toMention(m, { now, maxTextLength: 100_000 });
    if (name !== null) expect(mention.source).toBe(name);
    expect(mention.text.length, `${mention.id} has text`).toBeGreaterThan(0);
    expect(ids.has(mention.id), `${mention.id} returned twice`).toBe(false);
    ids.add(mention.id);
  }
}

export function collectorContract(fixture: ContractFixture): void {
  const name = fixture.name ?? 'contract';
  const http = (fixture.origins?.length ?? 0) > 0;

  describe(`collector contract: ${fixture.definition.type}`, () => {
    it('maps every item to a valid mention', async () => {
      const h = await harness(fixture);
      fixture.mock?.(h.agent);
      const first = await h.collect(null);
      expect(first.mentions.length).toBeGreaterThanOrEqual(fixture.minMentions ?? 1);
      checkMentions(first, fixture.expectSource === undefined ? name : fixture.expectSource, h.clock.now());
      // The cursor must survive the trip through Redis (JSON).
      expect(JSON.parse(JSON.stringify(first.cursor))).toEqual(first.cursor);
    });

    it('honours its cursor: a second run returns nothing new', async () => {
      const h = await harness(fixture);
      fixture.mock?.(h.agent);
      const first = await h.collect(null);
      const second = await h.collect(first.cursor);
      expect(second.mentions.map((m) => m.id)).toEqual([]);
    });

    if (fixture.bounded) {
      const bounded = fixture.bounded;
      it(`bounds a run to ${bounded.maxItems} items and continues on the next`, async () => {
        const h = await harness(fixture);
        fixture.mock?.(h.agent);
        const all = await h.collect(null, undefined, { ...fixture.options, ...bounded.options, maxItemsPerRun: 100_000 });
        let cursor: Cursor | null = null;
        const seen: string[] = [];
        for (let run = 0; run < 50; run++) {
          const r: CollectResult = await h.collect(cursor, undefined, bounded.options);
          expect(r.mentions.length).toBeLessThanOrEqual(bounded.maxItems);
          seen.push(...r.mentions.map((m) => m.id));
          cursor = r.cursor;
          if (r.mentions.length === 0) break;
        }
        expect(new Set(seen).size).toBe(seen.length);
        expect([...seen].sort()).toEqual(all.mentions.map((m) => m.id).sort());
      });
    }

    if (http) {
      const origin = fixture.origins![0]!;
      it('retries 500 and 429, waiting as long as Retry-After says', async () => {
        const h = await harness(fixture);
        const at: number[] = [];
        const pool = h.agent.get(origin);
        pool.intercept({ path: () => true, method: () => true }).reply(() => {
          at.push(h.clock.now());
          return { statusCode: 500, data: 'upstream broke' };
        });
        pool.intercept({ path: () => true, method: () => true }).reply(() => {
          at.push(h.clock.now());
          return { statusCode: 429, data: 'slow down', responseOptions: { headers: { 'retry-after': '30' } } };
        });
        fixture.mock?.(h.agent);
        const r = await h.collect(null);
        expect(at).toHaveLength(2);
        expect(r.mentions.length).toBeGreaterThanOrEqual(fixture.minMentions ?? 1);
        const waited = h.clock.now() - at[1]!;
        expect(waited).toBeGreaterThanOrEqual(30_000);
        expect(waited).toBeLessThan(35_000);
      });

      it('fails with auth_failed when credentials are rejected', async () => {
        const h = await harness(fixture);
        for (const o of fixture.origins!) {
          h.agent.get(o).intercept({ path: () => true, method: () => true }).reply(401, 'unauthorized').persist();
        }
        const err = await h.collect(null).then(() => null, (e: unknown) => e);
        expect(errorCode(err)).toBe('auth_failed');
      });
    }

    it('stops at once on abort, returning nothing new and keeping the cursor', async () => {
      const h = await harness(fixture);
      const cursor: Cursor | null = null;
      const controller = new AbortController();
      let run: Promise<CollectResult>;
      if (http) {
        let hit!: () => void;
        const requested = new Promise<void>((r) => (hit = r));
        h.agent.get(fixture.origins![0]!).intercept({ path: () => true, method: () => true }).reply(() => {
          hit();
          return { statusCode: 503, data: 'maintenance', responseOptions: { headers: { 'retry-after': '120' } } };
        }).persist();
        run = fixture.definition.create(fixture.definition.options.parse(fixture.options), {
          name, dispatcher: h.agent, clock: h.clock, logger: silentLogger, metrics: new Metrics(), brands: fixture.brands ?? [],
        }).collect({ cursor, signal: controller.signal });
        await requested;
        // Let the collector reach its Retry-After wait (on the fake clock, which does not move here).
        for (let i = 0; i < 50 && h.clock.pending() === 0; i++) await new Promise((r) => setTimeout(r, 2));
        controller.abort(new Error('shutdown'));
      } else {
        controller.abort(new Error('shutdown'));
        run = h.collect(cursor, controller.signal);
      }
      const outcome = await Promise.race([
        run.then((r) => ({ r }), (e: unknown) => ({ e })),
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5_000)),
      ]);
      expect(outcome).not.toBe('hung');
      if (outcome !== 'hung' && 'r' in outcome) {
        expect(outcome.r.mentions).toEqual([]);
        expect(outcome.r.cursor).toEqual(cursor);
      }
    });
  });
}
