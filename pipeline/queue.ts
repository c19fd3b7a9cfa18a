import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE, type MentionBatchJob } from '../core/queues.ts';

/** Job options every mention batch gets: retried with backoff, kept briefly for inspection. */
export function batchJobOptions(attempts: number): JobsOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 7 * 86_400 },
  };
}

export function mentionsQueue(connection: Redis, prefix: string): Queue<MentionBatchJob> {
  return new Queue<MentionBatchJob>(QUEUE.mentions, { connection, prefix });
}

/**
 * Splits items into batches and enqueues them. `idBase` must be stable for the
 * same input (e.g. `<source>|<run>`), so a collector retrying after a crash
 * enqueues the same job ids and BullMQ keeps one of each.
 */
export async function enqueueMentions(
  queue: Queue<MentionBatchJob>,
  batch: MentionBatchJob,
  options: { batchSize: number; attempts: number; idBase: string },
): Promise<number> {
  const { items, rejects = [] } = batch;
  const jobs: Array<{ name: string; data: MentionBatchJob; opts: JobsOptions }> = [];
  const chunks = Math.max(1, Math.ceil(items.length / options.batchSize));
  for (let i = 0; i < chunks; i++) {
    const slice = items.slice(i * options.batchSize, (i + 1) * options.batchSize);
    const data: MentionBatchJob = { source: batch.source, items: slice, receivedAt: batch.receivedAt };
    if (i === 0 && rejects.length) data.rejects = rejects;
    if (slice.length === 0 && !data.rejects) continue;
    jobs.push({ name: 'batch', data, opts: { ...batchJobOptions(options.attempts), jobId: `${options.idBase}|${i}` } });
  }
  if (jobs.length) await queue.addBulk(jobs);
  return jobs.length;
}
