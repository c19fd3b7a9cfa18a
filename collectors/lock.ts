import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * The per-source lock (`<prefix>:lock:source:<name>`): SET NX PX with a random
 * token, renewed while the run lasts, released by compare-and-delete so a run
 * never frees a lock another process took after it expired. Renewal uses real
 * timers on purpose: the TTL runs on the Redis server's clock, not the app's.
 */
export class SourceLock {
  private timer: NodeJS.Timeout | null = null;
  private readonly lostController = new AbortController();

  private constructor(
    private readonly redis: Redis,
    readonly key: string,
    private readonly token: string,
    private readonly ttlMs: number,
  ) {}

  static key(prefix: string, name: string): string {
    return `${prefix}:lock:source:${name}`;
  }

  /** The lock, or null when another run holds it. */
  static async acquire(redis: Redis, prefix: string, name: string, ttlMs = 60_000): Promise<SourceLock | null> {
    const key = SourceLock.key(prefix, name);
    const token = randomUUID();
    const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
    if (ok !== 'OK') return null;
    const lock = new SourceLock(redis, key, token, ttlMs);
    lock.startRenewal();
    return lock;
  }

  /** Aborted when a renewal finds the lock gone (expired and taken): the run must stop. */
  get lost(): AbortSignal {
    return this.lostController.signal;
  }

  private startRenewal(): void {
    this.timer = setInterval(() => {
      this.redis
        .eval(RENEW, 1, this.key, this.token, String(this.ttlMs))
        .then((r) => {
          if (r !== 1) this.lostController.abort(new Error(`lock ${this.key} was lost`));
        })
        .catch(() => {
          // A Redis hiccup: the next renewal tries again; the TTL leaves room for two misses.
        });
    }, Math.max(100, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.redis.eval(RELEASE, 1, this.key, this.token);
  }
}
