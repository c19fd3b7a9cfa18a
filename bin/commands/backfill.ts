import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { collectorTypes } from '../../collectors/registry.ts';
import { loadConfig } from '../../config/load.ts';
import { parseDuration } from '../../config/duration.ts';
import { SystemClock } from '../../core/clock.ts';
import { errorMessage } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { Metrics } from '../../core/metrics.ts';
import { openRedis, openStore } from '../../core/runtime.ts';
import type { Store } from '../../core/store/clickhouse.ts';
import { configOption, type Command } from './command.ts';

/** `--since` as an ISO date/time or a duration back from now ("7d"). */
export function parseSince(value: string, now: number): number {
  if (/^\d+(\.\d+)?(ms|s|m|h|d|w)/.test(value)) return now - parseDuration(value);
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new Error(`--since "${value}" is neither a date (2026-03-01, 2026-03-01T12:00:00Z) nor a duration (7d, 12h)`);
  return t;
}

const command: Command = {
  name: 'backfill',
  summary: 'Re-run one source over a past window (where its API allows); mentions go to the queue, the pipeline dedupes.',
  usage: '--source NAME --since DATE|DURATION [--config F]',
  options: { ...configOption, source: { type: 'string', short: 's' }, since: { type: 'string' } },
  async run({ values }) {
    const name = values.source as string | undefined;
    const sinceArg = values.since as string | undefined;
    if (!name || !sinceArg) {
      process.stderr.write('earshot backfill: give --source NAME and --since DATE (e.g. 2026-03-01) or a duration (e.g. 7d)\n');
      return 2;
    }
    const config = loadConfig(values.config as string | undefined);
    const source = config.sources.find((s) => s.name === name);
    if (!source) {
      process.stderr.write(`earshot backfill: no source "${name}" in ${config.file}; configured: ${config.sources.map((s) => s.name).join(', ')}\n`);
      return 2;
    }
    if (collectorTypes[source.type]?.push) {
      process.stderr.write(`earshot backfill: "${name}" is a push source (${source.type}); its sender must resend the window, earshot cannot fetch it\n`);
      return 2;
    }
    const clock = new SystemClock();
    let since: number;
    try {
      since = parseSince(sinceArg, clock.now());
    } catch (err) {
      process.stderr.write(`earshot backfill: ${errorMessage(err)}\n`);
      return 2;
    }
    const logger = createLogger({ level: 'warn' });
    const metrics = new Metrics();
    // A running `earshot start` owns the local redis-server: use it, and leave it running afterwards.
    const sharedRedis = !config.redis.url && !process.env.REDIS_URL && existsSync(join(config.redis.dataDir, 'earshot-redis.json'));
    const redis = await openRedis(config, logger);
    let store: Store | null = null;
    try {
      store = await openStore(config, logger);
    } catch (err) {
      // The embedded store serves one process; the run is still queued, only its source_runs row is missing.
      process.stderr.write(`note: store not available (${errorMessage(err).split('\n')[0]}); the run is not recorded in source_runs\n`);
    }
    const conns = [redis.connect(), redis.connect()];
    const { SourceRunner } = await import('../../collectors/run-source.ts');
    const { mentionsQueue } = await import('../../pipeline/queue.ts');
    const queue = mentionsQueue(conns[1]!, config.redis.prefix);
    const requests = metrics.counter('earshot_source_requests_total', 'HTTP requests made by collectors', ['source', 'outcome']);
    const started = clock.now();
    process.stderr.write(`backfilling ${name} (${source.type}) since ${new Date(since).toISOString()}…\n`);
    const ticker = setInterval(async () => {
      const n = (await requests.get()).values.reduce((a, v) => a + v.value, 0);
      process.stderr.write(`  ${Math.round((clock.now() - started) / 1000)} s, ${n} requests so far\n`);
    }, 2000);
    const abort = new AbortController();
    const onSignal = () => abort.abort(new Error('interrupted'));
    process.once('SIGINT', onSignal);
    try {
      const runner = new SourceRunner({
        redis: conns[0]!, mentions: queue, store, dispatcher: (await import('undici')).getGlobalDispatcher(), clock, logger, metrics,
        prefix: config.redis.prefix, brands: config.brands, batchSize: config.pipeline.batchSize, attempts: config.pipeline.attempts,
      });
      const s = await runner.run({ source, since, signal: abort.signal, waitForLockMs: 10 * 60_000 });
      clearInterval(ticker);
      process.stderr.write(
        `${s.status}: fetched ${s.fetched}, queued ${s.new} mentions, ${s.rejects} rejects, ${s.errors} errors` +
          `${s.errorMessage ? ` (${s.errorMessage})` : ''} in ${((s.finishedAt - started) / 1000).toFixed(1)} s\n` +
          (s.new > 0 ? 'a running `earshot start` or `earshot worker` stores them; duplicates of stored mentions are dropped\n' : ''),
      );
      return s.status === 'ok' || s.status === 'partial' ? 0 : 1;
    } finally {
      clearInterval(ticker);
      process.off('SIGINT', onSignal);
      await queue.close();
      await store?.close();
      if (sharedRedis) await Promise.all(conns.map((c) => c.quit().catch(() => c.disconnect())));
      else await redis.close();
    }
  },
};
export default command;
