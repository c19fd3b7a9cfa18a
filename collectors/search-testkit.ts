import { MockAgent } from 'undici';
import { FakeClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import { Metrics } from '../core/metrics.ts';
import type { BrandConfig } from '../config/schema.ts';
import type { CollectorDeps } from './types.ts';

/**
 * Test kit for the search collectors' client tests: a MockAgent that refuses
 * any request not intercepted (the outside internet is faked), a FakeClock,
 * and a driver that moves fake time while a run waits on budgets or backoff.
 */
export function testDeps(name: string, brands: Array<Partial<BrandConfig> & { name: string }> = [{ name: 'Acme' }]) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const clock = new FakeClock('2026-03-02T15:00:00Z');
  const metrics = new Metrics();
  const deps: CollectorDeps = {
    name,
    dispatcher: agent,
    clock,
    logger: silentLogger,
    metrics,
    brands: brands.map((b) => ({ query: b.name, languages: [], competitors: [], lexicon: {}, ...b })),
  };
  return { agent, clock, metrics, deps };
}

/** Awaits `p` while advancing the fake clock (only while something waits on it); returns the fake time spent too. */
export async function drive<T>(clock: FakeClock, p: Promise<T>, stepMs = 1000, maxFakeMs = 30 * 60_000): Promise<{ value: T; elapsed: number }> {
  const start = clock.now();
  let done = false;
  const tracked = p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  void tracked.then(() => (done = true));
  while (!done) {
    // Real time for the mock dispatcher's I/O; bounded by fake time, never by a step count, so a loaded machine cannot fail it.
    await new Promise((r) => setTimeout(r, 2));
    if (!done && clock.pending() > 0) await clock.advance(stepMs);
    if (clock.now() - start > maxFakeMs) throw new Error(`run still busy after ${maxFakeMs} ms of fake time`);
  }
  const outcome = await tracked;
  if (!outcome.ok) throw outcome.error;
  return { value: outcome.value, elapsed: clock.now() - start };
}
