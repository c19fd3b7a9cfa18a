import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * One store for both modes: a ClickHouse server when `url` is given, otherwise
 * the embedded engine (chDB) on disk. Same SQL, same client API. 64-bit
 * integers come back as strings from both, so code never sees a difference.
 */
export interface StoreOptions {
  /** ClickHouse server URL (e.g. http://clickhouse:8123); unset = embedded chDB. */
  url?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  database?: string | undefined;
  /** Embedded data directory, or `:memory:`. Default `./data/clickhouse`. */
  path?: string | undefined;
}

const SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 1,
  date_time_input_format: 'best_effort',
};

export class Store {
  readonly client: ClickHouseClient;
  readonly embedded: boolean;
  readonly location: string;

  private constructor(client: ClickHouseClient, embedded: boolean, location: string) {
    this.client = client;
    this.embedded = embedded;
    this.location = location;
  }

  static async open(options: StoreOptions = {}): Promise<Store> {
    if (options.url) {
      const client = createClient({
        url: options.url,
        username: options.username ?? 'default',
        password: options.password ?? '',
        database: options.database ?? 'default',
        clickhouse_settings: SETTINGS,
      });
      return new Store(client, false, redactUrl(options.url));
    }
    const path = options.path ?? './data/clickhouse';
    const location = path === ':memory:' ? path : resolve(path);
    if (path !== ':memory:') mkdirSync(location, { recursive: true });
    // Loaded lazily: a server deployment never loads the native engine.
    const { createChdbConnection } = await import('chdb/connection');
    const connection = createChdbConnection({ path: location });
    // chdb's Connection implements @clickhouse/client-common's interface; the
    // published type of the `connection` option lags behind that hook.
    const client = createClient({ connection, clickhouse_settings: SETTINGS } as unknown as Parameters<typeof createClient>[0]);
    return new Store(client, true, location);
  }

  async command(query: string, params?: Record<string, unknown>): Promise<void> {
    await this.client.command({ query, query_params: params });
  }

  async query<T>(query: string, params?: Record<string, unknown>): Promise<T[]> {
    const rs = await this.client.query({ query, query_params: params, format: 'JSONEachRow' });
    return rs.json<T>();
  }

  /**
   * Batched insert. `dedupToken` makes a retried batch (same token) a no-op, so
   * a worker that dies after inserting but before acknowledging stores nothing twice.
   */
  async insert(table: string, rows: readonly object[], dedupToken?: string): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({
      table,
      values: rows as object[],
      format: 'JSONEachRow',
      ...(dedupToken ? { clickhouse_settings: { insert_deduplication_token: dedupToken } } : {}),
    });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid url)';
  }
}

/** ClickHouse DateTime64(3) text from epoch milliseconds. */
export function chTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}
