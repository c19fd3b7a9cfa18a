import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../core/store/clickhouse.ts';
import { migrate } from '../../core/store/migrate.ts';
import { migrations } from '../../core/store/migrations/index.ts';

/**
 * The real embedded ClickHouse (chDB) for one test file, migrated, in a temp
 * directory. chDB binds one data path per process: one of these per test file.
 */
export interface TestStore {
  store: Store;
  path: string;
  cleanup(): Promise<void>;
}

export async function openTestStore(): Promise<TestStore> {
  const path = mkdtempSync(join(tmpdir(), 'earshot-ch-'));
  const store = await Store.open({ path });
  await migrate(store, migrations);
  return {
    store,
    path,
    async cleanup() {
      await store.close();
      rmSync(path, { recursive: true, force: true });
    },
  };
}
