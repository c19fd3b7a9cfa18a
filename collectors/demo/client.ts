import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { DemoOptions } from './config.ts';
import { generateDemo } from './generate.ts';

/** A first run looks this far back; a long pause is not caught up beyond `CATCH_UP_MS`. */
const FIRST_RUN_MS = 2 * 60_000;
const CATCH_UP_MS = 60 * 60_000;

/** Generates the demo stream up to the clock's now; the cursor is the last generated time. */
export class DemoCollector implements Collector {
  constructor(
    private readonly options: DemoOptions,
    private readonly deps: CollectorDeps,
  ) {}

  async collect({ cursor, signal, since }: CollectInput): Promise<CollectResult> {
    if (signal.aborted) throw signal.reason ?? new Error('aborted');
    const now = this.deps.clock.now();
    const last = typeof cursor?.last === 'number' ? cursor.last : now - FIRST_RUN_MS;
    const from = Math.max(since ?? last, now - CATCH_UP_MS);
    const mentions = generateDemo(from, now, this.options.maxItemsPerRun, {
      brands: this.deps.brands,
      perMinute: this.options.perMinute,
      seed: this.options.seed,
      source: this.deps.name,
    });
    // Cut short by maxItemsPerRun: continue after the last one returned.
    const full = mentions.length < this.options.maxItemsPerRun;
    const next = full ? Math.max(now, last) : Date.parse(mentions.at(-1)!.publishedAt);
    return { mentions, cursor: { last: next }, stats: { fetched: mentions.length, duplicates: 0 } };
  }
}
