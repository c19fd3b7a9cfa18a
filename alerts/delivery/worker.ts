import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../../core/clock.ts';
import { RetryableError, errorCode, errorMessage, isRetryable } from '../../core/errors.ts';
import type { EarshotEvent } from '../../core/events.ts';
import type { Logger } from '../../core/logger.ts';
import { QUEUE } from '../../core/queues.ts';
import type { AlertsConfig } from '../config.ts';
import type { Receiver } from '../receivers/types.ts';
import type { Notification } from '../types.ts';

export interface DeliveryWorkerOptions {
  connection: Redis;
  /** Plain client for markers and counters. */
  redis: Redis;
  prefix: string;
  delivery: AlertsConfig['delivery'];
  receivers: Map<string, Receiver>;
  clock: Clock;
  logger: Logger;
  /** Delivery log and ops events (the `events` table). */
  record: (events: EarshotEvent[]) => Promise<void>;
  /** How long a notification waits for an earlier one to the same receiver before going anyway. Default 6h. */
  orderTimeoutMs?: number;
  /** Hook for benchmarks and tests: called after a notification was delivered. */
  onDelivered?: (n: Notification) => void;
}

/** Advances the per-(receiver, orderKey) "done" counter, never backwards. */
const ADVANCE = `
local d = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if d < tonumber(ARGV[2]) then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1`;

/**
 * Delivers notifications: exactly once per idempotency key (a Redis "delivered"
 * marker is checked before and set after sending), in sequence per receiver and
 * group, retried with capped exponential backoff. A permanent failure (4xx) is
 * not retried; it is logged and raises an ops event, and the next one goes on.
 */
export function startDeliveryWorker(o: DeliveryWorkerOptions): Worker<Notification> {
  const doneKey = `${o.prefix}:alerts:done`;
  const orderTimeout = o.orderTimeoutMs ?? 6 * 3_600_000;
  const delivered = (n: Notification) => `${o.prefix}:alerts:delivered:${n.key}`;

  const finish = async (n: Notification) => {
    await o.redis.eval(ADVANCE, 1, doneKey, `${n.receiver}|${n.orderKey}`, n.seq);
  };

  const processor = async (job: Job<Notification>, token?: string) => {
    const n = job.data;
    if (await o.redis.exists(delivered(n))) {
      await finish(n);
      return 'duplicate';
    }
    const done = Number((await o.redis.hget(doneKey, `${n.receiver}|${n.orderKey}`)) ?? 0);
    if (n.seq > done + 1 && Date.now() - job.timestamp < orderTimeout) {
      // An earlier notification to this receiver is still being retried: wait behind it without using an attempt.
      await job.moveToDelayed(Date.now() + Math.min(o.delivery.backoff, 1000), token);
      throw new DelayedError();
    }
    const receiver = o.receivers.get(n.receiver);
    const base: Omit<EarshotEvent, 'type'> = {
      at: o.clock.now(), kind: 'delivery', entityId: n.alerts[0]?.id ?? n.key, brand: n.alerts[0]?.brand ?? '',
      data: { receiver: n.receiver, step: n.step, reason: n.reason, key: n.key, attempt: job.attemptsMade + 1, alerts: n.alerts.map((a) => a.id) },
    };
    try {
      if (!receiver) throw new UnrecoverableError(`receiver "${n.receiver}" is not configured any more`);
      await receiver.send(n, AbortSignal.timeout(30_000));
    } catch (err) {
      const last = !isRetryable(err) || err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const data = { ...base.data, code: errorCode(err), error: errorMessage(err).slice(0, 500) };
      if (last) {
        await finish(n);
        await o.record([
          { ...base, type: 'gave_up', data },
          { at: base.at, kind: 'ops', type: 'delivery_permanent_failure', entityId: n.receiver, brand: base.brand ?? '', data },
        ]);
        o.logger.error('notification given up', { receiver: n.receiver, key: n.key, code: errorCode(err), error: errorMessage(err) });
        throw new UnrecoverableError(errorMessage(err));
      }
      await o.record([{ ...base, type: 'failed', data }]);
      throw err;
    }
    await o.redis.set(delivered(n), '1', 'EX', 90 * 86_400);
    await finish(n);
    await o.record([{ ...base, type: 'sent' }]);
    o.onDelivered?.(n);
    return 'sent';
  };

  return new Worker<Notification>(QUEUE.notifications, processor, {
    connection: o.connection,
    prefix: o.prefix,
    concurrency: o.delivery.concurrency,
    settings: {
      backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => {
        const exp = Math.min(o.delivery.max_backoff, o.delivery.backoff * 2 ** Math.max(0, attemptsMade - 1));
        const advised = err instanceof RetryableError ? (err.retryAfterMs ?? 0) : 0;
        return Math.max(exp, Math.min(advised, o.delivery.max_backoff * 4));
      },
    },
  });
}
