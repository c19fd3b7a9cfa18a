import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE, type MentionBatchJob } from '../core/queues.ts';
import type { Logger } from '../core/logger.ts';
import type { Metrics } from '../core/metrics.ts';
import type { Store } from '../core/store/clickhouse.ts';
import { deadLetterRow } from './stages/write-clickhouse/rows.ts';
import type { Pipeline } from './pipeline.ts';

export interface WorkerOptions {
  pipeline: Pipeline;
  store: Store;
  connection: Redis;
  prefix: string;
  concurrency: number;
  logger: Logger;
  metrics: Metrics;
  /** How long a job's lock lasts without renewal; a killed worker's job is retried after about this. */
  lockDuration?: number;
  stalledInterval?: number;
}

/**
 * The pipeline worker role: takes mention batches off the queue, runs the
 * pipeline, acknowledges only after the insert. A crash mid-batch leaves the
 * job locked; BullMQ hands it out again once the lock lapses (at-least-once),
 * and the batch's dedup tokens make the second insert a no-op (exactly once).
 */
export function startPipelineWorker(options: WorkerOptions): { worker: Worker<MentionBatchJob>; stop(): Promise<void> } {
  const { pipeline, logger, metrics, store } = options;
  const batches = metrics.counter('earshot_batches_total', 'Mention batches processed', ['status']);
  const worker = new Worker<MentionBatchJob>(
    QUEUE.mentions,
    async (job: Job<MentionBatchJob>) => {
      const r = await pipeline.process(job.data, `${job.id}`);
      batches.inc({ status: 'ok' });
      return { stored: r.stored, duplicates: r.duplicates, deadLettered: r.deadLettered, unmatched: r.unmatched };
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockDuration ?? 30_000,
      stalledInterval: options.stalledInterval ?? 30_000,
      maxStalledCount: 5,
    },
  );
  worker.on('failed', (job, err) => {
    batches.inc({ status: 'failed' });
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    logger.warn(final ? 'batch failed for good; dead-lettering it' : 'batch failed; will retry', {
      job: job.id, attempt: job.attemptsMade, error: err.message,
    });
    if (!final) return;
    // The whole batch failed every attempt (e.g. the store refused it): keep every item with the reason.
    const rows = job.data.items.map((item, i) => deadLetterRow({
      stage: 'batch', code: 'batch_failed', reason: `batch ${job.id} failed ${job.attemptsMade} times: ${err.message}`,
      source: job.data.source, mentionId: `${job.id}#${i}`, payload: JSON.stringify(item),
    }, Date.now()));
    store.insert('dead_letters', rows, `f:${job.id}`).catch((e: Error) => logger.error('could not dead-letter failed batch', { job: job.id, error: e.message }));
  });
  worker.on('error', (err) => logger.warn('pipeline worker error', { error: err.message }));
  return {
    worker,
    async stop() {
      await worker.close();
    },
  };
}
