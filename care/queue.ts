import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock, TimerHandle } from '../core/clock.ts';
import { EarshotError, ValidationError } from '../core/errors.ts';
import { writeEvents, type EarshotEvent } from '../core/events.ts';
import type { Logger } from '../core/logger.ts';
import type { Mention } from '../core/mention.ts';
import type { Store } from '../core/store/clickhouse.ts';
import { suggestAssignee } from './assign.ts';
import type { CareConfig } from './config.ts';
import type { LeadHandoff } from './leads.ts';
import { authorKey, careIntent, careMention, channelOf, finiteReach, INTENT_WEIGHT, priorityOf, profileUrl, severityOf, slaFor } from './rules.ts';
import { BREACH, INGEST, RELEASE, TRANSITION } from './scripts.ts';
import { OPEN_STATES, type CareItem, type CareItemView, type CareState } from './types.ts';

export interface CareQueueOptions {
  config: { care: CareConfig };
  redis: Redis;
  store: Store;
  clock: Clock;
  /** Redis key prefix (config `redis.prefix`); tests use their own. */
  prefix: string;
  logger: Logger;
  /** Sales hand-off of leads; absent = no hand-off. */
  leads?: LeadHandoff;
}

export interface CareFilter {
  /** Default: the open states (new, claimed). */
  state?: CareState[];
  brand?: string;
  source?: string;
  language?: string;
  intent?: string;
  assignee?: string;
  claimedBy?: string;
  breached?: boolean;
  /** Snoozed items are hidden unless asked for. */
  includeSnoozed?: boolean;
  limit?: number;
  offset?: number;
}

/** Who acts: `override` lets supervisors act on items another agent claimed. */
export interface Actor {
  name: string;
  override?: boolean;
}

export interface IngestResult {
  created: number;
  joined: number;
  duplicates: number;
  skipped: number;
  leads: number;
}

/** The proactive-response queue; live state in Redis, every action an event in ClickHouse. */
export interface CareQueue {
  ingest(mentions: readonly Mention[]): Promise<IngestResult>;
  list(filter?: CareFilter): Promise<{ items: CareItemView[]; total: number }>;
  get(id: string): Promise<CareItemView | null>;
  claim(id: string, actor: Actor): Promise<CareItemView>;
  respond(id: string, actor: Actor, note?: string): Promise<CareItemView>;
  resolve(id: string, actor: Actor, note?: string): Promise<CareItemView>;
  dismiss(id: string, actor: Actor, reason: string): Promise<CareItemView>;
  snooze(id: string, actor: Actor, until: number): Promise<CareItemView>;
  reassign(id: string, actor: Actor, to: string): Promise<CareItemView>;
  /** Emits `sla_breached` once per overdue item, flushes unwritten events and trims old closed items. */
  tick(now?: number): Promise<{ breached: string[] }>;
  /** Open items, and how many of them are past their SLA. */
  depths(): Promise<{ open: number; breached: number; byAgent: Record<string, number> }>;
  /** Starts the SLA timer (every `care.tickInterval`). */
  start(): void;
  stop(): void;
}

/** Error codes the API maps to HTTP statuses: not_found 404, conflict 409, forbidden 403. */
function fail(code: 'not_found' | 'conflict' | 'forbidden', message: string): never {
  throw new EarshotError(message, { code, stage: 'care' });
}

export function createCareQueue(opts: CareQueueOptions): CareQueue {
  const { redis, store, clock, logger } = opts;
  const cfg = opts.config.care;
  const k = {
    item: `${opts.prefix}:care:item:`,
    open: `${opts.prefix}:care:open`,
    closed: `${opts.prefix}:care:closed`,
    load: `${opts.prefix}:care:load`,
    author: `${opts.prefix}:care:author:`,
    seen: `${opts.prefix}:care:seen:`,
    outbox: `${opts.prefix}:care:outbox`,
    flushLock: `${opts.prefix}:care:outbox:lock`,
  };
  let timer: TimerHandle | null = null;

  const view = (it: CareItem, now = clock.now()): CareItemView => ({
    ...it,
    priority: priorityOf(it, now),
    slaLeftMs: it.respondedAt ? 0 : it.dueAt - now,
  });

  /**
   * Writes the outbox to ClickHouse. One flusher at a time (a Redis lock), so
   * LRANGE → insert → LTRIM never drops what another process appended; a
   * holder re-checks after releasing, so nothing waits for the next tick.
   */
  async function flush(): Promise<void> {
    for (let round = 0; round < 5; round++) {
      if ((await redis.llen(k.outbox)) === 0) return;
      const token = randomUUID();
      if ((await redis.set(k.flushLock, token, 'PX', 30_000, 'NX')) !== 'OK') return;
      try {
        for (;;) {
          const batch = await redis.lrange(k.outbox, 0, 499);
          if (!batch.length) break;
          await writeEvents(store, batch.map((p) => JSON.parse(p) as EarshotEvent));
          await redis.ltrim(k.outbox, batch.length, -1);
        }
      } finally {
        await redis.eval(RELEASE, 1, k.flushLock, token);
      }
    }
  }

  /** After a change: its event is safe in the outbox already, so a failed write only waits for the next tick. */
  async function flushSoon(): Promise<void> {
    try {
      await flush();
    } catch (err) {
      logger.warn('care events not written yet; they stay in the outbox', { error: err });
    }
  }

  async function load(ids: string[]): Promise<CareItem[]> {
    const out: CareItem[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const raws = await redis.mget(chunk.map((id) => k.item + id));
      for (const r of raws) if (r) out.push(JSON.parse(r) as CareItem);
    }
    return out;
  }

  async function transition(
    id: string,
    type: string,
    from: readonly CareState[],
    actor: Actor,
    patch: Partial<CareItem>,
    data?: Record<string, unknown>,
  ): Promise<CareItemView> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) fail('not_found', `no care item "${id.slice(0, 64)}"`);
    const now = clock.now();
    const res = (await redis.eval(
      TRANSITION, 5, k.item + id, k.open, k.closed, k.load, k.outbox,
      `,${from.join(',')},`, actor.override ? '' : actor.name, JSON.stringify({ ...patch, updatedAt: now }), now, k.author, id,
      type, actor.name, JSON.stringify(data ?? {}),
    )) as string[];
    const [outcome, a, b] = res;
    if (outcome === 'not_found') fail('not_found', `no care item "${id}"`);
    if (outcome === 'conflict') fail('conflict', `item is ${a}; ${type} needs it to be ${from.join(' or ')}`);
    if (outcome === 'not_owner') fail('forbidden', `item is claimed by ${a}; only they or a supervisor can ${type} it`);
    const item = JSON.parse(b ?? '{}') as CareItem;
    await flushSoon();
    return view(item, now);
  }

  const queue: CareQueue = {
    async ingest(mentions) {
      const result: IngestResult = { created: 0, joined: 0, duplicates: 0, skipped: 0, leads: 0 };
      const now = clock.now();
      let loads: Record<string, number> | undefined;
      for (const m of mentions) {
        if (opts.leads && (await opts.leads.offer(m))) result.leads++;
        const intent = careIntent(cfg, m);
        if (!intent) {
          result.skipped++;
          continue;
        }
        const slaMs = slaFor(cfg, intent, m.source);
        // The customer has waited since they posted; a post seen only after a whole SLA (a backfill) gets a fresh one.
        const dueAt = (now - m.publishedAt > slaMs ? now : Math.min(now, m.publishedAt)) + slaMs;
        if (!loads) loads = Object.fromEntries(Object.entries(await redis.hgetall(k.load)).map(([a, n]) => [a, Number(n)]));
        const agentLoad: Record<string, number> = loads;
        const assignee = suggestAssignee(cfg.agents, agentLoad, m.language, m.source);
        const aKey = authorKey(m);
        const item: CareItem = {
          id: randomUUID().replace(/-/g, '').slice(0, 20),
          state: 'new',
          brand: m.brands[0] ?? '',
          source: m.source,
          channel: channelOf(cfg, m.source),
          language: m.language,
          intent,
          intentWeight: INTENT_WEIGHT[intent],
          severity: severityOf(intent, m),
          reach: finiteReach(m.reach),
          authorKey: aKey,
          authorName: m.author.name.slice(0, 200),
          authorUrl: profileUrl(m),
          mentions: [careMention(m)],
          createdAt: now,
          updatedAt: now,
          slaMs,
          dueAt,
          breached: false,
          assignee,
          claimedBy: '',
          claimedAt: 0,
          respondedAt: 0,
          closedAt: 0,
          closedBy: '',
          dismissReason: '',
          note: '',
          snoozedUntil: 0,
        };
        const [outcome] = (await redis.eval(
          INGEST, 5, k.seen + m.id, k.author + aKey, k.open, k.load, k.outbox,
          k.item, item.id, JSON.stringify(item), JSON.stringify(careMention(m)), cfg.keepClosed + 30 * 86_400_000, now,
          aKey ? '1' : '0', intent, INTENT_WEIGHT[intent], item.severity, dueAt,
          JSON.stringify({ mentionId: m.id, slaMs, assignee }),
        )) as [string, string];
        if (outcome === 'duplicate') {
          result.duplicates++;
          continue;
        }
        if (outcome === 'created') {
          result.created++;
          if (assignee) agentLoad[assignee] = (agentLoad[assignee] ?? 0) + 1;
        } else result.joined++;
      }
      await flushSoon();
      return result;
    },

    async list(filter = {}) {
      const now = clock.now();
      const states = filter.state?.length ? filter.state : OPEN_STATES;
      const wantClosed = states.some((s) => !OPEN_STATES.includes(s));
      const ids = await redis.zrange(k.open, '0', '-1');
      if (wantClosed) ids.push(...(await redis.zrevrange(k.closed, '0', '4999')));
      const items = (await load(ids)).filter(
        (it) =>
          states.includes(it.state) &&
          (!filter.brand || it.brand === filter.brand) &&
          (!filter.source || it.source === filter.source) &&
          (!filter.language || it.language === filter.language) &&
          (!filter.intent || it.intent === filter.intent) &&
          (!filter.assignee || it.assignee === filter.assignee) &&
          (!filter.claimedBy || it.claimedBy === filter.claimedBy) &&
          (filter.breached === undefined || it.breached === filter.breached) &&
          (filter.includeSnoozed || it.snoozedUntil <= now),
      );
      const views = items.map((it) => view(it, now)).sort((a, b) => b.priority - a.priority || a.dueAt - b.dueAt);
      const offset = filter.offset ?? 0;
      return { items: views.slice(offset, offset + (filter.limit ?? 50)), total: views.length };
    },

    async get(id) {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
      const raw = await redis.get(k.item + id);
      return raw ? view(JSON.parse(raw) as CareItem) : null;
    },

    claim: (id, actor) => transition(id, 'claimed', ['new'], { name: actor.name }, { state: 'claimed', claimedBy: actor.name, claimedAt: clock.now() }),

    respond: (id, actor, note = '') =>
      transition(id, 'responded', ['claimed'], actor, { state: 'responded', respondedAt: clock.now(), note: note.slice(0, 2000) }),

    resolve: (id, actor, note = '') =>
      transition(id, 'resolved', ['new', 'claimed', 'responded'], actor, { state: 'resolved', closedAt: clock.now(), closedBy: actor.name, note: note.slice(0, 2000) }),

    async dismiss(id, actor, reason) {
      if (!reason.trim()) throw new ValidationError('required when dismissing', 'reason');
      return transition(id, 'dismissed', ['new', 'claimed'], actor, { state: 'dismissed', closedAt: clock.now(), closedBy: actor.name, dismissReason: reason.slice(0, 500) }, { reason: reason.slice(0, 500) });
    },

    async snooze(id, actor, until) {
      if (!(until > clock.now())) throw new ValidationError('must be in the future', 'until');
      return transition(id, 'snoozed', ['new', 'claimed'], actor, { snoozedUntil: until }, { until: new Date(until).toISOString() });
    },

    async reassign(id, actor, to) {
      if (!to.trim()) throw new ValidationError('required: the agent to hand the item to', 'to');
      // A claimed item moves to the new agent's claim; a new one just changes its suggested owner.
      return redis.get(k.item + id).then((raw) => {
        const state = raw ? (JSON.parse(raw) as CareItem).state : 'new';
        const patch: Partial<CareItem> = state === 'claimed' ? { claimedBy: to, claimedAt: clock.now(), assignee: to } : { assignee: to };
        return transition(id, 'reassigned', [state === 'claimed' ? 'claimed' : 'new'], actor, patch, { to });
      });
    },

    async tick(now = clock.now()) {
      const due = await redis.zrangebyscore(k.open, 0, now);
      const breached: string[] = [];
      for (const id of due) {
        if (await redis.eval(BREACH, 2, k.item + id, k.outbox, String(now), id)) breached.push(id);
      }
      await flushSoon();
      const old = await redis.zrangebyscore(k.closed, 0, now - cfg.keepClosed, 'LIMIT', 0, 1000);
      if (old.length) {
        await redis.del(...old.map((id) => k.item + id));
        await redis.zrem(k.closed, ...old);
      }
      return { breached };
    },

    async depths() {
      const now = clock.now();
      const [open, overdue, loadH] = await Promise.all([redis.zcard(k.open), redis.zcount(k.open, 0, now), redis.hgetall(k.load)]);
      const byAgent: Record<string, number> = {};
      for (const [a, n] of Object.entries(loadH)) if (Number(n) > 0) byAgent[a] = Number(n);
      return { open, breached: overdue, byAgent };
    },

    start() {
      // Ticks never overlap: a timer that fires while one runs asks for one more, run at the then-current time.
      let running = false;
      let again = false;
      const run = (): void => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        queue
          .tick()
          .catch((err: unknown) => logger.warn('care tick failed', { error: err }))
          .finally(() => {
            running = false;
            if (again && timer) {
              again = false;
              run();
            }
          });
      };
      const loop = (): void => {
        timer = clock.setTimeout(() => {
          loop();
          run();
        }, cfg.tickInterval);
      };
      if (!timer) loop();
    },

    stop() {
      if (timer) clock.clearTimeout(timer);
      timer = null;
    },
  };
  return queue;
}
