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

/** Awaits `p` while advancing the fake clock in `stepMs` steps; returns the fake time spent too. */
export async function drive<T>(clock: FakeClock, p: Promise<T>, stepMs = 1000, maxSteps = 10_000): Promise<{ value: T; elapsed: number }> {
  const start = clock.now();
  let done = false;
  let value: T | undefined;
  let error: unknown;
  let failed = false;
  p.then(
    (v) => {
      done = true;
      value = v;
    },
    (e: unknown) => {
      done = true;
      failed = true;
      error = e;
    },
  );
  for (let i = 0; i < maxSteps && !done; i++) {
    // Real I/O (the mock dispatcher) resolves on the event loop, not in microtasks.
    await new Promise((r) => setImmediate(r));
    if (!done && clock.pending() > 0) await clock.advance(stepMs);
  }
  if (!done) throw new Error('run did not finish');
  if (failed) throw error;
  return { value: value as T, elapsed: clock.now() - start };
}
