import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { startLocalRedis, type LocalRedis } from '../../core/redis/local-server.ts';
import { createRedis } from '../../core/redis/connection.ts';

/**
 * A real redis-server for one test file, on a free loopback port, in a temp
 * directory; `prefix()` gives each test its own key space. Call `stop()` in afterAll.
 */
export interface TestRedis {
  url: string;
  server: LocalRedis;
  connect(): Redis;
  prefix(): string;
  stop(): Promise<void>;
}

export async function startTestRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-redis-'));
  const server = await startLocalRedis(dir);
  const clients: Redis[] = [];
  return {
    url: server.url,
    server,
    connect() {
      const r = createRedis(server.url);
      clients.push(r);
      return r;
    },
    prefix: () => `t${randomUUID().slice(0, 8)}`,
    async stop() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
