import type { Store } from './clickhouse.ts';
import type { Logger } from '../logger.ts';

export interface Migration {
  version: number;
  name: string;
  /** Statements run in order; each must be idempotent (IF NOT EXISTS) so a crash mid-way can rerun. */
  up: string[];
}

export interface RetentionOptions {
  /** Days to keep mentions; 0 keeps them forever. */
  mentionsDays: number;
  /** Days to keep events (alerts, care queue, deliveries); 0 keeps them forever. */
  eventsDays: number;
}

/** Applies pending migrations in order and records each; safe to run on every start. */
export async function migrate(store: Store, list: readonly Migration[], logger?: Logger): Promise<number[]> {
  await store.command(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = ReplacingMergeTree ORDER BY version`);
  const rows = await store.query<{ version: number }>('SELECT DISTINCT version FROM schema_migrations');
  const done = new Set(rows.map((r) => Number(r.version)));
  const applied: number[] = [];
  for (const m of list) {
    if (done.has(m.version)) continue;
    for (const statement of m.up) await store.command(statement);
    await store.insert('schema_migrations', [{ version: m.version, name: m.name }]);
    logger?.info('migration applied', { version: m.version, name: m.name });
    applied.push(m.version);
  }
  return applied;
}

/** Retention comes from config and may change between starts, so it is applied as TTLs each time. */
export async function applyRetention(store: Store, retention: RetentionOptions): Promise<void> {
  const ttl = (column: string, days: number) =>
    days > 0 ? `MODIFY TTL toDateTime(${column}) + INTERVAL ${Math.floor(days)} DAY` : 'REMOVE TTL';
  const tables: Array<[string, string, number]> = [
    ['mentions', 'published_at', retention.mentionsDays],
    ['mentions_1m', 'minute', retention.mentionsDays],
    ['events', 'at', retention.eventsDays],
    ['dead_letters', 'at', retention.eventsDays],
  ];
  for (const [table, column, days] of tables) {
    try {
      await store.command(`ALTER TABLE ${table} ${ttl(column, days)}`);
    } catch (err) {
      // REMOVE TTL on a table that has none is an error in ClickHouse; nothing to do then.
      if (days > 0) throw err;
    }
  }
}
