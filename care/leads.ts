import { createHash } from 'node:crypto';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { request, type Dispatcher } from 'undici';
import type { Clock } from '../core/clock.ts';
import { writeEvents, type EarshotEvent } from '../core/events.ts';
import type { Logger } from '../core/logger.ts';
import type { Mention } from '../core/mention.ts';
import type { Store } from '../core/store/clickhouse.ts';
import type { CareConfig } from './config.ts';
import { profileUrl } from './rules.ts';

/** BullMQ queue of lead hand-offs; durable, retried with back-off, one job per mention. */
export const LEADS_QUEUE = 'care-leads';

/** What the CRM endpoint receives (POST, JSON). */
export interface LeadPayload {
  type: 'earshot.lead';
  brand: string;
  confidence: number;
  detectedAt: string;
  mention: {
    id: string; source: string; url: string; title: string; text: string; language: string;
    publishedAt: string; sentiment: Mention['sentiment']; intents: Mention['intents']; reach: number;
  };
  author: { id: string; name: string; followers: number | null; profileUrl: string };
}

export interface LeadHandoffOptions {
  config: { care: CareConfig };
  /** Used by the producer side (the care queue's ingest). */
  redis: Redis;
  prefix: string;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** undici dispatcher for the CRM call; tests pass a MockAgent. Default: the global one. */
  dispatcher?: Dispatcher;
  /** First retry delay; doubles per attempt. Default 5000 ms. */
  backoffMs?: number;
}

export interface LeadHandoff {
  /** Enqueues the mention when it carries a lead intent and a CRM url is set; true when enqueued (or already was). */
  offer(m: Mention): Promise<boolean>;
  /** Starts delivering; the worker needs its own connection (BullMQ blocks on it). */
  startWorker(connection: Redis): Worker<LeadPayload>;
  close(): Promise<void>;
}

export function buildLeadPayload(m: Mention, confidence: number, now: number): LeadPayload {
  return {
    type: 'earshot.lead',
    brand: m.brands[0] ?? '',
    confidence,
    detectedAt: new Date(now).toISOString(),
    mention: {
      id: m.id, source: m.source, url: m.url, title: m.title, text: m.text, language: m.language,
      publishedAt: new Date(m.publishedAt).toISOString(), sentiment: m.sentiment, intents: m.intents, reach: m.reach,
    },
    author: { id: m.author.id, name: m.author.name, followers: m.author.followers, profileUrl: profileUrl(m) },
  };
}

export function createLeadHandoff(opts: LeadHandoffOptions): LeadHandoff {
  const leads = opts.config.care.leads;
  /**
   * A failed event write must not fail the job: BullMQ would retry it and the
   * CRM would get the lead twice. The event goes to the care outbox instead,
   * which the care queue's tick writes later.
   */
  const record = async (event: EarshotEvent): Promise<void> => {
    try {
      await writeEvents(opts.store, [event]);
    } catch (err) {
      opts.logger.warn('lead event kept in the care outbox', { error: err });
      await opts.redis.rpush(`${opts.prefix}:care:outbox`, JSON.stringify(event));
    }
  };
  const bullPrefix = `${opts.prefix}:bull`;
  let queue: Queue<LeadPayload> | null = null;
  const workers: Worker<LeadPayload>[] = [];

  return {
    async offer(m) {
      if (!leads.url) return false;
      const lead = m.intents.find((i) => i.name === 'lead' && i.confidence >= leads.minConfidence);
      if (!lead) return false;
      queue ??= new Queue<LeadPayload>(LEADS_QUEUE, { connection: opts.redis, prefix: bullPrefix });
      // BullMQ ids may not contain ':'; the hash makes the id stable so a re-ingested mention is handed off once.
      const jobId = 'lead-' + createHash('sha1').update(m.id).digest('hex');
      await queue.add('lead', buildLeadPayload(m, lead.confidence, opts.clock.now()), {
        jobId,
        attempts: leads.attempts,
        backoff: { type: 'exponential', delay: opts.backoffMs ?? 5000 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      });
      return true;
    },

    startWorker(connection) {
      const worker = new Worker<LeadPayload>(
        LEADS_QUEUE,
        async (job) => {
          let res;
          try {
            res = await request(leads.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'user-agent': 'earshot', ...leads.headers },
              body: JSON.stringify(job.data),
              headersTimeout: 15_000,
              bodyTimeout: 15_000,
              ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
            });
          } catch (err) {
            throw new Error(`CRM endpoint unreachable: ${(err as Error).message}`);
          }
          await res.body.dump();
          const s = res.statusCode;
          if (s >= 200 && s < 300) {
            await record({
              at: opts.clock.now(), kind: 'care', type: 'handed_to_sales', entityId: job.data.mention.id, brand: job.data.brand,
              actor: 'system', eventId: `care-lead-${job.id ?? job.data.mention.id}`, data: { status: s, attempts: job.attemptsMade + 1 },
            });
            return;
          }
          // 408/429/5xx may pass; any other 4xx means the CRM rejects this payload, retrying cannot help.
          if (s >= 400 && s < 500 && s !== 408 && s !== 429) throw new UnrecoverableError(`CRM endpoint rejected the lead: HTTP ${s}`);
          throw new Error(`CRM endpoint answered HTTP ${s}`);
        },
        { connection, prefix: bullPrefix, concurrency: 4 },
      );
      worker.on('failed', (job, err) => {
        const final = job && (err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1));
        opts.logger.warn(final ? 'lead hand-off gave up' : 'lead hand-off failed; will retry', { mentionId: job?.data.mention.id, error: err.message });
        if (final && job) {
          void record({
            at: opts.clock.now(), kind: 'care', type: 'handoff_failed', entityId: job.data.mention.id, brand: job.data.brand,
            actor: 'system', eventId: `care-lead-failed-${job.id ?? ''}`, data: { error: err.message, attempts: job.attemptsMade },
          }).catch((e: unknown) => opts.logger.error('lead event lost', { error: e }));
        }
      });
      workers.push(worker);
      return worker;
    },

    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await queue?.close();
    },
  };
}
