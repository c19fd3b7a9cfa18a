import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE } from '../../core/queues.ts';
import type { AlertsConfig } from '../config.ts';
import type { Notification } from '../types.ts';

/**
 * The producer side of durable delivery: one BullMQ job per (notification,
 * receiver), jobId = the idempotency key, so enqueuing twice (a retried timer)
 * adds it once. Each job gets a sequence number per (receiver, orderKey) at
 * first enqueue; the worker delivers them in that order.
 */
const ASSIGN_SEQ = `
local s = redis.call('HGET', KEYS[1], ARGV[1])
if s then return tonumber(s) end
local n = redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
redis.call('HSET', KEYS[1], ARGV[1], n)
return n`;

export class NotificationQueue {
  readonly queue: Queue<Notification>;

  constructor(
    private readonly redis: Redis,
    /** BullMQ prefix and key prefix, e.g. `earshot`. */
    private readonly prefix: string,
    private readonly delivery: AlertsConfig['delivery'],
    connection: Redis,
  ) {
    this.queue = new Queue<Notification>(QUEUE.notifications, { connection, prefix });
  }

  async enqueue(n: Notification): Promise<Notification> {
    const seq = (await this.redis.eval(
      ASSIGN_SEQ, 2, `${this.prefix}:alerts:seqof`, `${this.prefix}:alerts:seq`, n.key, `${n.receiver}|${n.orderKey}`,
    )) as number;
    const job = { ...n, seq };
    await this.queue.add('notify', job, {
      jobId: n.key.replace(/:/g, '_'),
      attempts: this.delivery.attempts,
      backoff: { type: 'capped' },
      removeOnComplete: { count: 10_000 },
      removeOnFail: { count: 10_000 },
    });
    return job;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
