import type { Redis } from 'ioredis';
import type { Cursor } from './types.ts';

/** What is kept per source in Redis under `<prefix>:cursor:<name>`. */
export interface SavedCursor {
  cursor: Cursor | null;
  /** Newest `publishedAt` (ms) of anything the source returned so far; for the lag metric. */
  newestPublishedAt?: number;
  savedAt: number;
}

/**
 * Cursors live in Redis (AOF on), next to the queues they feed: a cursor is
 * saved only after its mentions are queued, so both survive or neither does.
 */
export class CursorStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  key(name: string): string {
    return `${this.prefix}:cursor:${name}`;
  }

  async load(name: string): Promise<SavedCursor | null> {
    const raw = await this.redis.get(this.key(name));
    if (!raw) return null;
    try {
      const v = JSON.parse(raw) as SavedCursor;
      return v && typeof v === 'object' ? v : null;
    } catch {
      // A corrupt cursor must not wedge the source: start over (the pipeline dedupes).
      return null;
    }
  }

  async save(name: string, value: SavedCursor): Promise<void> {
    await this.redis.set(this.key(name), JSON.stringify(value));
  }

  async clear(name: string): Promise<void> {
    await this.redis.del(this.key(name));
  }
}
