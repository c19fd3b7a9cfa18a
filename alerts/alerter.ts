import type { Redis } from 'ioredis';
import { Agent, type Dispatcher } from 'undici';
import type { Worker } from 'bullmq';
import type { Clock, TimerHandle } from '../core/clock.ts';
import { ConfigError } from '../core/errors.ts';
import { writeEvents, type EarshotEvent } from '../core/events.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import type { Mention } from '../core/mention.ts';
import { DEFAULT_PREFIX } from '../core/queues.ts';
import type { Store } from '../core/store/clickhouse.ts';
import { AlertsServiceImpl } from './alert-service.ts';
import type { AlertsConfig } from './config.ts';
import { NotificationQueue } from './delivery/queue.ts';
import { startDeliveryWorker } from './delivery/worker.ts';
import { AlertEngine } from './engine.ts';
import { linkUrl, signLink } from './links.ts';
import { Monitor, type DetectorFactory, type MonitorSnapshot } from './monitor.ts';
import { buildReceivers } from './receivers/index.ts';
import { MemoryState, RedisState, type AlertState } from './state.ts';
import type { AlertEventOut, Notification } from './types.ts';

export interface AlerterOptions {
  config: AlertsConfig;
  clock: Clock;
  /** Alert history and the delivery log go to its `events` table when given. */
  store?: Store;
  /** Persistent state and the delivery queue; without it state is kept in memory (replays only). */
  redis?: Redis;
  /** A second connection for BullMQ's blocking commands (default: a duplicate of `redis`). */
  bullConnection?: Redis;
  /** Send notifications (true) or only record them as "would notify" (false, replays without --deliver). */
  deliver: boolean;
  /** Every alert event, in the `--alerts-out` shape. */
  onEvent?: (e: AlertEventOut) => void;
  /** Redis/BullMQ prefix. Default `earshot`. */
  prefix?: string;
  /** Base of links in notifications (config `api.publicUrl`). Default http://127.0.0.1:8080. */
  publicUrl?: string;
  /** One-click link secret; default env EARSHOT_LINK_SECRET, then `alerts.link_secret`. */
  linkSecret?: string;
  /** Run the delivery worker in this process (default: when deliver is true). */
  worker?: boolean;
  /** HTTP dispatcher for receivers (tests: MockAgent). */
  dispatcher?: Dispatcher;
  /** The detector per series; default pipeline/detect-spikes. */
  detectorFactory?: DetectorFactory;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /**
   * Overrides `alerts.monitor.grace`. Replays pass 0: their mentions arrive in
   * time order, so a window is complete the moment the clock passes its end.
   */
  graceMs?: number;
  /** Benchmarks: called when a receiver accepted a notification. */
  onDelivered?: (n: Notification) => void;
}

export interface Alerter {
  engine: AlertEngine;
  monitor: Monitor;
  service: AlertsServiceImpl;
  state: AlertState;
  /** Feed stored mentions (after each pipeline batch, or each replayed batch). */
  observe(mentions: readonly Mention[]): Promise<void>;
  /** Close due windows and run due timers; call from a clock timer (live) or the replay clock. */
  tick(now?: number): Promise<void>;
  /** Live mode: tick every `everyMs` on the injected clock (default 1 s). */
  start(everyMs?: number): void;
  /** Waits for queued event writes. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the alerting module: monitor → engine → dispatcher → delivery (or dry run). */
export function createAlerter(o: AlerterOptions): Alerter {
  const logger = o.logger ?? silentLogger;
  const env = o.env ?? process.env;
  const prefix = o.prefix ?? DEFAULT_PREFIX;
  const state: AlertState = o.redis ? new RedisState(o.redis, `${prefix}:alerts`) : new MemoryState();
  const secret = o.linkSecret ?? (env.EARSHOT_LINK_SECRET || o.config.link_secret);
  const publicUrl = o.publicUrl || 'http://127.0.0.1:8080';
  if (o.deliver && !o.redis) {
    throw new ConfigError([{ path: 'alerts', message: 'delivering notifications needs Redis (the durable delivery queue)' }]);
  }

  let pendingWrites: Promise<void> = Promise.resolve();
  const record = (events: EarshotEvent[]): Promise<void> => {
    if (!o.store || events.length === 0) return Promise.resolve();
    const store = o.store;
    const p = pendingWrites.then(() => writeEvents(store, events)).catch((err: unknown) => {
      logger.error('could not write alert events', { error: (err as Error).message });
    });
    pendingWrites = p;
    return p;
  };

  const dispatcher = o.dispatcher ?? new Agent();
  const receivers = buildReceivers(o.config.receivers, { dispatcher, clock: o.clock, logger });
  const queue = o.deliver && o.redis ? new NotificationQueue(o.redis, prefix, o.config.delivery, o.bullConnection ?? o.redis.duplicate()) : null;
  let worker: Worker<Notification> | null = null;
  if (queue && o.redis && (o.worker ?? true)) {
    worker = startDeliveryWorker({
      connection: o.bullConnection ?? o.redis.duplicate(), redis: o.redis, prefix, delivery: o.config.delivery,
      receivers, clock: o.clock, logger, record, ...(o.onDelivered ? { onDelivered: o.onDelivered } : {}),
    });
    worker.on('error', (err) => logger.warn('delivery worker error', { error: err.message }));
  }

  const engine = new AlertEngine({
    config: o.config,
    clock: o.clock,
    state,
    logger,
    emit: async (raw) => {
      // Dry run: the same events, `notified` marked as what would have been sent.
      const e = !o.deliver && raw.event === 'notified' ? { ...raw, dryRun: true } : raw;
      o.onEvent?.(e);
      await record([
        {
          at: Date.parse(e.at), kind: 'alert', type: e.event, entityId: e.alertId, brand: e.brand, severity: e.severity,
          ...(e.actor ? { actor: e.actor } : {}),
          data: { kind: e.kind, title: e.title, receiver: e.receiver, step: e.step, reason: e.reason, dryRun: e.dryRun, explanation: e.explanation },
        },
      ]);
    },
    notify: async (n) => {
      if (queue) await queue.enqueue(n);
    },
    links: (alertId, at) => ({
      url: `${publicUrl.replace(/\/+$/, '')}/alerts/${alertId}`,
      ...(secret
        ? {
            ackUrl: linkUrl(publicUrl, signLink(secret, alertId, 'ack', at + o.config.link_ttl)),
            resolveUrl: linkUrl(publicUrl, signLink(secret, alertId, 'resolve', at + o.config.link_ttl)),
          }
        : {}),
    }),
  });

  const monitor = new Monitor({ config: o.config, engine, clock: o.clock, ...(o.graceMs !== undefined ? { graceMs: o.graceMs } : {}), ...(o.detectorFactory ? { detectorFactory: o.detectorFactory } : {}) });
  const service = new AlertsServiceImpl({ engine, state, config: o.config, clock: o.clock, secret, record });
  let timer: TimerHandle | null = null;
  let stopped = false;

  // The monitor's learning survives restarts: restored before the first tick, saved at most once a
  // minute of wall time (a replay's simulated clock would otherwise save it every simulated minute).
  const monitorKey = `${prefix}:alerts:monitor`;
  let restored: Promise<void> | null = null;
  let lastSave = performance.now();
  const restore = () =>
    (restored ??= (async () => {
      if (!o.redis) return;
      const json = await o.redis.get(monitorKey);
      if (json) monitor.restore(JSON.parse(json) as MonitorSnapshot);
    })().catch((err: unknown) => logger.warn('could not restore the monitor state; it re-learns', { error: (err as Error).message })));
  const save = async () => {
    const now = performance.now();
    if (!o.redis || now - lastSave < 60_000) return;
    lastSave = now;
    await o.redis.set(monitorKey, JSON.stringify(monitor.toJSON()));
  };

  const tick = async (now = o.clock.now()) => {
    await restore();
    await monitor.tick(now);
    await engine.tick(now);
    await save();
  };

  return {
    engine,
    monitor,
    service,
    state,
    observe: async (mentions) => {
      await restore();
      await monitor.observe(mentions);
    },
    tick,
    start(everyMs = 1000) {
      const loop = () => {
        if (stopped) return;
        tick()
          .catch((err: unknown) => logger.error('alerter tick failed', { error: (err as Error).message }))
          .finally(() => {
            if (!stopped) timer = o.clock.setTimeout(loop, everyMs);
          });
      };
      timer = o.clock.setTimeout(loop, 0);
    },
    flush: () => pendingWrites,
    async stop() {
      stopped = true;
      if (timer) o.clock.clearTimeout(timer);
      if (o.redis && restored) {
        lastSave = -Infinity;
        await save().catch((err: unknown) => logger.warn('could not save the monitor state', { error: (err as Error).message }));
      }
      await worker?.close();
      await queue?.close();
      await pendingWrites;
      if (!o.dispatcher) await (dispatcher as Agent).close();
    },
  };
}
