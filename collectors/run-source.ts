import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Dispatcher } from 'undici';
import type { ResolvedSource } from '../config/load.ts';
import type { BrandConfig } from '../config/schema.ts';
import type { Clock } from '../core/clock.ts';
import { errorCode, errorMessage } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { Metrics } from '../core/metrics.ts';
import type { MentionBatchJob } from '../core/queues.ts';
import type { Store } from '../core/store/clickhouse.ts';
import { enqueueMentions } from '../pipeline/queue.ts';
import { CursorStore } from './cursor-store.ts';
import { SourceLock } from './lock.ts';
import { collectorTypes } from './registry.ts';
import { recordRun } from './run-record.ts';
import type { Collector, CollectResult } from './types.ts';

export interface SourceRunnerDeps {
  /** For the lock, cursor and health keys. */
  redis: Redis;
  mentions: Queue<MentionBatchJob>;
  /** `source_runs` rows and `ops` events; runs still work without one (counted in metrics only). */
  store: Store | null;
  dispatcher: Dispatcher;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  prefix: string;
  brands: readonly BrandConfig[];
  /** `pipeline.batchSize`: mentions per queue job. */
  batchSize: number;
  /** `pipeline.attempts`: attempts of each queued batch. */
  attempts: number;
  /** Lock TTL; renewed every third of it while the run lasts. Default 60 s. */
  lockTtlMs?: number;
}

export type RunStatus = 'ok' | 'partial' | 'failed' | 'skipped' | 'aborted';

export interface RunSummary {
  source: string;
  runId: string;
  status: RunStatus;
  fetched: number;
  /** Mentions queued for the pipeline. */
  new: number;
  duplicates: number;
  rejects: number;
  errors: number;
  errorCode: string;
  errorMessage: string;
  startedAt: number;
  finishedAt: number;
  /** now − newest publishedAt seen from this source, in seconds; null before anything was seen. */
  lagSeconds: number | null;
}

export interface RunParams {
  source: ResolvedSource;
  /** Shutdown: the collect stops, nothing is queued, the cursor stays. */
  signal?: AbortSignal;
  /** Backfill from this time (ms); the saved cursor is neither used nor replaced. */
  since?: number;
  /** Wait up to this long for a running run of the source to finish. Default 0: skip at once. */
  waitForLockMs?: number;
  /** Stable run id (scheduled runs: the tick); job ids derive from it. Default: a random uuid. */
  runId?: string;
}

/**
 * Runs sources: one collect at a time per source (Redis lock, across
 * processes), mentions queued before the cursor moves (at-least-once; the
 * pipeline dedupes), every run recorded (metrics, `source_runs`, health events).
 * Collectors are kept between runs, so a source's request budget persists.
 */
export class SourceRunner {
  private readonly collectors = new Map<string, { collector: Collector; key: string }>();
  private readonly cursors: CursorStore;

  constructor(private readonly deps: SourceRunnerDeps) {
    this.cursors = new CursorStore(deps.redis, deps.prefix);
  }

  private collectorFor(source: ResolvedSource): Collector {
    const key = `${source.type}|${JSON.stringify(source.options)}`;
    const cached = this.collectors.get(source.name);
    if (cached?.key === key) return cached.collector;
    const def = collectorTypes[source.type];
    if (!def) throw new Error(`unknown source type "${source.type}" for source "${source.name}"`);
    const { dispatcher, clock, metrics, brands } = this.deps;
    const collector = def.create(source.options, {
      name: source.name,
      dispatcher,
      clock,
      metrics,
      brands,
      logger: this.deps.logger.child({ source: source.name }),
    });
    this.collectors.set(source.name, { collector, key });
    return collector;
  }

  async run(params: RunParams): Promise<RunSummary> {
    const { source } = params;
    const { clock, logger } = this.deps;
    const runId = params.runId ?? randomUUID();
    const summary: RunSummary = {
      source: source.name, runId, status: 'ok', fetched: 0, new: 0, duplicates: 0, rejects: 0, errors: 0,
      errorCode: '', errorMessage: '', startedAt: clock.now(), finishedAt: 0, lagSeconds: null,
    };
    let lock = await SourceLock.acquire(this.deps.redis, this.deps.prefix, source.name, this.deps.lockTtlMs);
    // A backfill waits for a scheduled run to finish instead of giving up.
    for (const deadline = clock.now() + (params.waitForLockMs ?? 0); !lock && clock.now() < deadline && !params.signal?.aborted; ) {
      await clock.sleep(250, params.signal).catch(() => {});
      lock = await SourceLock.acquire(this.deps.redis, this.deps.prefix, source.name, this.deps.lockTtlMs);
    }
    if (!lock) {
      summary.status = 'skipped';
      summary.finishedAt = clock.now();
      logger.info('source run skipped: the previous run is still going', { source: source.name });
      await recordRun(this.deps, source, summary, null);
      return summary;
    }
    // A run starts when it holds the lock: runs of one source never overlap in these times.
    summary.startedAt = clock.now();
    const signal = params.signal ? AbortSignal.any([params.signal, lock.lost]) : lock.lost;
    let caught: unknown = null;
    try {
      await this.execute(params, summary, signal, runId);
    } catch (err) {
      caught = err;
      summary.status = 'failed';
      summary.errors = Math.max(1, summary.errors);
      summary.errorCode = errorCode(err);
      summary.errorMessage = errorMessage(err).slice(0, 2000);
    } finally {
      summary.finishedAt = clock.now();
      await lock.release().catch((e: unknown) => logger.warn('could not release source lock', { source: source.name, error: errorMessage(e) }));
    }
    await recordRun(this.deps, source, summary, caught);
    return summary;
  }

  private async execute(params: RunParams, summary: RunSummary, signal: AbortSignal, runId: string): Promise<void> {
    const { source } = params;
    const { clock } = this.deps;
    const saved = await this.cursors.load(source.name);
    let result: CollectResult;
    try {
      result = await this.collectorFor(source).collect({
        cursor: params.since === undefined ? (saved?.cursor ?? null) : null,
        signal,
        ...(params.since === undefined ? {} : { since: params.since }),
      });
    } catch (err) {
      if (!signal.aborted) throw err;
      summary.status = 'aborted';
      return;
    }
    // Aborted late: drop the result and keep the old cursor; the next run fetches it again.
    if (signal.aborted) {
      summary.status = 'aborted';
      return;
    }
    const rejects = result.rejects ?? [];
    summary.new = result.mentions.length;
    summary.rejects = rejects.length;
    summary.fetched = result.stats?.fetched ?? result.mentions.length + rejects.length;
    summary.duplicates = result.stats?.duplicates ?? 0;
    const errors = result.errors ?? [];
    summary.errors = errors.length;
    if (errors.length > 0) {
      summary.status = 'partial';
      summary.errorCode = errors[0]!.code;
      summary.errorMessage = errors.map((e) => e.message).join('; ').slice(0, 2000);
    }
    await enqueueMentions(
      this.deps.mentions,
      { source: source.name, items: result.mentions, rejects, receivedAt: clock.now() },
      { batchSize: this.deps.batchSize, attempts: this.deps.attempts, idBase: `${source.name}|${runId}` },
    );
    const newest = newestPublished(result, saved?.newestPublishedAt);
    // Only now, with the mentions safely queued, does the cursor move (a backfill never moves it).
    if (params.since === undefined) {
      await this.cursors.save(source.name, {
        cursor: result.cursor,
        ...(newest === undefined ? {} : { newestPublishedAt: newest }),
        savedAt: clock.now(),
      });
    }
    if (newest !== undefined) summary.lagSeconds = Math.max(0, (clock.now() - newest) / 1000);
  }
}

function newestPublished(result: CollectResult, previous: number | undefined): number | undefined {
  let newest = previous;
  for (const m of result.mentions) {
    const t = Date.parse(String(m.publishedAt));
    if (Number.isFinite(t) && (newest === undefined || t > newest)) newest = t;
  }
  return newest;
}

/** One run of one source, for tests and `earshot backfill`. */
export function runSourceOnce(deps: SourceRunnerDeps, params: RunParams): Promise<RunSummary> {
  return new SourceRunner(deps).run(params);
}
