import type { Redis } from 'ioredis';
import type { Config } from '../config/load.ts';
import type { Logger } from './logger.ts';
import { Store } from './store/clickhouse.ts';
import { applyRetention, migrate } from './store/migrate.ts';
import { migrations } from './store/migrations/index.ts';
import { createRedis } from './redis/connection.ts';
import { startLocalRedis, type LocalRedis } from './redis/local-server.ts';

/**
 * Opens the store the config and environment ask for (CLICKHOUSE_URL wins over
 * an empty `store.url`), migrates it and applies retention.
 */
export async function openStore(config: Config, logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  const url = config.store.url || env.CLICKHOUSE_URL || '';
  const store = await Store.open({
    url: url || undefined,
    username: env.CLICKHOUSE_USER || config.store.username,
    password: env.CLICKHOUSE_PASSWORD || config.store.password,
    database: config.store.database,
    path: config.store.path,
  });
  await migrate(store, migrations, logger);
  await applyRetention(store, config.store.retention);
  return store;
}

export interface RedisHandle {
  url: string;
  /** The redis-server earshot started, when it owns one. */
  local: LocalRedis | null;
  /** A fresh connection (BullMQ wants its own per Worker/Queue). */
  connect(): Redis;
  close(): Promise<void>;
}

/** REDIS_URL (or `redis.url`) when set; otherwise a local redis-server earshot starts and owns. */
export async function openRedis(config: Config, logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<RedisHandle> {
  const configured = config.redis.url || env.REDIS_URL || '';
  const local = configured ? null : await startLocalRedis(config.redis.dataDir);
  const url = configured || local!.url;
  if (local) logger.info('started local redis-server', { url, dataDir: config.redis.dataDir });
  const clients: Redis[] = [];
  return {
    url,
    local,
    connect() {
      const r = createRedis(url);
      r.on('error', (err) => logger.warn('redis connection error', { error: err.message }));
      clients.push(r);
      return r;
    },
    async close() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
      await local?.stop();
    },
  };
}
