import { resolve } from 'node:path';
import client from 'prom-client';
import { loadConfig, type Config } from '../config/load.ts';
import { SystemClock } from '../core/clock.ts';
import { ConfigError, errorMessage } from '../core/errors.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { Metrics } from '../core/metrics.ts';
import { startOpsServer } from '../core/ops-server.ts';
import { openRedis, openStore, type RedisHandle } from '../core/runtime.ts';
import type { Store } from '../core/store/clickhouse.ts';
import { Pipeline, type AfterStore } from '../pipeline/pipeline.ts';
import { startPipelineWorker } from '../pipeline/worker.ts';
import { mentionsQueue } from '../pipeline/queue.ts';
import { consumeStored, publishStored } from '../pipeline/stored-stream.ts';
import { startCollectors } from '../collectors/start.ts';
import { createAlerter, type Alerter } from '../alerts/alerter.ts';
import { createCareQueue } from '../care/queue.ts';
import { createLeadHandoff } from '../care/leads.ts';
import { createApiServer } from '../api/server.ts';
import { webhookIngest } from '../collectors/webhook/plugin.ts';
import { startProgress } from './progress.ts';

export type Role = 'scheduler' | 'worker' | 'alerter' | 'api';

interface Running {
  stop(): Promise<void>;
}

export interface RoleContext {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  clock: SystemClock;
  store: Store;
  redis: RedisHandle;
  prefix: string;
  /** Hooks run after each stored batch (care queue, alert monitor). */
  afterStore: AfterStore[];
}

function embeddedLockHint(err: unknown, config: Config): Error {
  const msg = errorMessage(err);
  if (/Code:? ?76|lock|already in use|different on-disk path/i.test(msg)) {
    return new Error(
      `the embedded store at ${resolve(config.store.path)} is in use by another earshot process. ` +
        'The embedded engine serves one process: run all roles with `earshot start`, or set CLICKHOUSE_URL to a ClickHouse server to run roles separately.',
    );
  }
  return err instanceof Error ? err : new Error(msg);
}

/**
 * Runs the given roles in this process until SIGINT/SIGTERM. `start` runs all of
 * them over one store and one Redis; the split deployment runs one per process.
 */
export async function runRoles(roles: Role[], configFile: string | undefined): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(configFile);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nearshot did not start.\n`);
      return 1;
    }
    throw err;
  }
  const logger = createLogger({ base: { role: roles.join('+') } });
  const metrics = new Metrics();
  client.collectDefaultMetrics({ register: metrics.registry, prefix: 'earshot_process_' });
  const clock = new SystemClock();
  const redis = await openRedis(config, logger);
  let store: Store;
  try {
    store = await openStore(config, logger);
  } catch (err) {
    await redis.close();
    throw embeddedLockHint(err, config);
  }
  const ctx: RoleContext = { config, logger, metrics, clock, store, redis, prefix: config.redis.prefix, afterStore: [] };
  const running: Running[] = [];
  const queueConn = redis.connect();
  const queue = mentionsQueue(queueConn, ctx.prefix);

  try {
    const publicUrl = config.api.publicUrl || `http://${config.api.host}:${config.api.port}`;
    // The alerter's engine is needed where alerts are worked on: the alerter role
    // (ticks, detection, escalation, delivery) and the API (ack, resolve, silence).
    let alerter: Alerter | null = null;
    if (roles.includes('alerter') || roles.includes('api')) {
      alerter = createAlerter({
        config: config.alerts, clock, store, redis: redis.connect(), bullConnection: redis.connect(), deliver: true,
        worker: roles.includes('alerter'), prefix: ctx.prefix, publicUrl, logger: logger.child({ component: 'alerts' }),
      });
      const a = alerter;
      running.push({ stop: () => a.stop() });
    }
    if (roles.includes('alerter') && alerter) {
      const a = alerter;
      a.start(1000);
      const consumer = consumeStored({ redis: redis.connect(), prefix: ctx.prefix, consumer: 'alerter', observe: (m) => a.observe(m), logger });
      running.push(consumer);
    }
    if (roles.includes('worker')) {
      const leads = config.care.leads.url
        ? createLeadHandoff({ config, redis: redis.connect(), store, clock, prefix: ctx.prefix, logger })
        : undefined;
      if (leads) {
        const lw = leads.startWorker(redis.connect());
        running.push({ stop: async () => { await lw.close(); await leads.close(); } });
      }
      const care = createCareQueue({ config, redis: redis.connect(), store, clock, prefix: ctx.prefix, logger, ...(leads ? { leads } : {}) });
      ctx.afterStore.push(publishStored(redis.connect(), ctx.prefix), async (mentions) => {
        await care.ingest(mentions);
      });
      const pipeline = new Pipeline({ config, store, redis: redis.connect(), prefix: ctx.prefix, clock, logger, metrics, afterStore: ctx.afterStore });
      const w = startPipelineWorker({
        pipeline, store, connection: redis.connect(), prefix: ctx.prefix, concurrency: config.pipeline.concurrency,
        logger, metrics, lockDuration: config.pipeline.stallTimeout, stalledInterval: Math.max(1000, Math.floor(config.pipeline.stallTimeout / 2)),
      });
      running.push(w);
    }
    if (roles.includes('scheduler')) {
      const c = startCollectors({ config, redis, store, clock, logger, metrics, prefix: ctx.prefix });
      running.push(c);
    }
    const depth = metrics.gauge('earshot_queue_depth', 'Jobs waiting or active in a queue', ['queue', 'state']);
    const refreshDepth = async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
      for (const [state, n] of Object.entries(counts)) depth.set({ queue: 'mentions', state }, n);
      return counts;
    };
    let url: string;
    if (roles.includes('api')) {
      const app = await createApiServer({
        config, store, redis: redis.connect(), prefix: ctx.prefix, metrics, clock, logger,
        ...(alerter ? { alerts: alerter.service } : {}), plugins: [webhookIngest()],
      });
      app.addHook('onRequest', async (req) => {
        if (req.url === '/metrics') await refreshDepth().catch(() => undefined);
      });
      await app.listen({ host: config.api.host, port: config.api.port });
      const addr = app.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.api.port;
      url = `http://${config.api.host.includes(':') ? `[${config.api.host}]` : config.api.host}:${port}`;
      running.push({ stop: () => app.close() });
    } else {
      const ops = await startOpsServer({
        host: config.api.host,
        port: config.api.port,
        metrics,
        health: async () => {
          await redis.connect().ping();
          await store.query('SELECT 1');
          return { roles, store: store.embedded ? 'embedded' : 'server', queue: await refreshDepth() };
        },
      });
      url = ops.url;
      running.push({ stop: () => ops.close() });
    }
    process.stderr.write(
      `earshot ${roles.join(', ')} running\n` +
        (roles.includes('api') ? `  web page and API: ${url}/   (create a token: npx earshot token create --role admin --name me)\n` : '') +
        `  metrics: ${url}/metrics   health: ${url}/healthz\n` +
        `  data:    ${store.location}  (redis ${redis.local ? `owned, ${resolve(config.redis.dataDir)}` : 'external'})\n` +
        (config.demo ? '  sources: DEMO data only (no sources configured; see config/default.yaml)\n' : `  sources: ${config.sources.map((s) => s.name).join(', ') || 'none configured'}\n`),
    );
    if (roles.includes('worker') || roles.includes('scheduler')) running.push(startProgress({ metrics, clock }));
  } catch (err) {
    for (const r of running.reverse()) await r.stop().catch(() => {});
    await queue.close();
    await store.close();
    await redis.close();
    throw err;
  }

  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  logger.info('stopping');
  for (const r of running.reverse()) await r.stop().catch((e: Error) => logger.warn('stop failed', { error: e.message }));
  await queue.close();
  await store.close();
  await redis.close();
  return 0;
}
