import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { Metrics } from '../../core/metrics.ts';
import { Store } from '../../core/store/clickhouse.ts';
import { migrate } from '../../core/store/migrate.ts';
import { migrations } from '../../core/store/migrations/index.ts';
import { createRedis } from '../../core/redis/connection.ts';
import { startLocalRedis } from '../../core/redis/local-server.ts';
import type { Config } from '../../config/load.ts';
import { readJsonl } from '../../collectors/jsonl-import/read.ts';
import { Pipeline, type AfterStore } from '../pipeline.ts';
import type { Mention } from '../../core/mention.ts';
import { createAlerter } from '../../alerts/alerter.ts';
import type { AlertEventOut } from '../../alerts/types.ts';

export interface ReplayOptions {
  file: string;
  config: Config;
  logger: Logger;
  /** 'max' = as fast as possible; N = N× the stream's own pace. */
  speed: 'max' | number;
  /** Keep the replay's store here instead of a temp dir that is removed afterwards. */
  storeDir?: string;
  /** Every alert event the playbook would have produced (the `--alerts-out` lines). */
  onAlertEvent?: (e: AlertEventOut) => void;
  /** Deliver notifications to the configured receivers (`--deliver`); default: dry run. */
  deliver?: boolean;
  /** Progress callback, every batch. */
  onProgress?: (s: ReplaySummary) => void;
}

/** The `--json` summary; `read`, `stored`, `duplicates`, `deadLettered`, `brands` are an interface. */
export interface ReplaySummary {
  read: number;
  stored: number;
  duplicates: number;
  deadLettered: number;
  unmatched: number;
  brands: Record<string, number>;
  seconds: number;
  mentionsPerSecond: number;
  simulatedFrom: string | null;
  simulatedTo: string | null;
  store: string;
  deadLetterReasons: Record<string, number>;
  /** Alerts fired, per severity. */
  alerts: Record<string, number>;
}

/** Simulated time between alerter ticks; windows and timers carry their own exact times. */
const TICK_MS = 15_000;
/** After the last mention the clock runs on this long, so open windows close and timers fire. */
const TAIL_MS = 3_600_000;

function publishedMs(item: unknown): number | null {
  if (!item || typeof item !== 'object') return null;
  const v = (item as { publishedAt?: unknown }).publishedAt;
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

/**
 * Feeds a recorded stream through the whole pipeline into a fresh store and a
 * private Redis of its own (never the live data), with a simulated clock that
 * follows the mentions' timestamps.
 */
export async function replay(options: ReplayOptions): Promise<ReplaySummary> {
  const work = mkdtempSync(join(tmpdir(), 'earshot-replay-'));
  const storePath = options.storeDir ?? join(work, 'clickhouse');
  const redisServer = await startLocalRedis(join(work, 'redis'));
  const redis = createRedis(redisServer.url);
  const store = await Store.open({ path: storePath });
  const clock = new FakeClock(0);
  const started = Date.now();
  const summary: ReplaySummary = {
    read: 0, stored: 0, duplicates: 0, deadLettered: 0, unmatched: 0, brands: {}, seconds: 0, mentionsPerSecond: 0,
    simulatedFrom: null, simulatedTo: null, store: options.storeDir ?? '(temporary, removed)', deadLetterReasons: {}, alerts: {},
  };
  // The playbook runs on its own simulated clock, stepped through the stored mentions in time order.
  const alertClock = new FakeClock(0);
  const alerter = createAlerter({
    config: options.config.alerts, clock: alertClock, store, deliver: options.deliver ?? false, graceMs: 0, prefix: 'replay',
    ...(options.deliver ? { redis, bullConnection: createRedis(redisServer.url) } : {}),
    logger: options.logger,
    onEvent: (e) => {
      if (e.event === 'fired') summary.alerts[e.severity] = (summary.alerts[e.severity] ?? 0) + 1;
      options.onAlertEvent?.(e);
    },
  });
  let nextTick = 0;
  const feed = async (mentions: Mention[]) => {
    const sorted = [...mentions].sort((a, b) => a.publishedAt - b.publishedAt);
    let pending: Mention[] = [];
    for (const m of sorted) {
      if (nextTick === 0) nextTick = Math.floor(m.publishedAt / TICK_MS) * TICK_MS + TICK_MS;
      if (m.publishedAt >= nextTick) {
        if (pending.length) await alerter.observe(pending);
        pending = [];
        const at = Math.floor(m.publishedAt / TICK_MS) * TICK_MS;
        await alertClock.set(at);
        await alerter.tick(at);
        nextTick = at + TICK_MS;
      }
      pending.push(m);
    }
    if (pending.length) await alerter.observe(pending);
  };
  try {
    await migrate(store, migrations);
    const hooks: AfterStore[] = [(mentions) => feed(mentions)];
    const pipeline = new Pipeline({
      config: options.config, store, redis, prefix: 'replay', clock, logger: options.logger, metrics: new Metrics(), afterStore: hooks,
    });
    const batchSize = options.config.pipeline.batchSize;
    let items: unknown[] = [];
    let rejects: Array<{ reason: string; payload: string }> = [];
    let batchNo = 0;
    let lastSim: number | null = null;
    let lastWall = Date.now();

    const flush = async () => {
      if (items.length === 0 && rejects.length === 0) return;
      let newest = clock.now();
      for (const it of items) {
        const t = publishedMs(it);
        if (t !== null && t > newest) newest = t;
      }
      if (summary.simulatedFrom === null && newest > 0) summary.simulatedFrom = new Date(newest).toISOString();
      if (options.speed !== 'max' && lastSim !== null && newest > lastSim) {
        const wait = (newest - lastSim) / options.speed - (Date.now() - lastWall);
        if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, 60_000)));
      }
      lastSim = newest;
      lastWall = Date.now();
      await clock.set(newest);
      const r = await pipeline.process({ source: 'replay', items, rejects, receivedAt: clock.now() }, `replay|${batchNo++}`);
      summary.stored += r.stored;
      summary.duplicates += r.duplicates;
      summary.deadLettered += r.deadLettered;
      summary.unmatched += r.unmatched;
      for (const m of r.mentions) for (const b of m.brands) summary.brands[b] = (summary.brands[b] ?? 0) + 1;
      for (const d of r.deadLetters) summary.deadLetterReasons[d.code] = (summary.deadLetterReasons[d.code] ?? 0) + 1;
      items = [];
      rejects = [];
      options.onProgress?.(summary);
    };

    for await (const entry of readJsonl(options.file)) {
      summary.read++;
      if ('error' in entry) rejects.push({ reason: entry.error, payload: entry.raw });
      else items.push(entry.value);
      if (items.length + rejects.length >= batchSize) await flush();
    }
    await flush();
    if (nextTick > 0) {
      const end = nextTick + TAIL_MS;
      await alertClock.set(end);
      await alerter.tick(end);
    }
    await alerter.flush();
    summary.simulatedTo = clock.now() > 0 ? new Date(clock.now()).toISOString() : null;
    summary.seconds = (Date.now() - started) / 1000;
    summary.mentionsPerSecond = Math.round(summary.read / Math.max(summary.seconds, 0.001));
    return summary;
  } finally {
    await alerter.stop();
    await store.close();
    await redis.quit().catch(() => redis.disconnect());
    await redisServer.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
