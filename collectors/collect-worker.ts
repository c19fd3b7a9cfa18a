import { randomUUID } from 'node:crypto';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ResolvedSource } from '../config/load.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import { QUEUE, type CollectJob } from '../core/queues.ts';
import type { RunSummary, SourceRunner } from './run-source.ts';

export interface CollectWorkerOptions {
  runner: SourceRunner;
  sources: readonly ResolvedSource[];
  connection: Redis;
  prefix: string;
  clock: Clock;
  logger: Logger;
  /** Different sources collected at once by this process. Default: the number of sources, at most 8. */
  concurrency?: number;
  /** How long `stop()` waits for a graceful close before forcing it. Default 10 s. */
  closeTimeoutMs?: number;
  /** Ticks older than this when picked up (the worker was down) are dropped; the next tick runs. Default 10 min. */
  staleAfterMs?: number;
}

/**
 * Consumes the `collect` queue. A run that fails is recorded and the job still
 * completes: the source's next tick is its retry, and other sources go on.
 */
export function startCollectWorker(o: CollectWorkerOptions): { worker: Worker<CollectJob>; stop(): Promise<void> } {
  const byName = new Map(o.sources.map((s) => [s.name, s]));
  const shutdown = new AbortController();
  const staleAfter = o.staleAfterMs ?? 10 * 60_000;
  const worker = new Worker<CollectJob, RunSummary | { skipped: string }>(
    QUEUE.collect,
    async (job: Job<CollectJob>) => {
      const source = byName.get(job.data.source);
      if (!source) return { skipped: `source "${job.data.source}" is not configured in this process` };
      const mode = job.data.mode ?? 'scheduled';
      if (mode === 'scheduled' && o.clock.now() - job.data.scheduledAt > staleAfter) {
        o.logger.info('dropping a stale tick', { source: source.name, scheduledAt: new Date(job.data.scheduledAt).toISOString() });
        return { skipped: 'stale tick' };
      }
      return o.runner.run({
        source,
        signal: shutdown.signal,
        runId: `${job.data.scheduledAt}.${randomUUID().slice(0, 8)}`,
        ...(job.data.since === undefined ? {} : { since: job.data.since }),
      });
    },
    {
      connection: o.connection,
      prefix: o.prefix,
      concurrency: o.concurrency ?? Math.max(1, Math.min(8, o.sources.length)),
      // A run may wait on Retry-After for minutes; the source lock, not BullMQ's, guards overlap.
      lockDuration: 120_000,
    },
  );
  worker.on('error', (err) => o.logger.warn('collect worker error', { error: err.message }));
  return {
    worker,
    async stop() {
      // Running collects see the abort, return at once and keep their old cursor.
      shutdown.abort(new Error('shutting down'));
      // With Redis already gone a graceful close never ends; the process is leaving anyway.
      const wait = o.closeTimeoutMs ?? 10_000;
      if (!(await within(worker.close(), wait))) {
        o.logger.warn(`collect worker did not close in ${wait} ms; forcing it`);
        await within(worker.close(true), 2_000);
      }
    },
  };
}

/** True when `p` settled within `ms`; never rejects. */
export async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((r) => {
    timer = setTimeout(() => r(false), ms);
  });
  try {
    return await Promise.race([p.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
