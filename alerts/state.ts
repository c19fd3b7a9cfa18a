import type { Redis } from 'ioredis';
import { RetryableError } from '../core/errors.ts';
import type { Silence } from './service.ts';
import type { AlertRecord, GroupRecord } from './types.ts';

/**
 * Where the alerter keeps what must survive a restart: alerts, groups, silences
 * and timers as due-times (a restarted alerter reads the due ones and goes on).
 * Redis in production; the in-memory one serves replays run without Redis.
 */
export interface AlertState {
  getAlert(id: string): Promise<AlertRecord | null>;
  /** Writes a whole record: for a new alert. Changes to a stored one go through `updateAlert`. */
  putAlert(a: AlertRecord): Promise<void>;
  /**
   * Changes a stored alert atomically. `change` edits the freshest record and is
   * run again when another process wrote the alert in between (the API's ack and
   * the alerter's update of one alert both land), so it must be synchronous and
   * decide only from the record it is given; returning false leaves the record as
   * it is. Returns the record as stored afterwards, or null when there is no such alert.
   */
  updateAlert(id: string, change: (a: AlertRecord) => boolean | void): Promise<AlertRecord | null>;
  /** The id of the active (not resolved) alert with this fingerprint. */
  activeId(fingerprint: string): Promise<string | null>;
  setActive(fingerprint: string, id: string | null): Promise<void>;
  activeIds(): Promise<string[]>;
  /** All alert ids, newest first. */
  listIds(offset: number, limit: number): Promise<{ ids: string[]; total: number }>;
  getGroup(key: string): Promise<GroupRecord | null>;
  putGroup(g: GroupRecord): Promise<void>;
  deleteGroup(key: string): Promise<void>;
  /** Sets (or moves) a timer; one due-time per key. */
  schedule(key: string, dueAt: number): Promise<void>;
  cancel(key: string): Promise<void>;
  /** The earliest timer due at or before `now`, or null. */
  nextDue(now: number): Promise<{ key: string; dueAt: number } | null>;
  putSilence(s: Silence): Promise<void>;
  silences(): Promise<Silence[]>;
}

export class MemoryState implements AlertState {
  private alerts = new Map<string, AlertRecord>();
  private order: string[] = [];
  private active = new Map<string, string>();
  private groups = new Map<string, GroupRecord>();
  private timers = new Map<string, number>();
  private sil = new Map<string, Silence>();

  async getAlert(id: string) {
    const a = this.alerts.get(id);
    return a ? structuredClone(a) : null;
  }
  async putAlert(a: AlertRecord) {
    if (!this.alerts.has(a.id)) this.order.push(a.id);
    this.alerts.set(a.id, structuredClone(a));
  }
  async updateAlert(id: string, change: (a: AlertRecord) => boolean | void) {
    const stored = this.alerts.get(id);
    if (!stored) return null;
    const a = structuredClone(stored);
    if (change(a) !== false) this.alerts.set(id, structuredClone(a));
    return a;
  }
  async activeId(fp: string) {
    return this.active.get(fp) ?? null;
  }
  async setActive(fp: string, id: string | null) {
    if (id) this.active.set(fp, id);
    else this.active.delete(fp);
  }
  async activeIds() {
    return [...this.active.values()];
  }
  async listIds(offset: number, limit: number) {
    const ids = [...this.order].reverse();
    return { ids: ids.slice(offset, offset + limit), total: ids.length };
  }
  async getGroup(key: string) {
    const g = this.groups.get(key);
    return g ? structuredClone(g) : null;
  }
  async putGroup(g: GroupRecord) {
    this.groups.set(g.key, structuredClone(g));
  }
  async deleteGroup(key: string) {
    this.groups.delete(key);
  }
  async schedule(key: string, dueAt: number) {
    this.timers.set(key, dueAt);
  }
  async cancel(key: string) {
    this.timers.delete(key);
  }
  async nextDue(now: number) {
    let best: { key: string; dueAt: number } | null = null;
    for (const [key, dueAt] of this.timers) {
      if (dueAt <= now && (!best || dueAt < best.dueAt || (dueAt === best.dueAt && key < best.key))) best = { key, dueAt };
    }
    return best;
  }
  async putSilence(s: Silence) {
    this.sil.set(s.id, { ...s });
  }
  async silences() {
    return [...this.sil.values()].map((s) => ({ ...s }));
  }
}

/** Sets KEYS[1] to ARGV[2] only if it still holds ARGV[1]: the compare-and-set under `updateAlert`. */
const COMPARE_AND_SET = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0`;
/** Lost compare-and-sets in a row before `updateAlert` gives up (each loss means another write landed). */
const MAX_UPDATE_ATTEMPTS = 50;

export class RedisState implements AlertState {
  constructor(
    private readonly redis: Redis,
    /** Key prefix, e.g. `earshot:alerts`. */
    private readonly prefix: string,
  ) {}

  private k(s: string): string {
    return `${this.prefix}:${s}`;
  }

  async getAlert(id: string) {
    const v = await this.redis.get(this.k(`a:${id}`));
    return v ? (JSON.parse(v) as AlertRecord) : null;
  }
  async putAlert(a: AlertRecord) {
    await this.redis.multi().set(this.k(`a:${a.id}`), JSON.stringify(a)).zadd(this.k('all'), 'NX', a.firedAt, a.id).exec();
  }
  // A Lua compare-and-set rather than WATCH/MULTI: a watch belongs to the connection, which the
  // alerter shares (delivery queue, putAlert), and any EXEC on it in between silently drops the watch.
  async updateAlert(id: string, change: (a: AlertRecord) => boolean | void) {
    const key = this.k(`a:${id}`);
    for (let attempt = 1; ; attempt++) {
      const before = await this.redis.get(key);
      if (before === null) return null;
      const a = JSON.parse(before) as AlertRecord;
      if (change(a) === false) return a;
      if (await this.redis.eval(COMPARE_AND_SET, 1, key, before, JSON.stringify(a))) return a;
      if (attempt >= MAX_UPDATE_ATTEMPTS) {
        throw new RetryableError(`alert "${id}" changed under ${attempt} updates in a row; try again`, { code: 'conflict', stage: 'alerts' });
      }
    }
  }
  async activeId(fp: string) {
    return this.redis.hget(this.k('active'), fp);
  }
  async setActive(fp: string, id: string | null) {
    if (id) await this.redis.hset(this.k('active'), fp, id);
    else await this.redis.hdel(this.k('active'), fp);
  }
  async activeIds() {
    return this.redis.hvals(this.k('active'));
  }
  async listIds(offset: number, limit: number) {
    const [ids, total] = await Promise.all([
      this.redis.zrevrange(this.k('all'), offset, offset + limit - 1),
      this.redis.zcard(this.k('all')),
    ]);
    return { ids, total };
  }
  async getGroup(key: string) {
    const v = await this.redis.hget(this.k('groups'), key);
    return v ? (JSON.parse(v) as GroupRecord) : null;
  }
  async putGroup(g: GroupRecord) {
    await this.redis.hset(this.k('groups'), g.key, JSON.stringify(g));
  }
  async deleteGroup(key: string) {
    await this.redis.hdel(this.k('groups'), key);
  }
  async schedule(key: string, dueAt: number) {
    await this.redis.zadd(this.k('timers'), dueAt, key);
  }
  async cancel(key: string) {
    await this.redis.zrem(this.k('timers'), key);
  }
  async nextDue(now: number) {
    const r = await this.redis.zrangebyscore(this.k('timers'), '-inf', now, 'WITHSCORES', 'LIMIT', 0, 1);
    if (r.length < 2) return null;
    return { key: r[0] ?? '', dueAt: Number(r[1]) };
  }
  async putSilence(s: Silence) {
    await this.redis.hset(this.k('silences'), s.id, JSON.stringify(s));
  }
  async silences() {
    const all = await this.redis.hvals(this.k('silences'));
    return all.map((v) => JSON.parse(v) as Silence);
  }
}
