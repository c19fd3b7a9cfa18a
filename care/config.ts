import { z } from 'zod';
import { duration } from '../config/duration.ts';
import { INTENT_NAMES } from '../core/mention.ts';

/**
 * The `care:` config section: which mentions enter the proactive-response
 * queue, their SLA, the agents and their skills, and the sales hand-off.
 */

const intent = z.enum(INTENT_NAMES);
const language = z.string().regex(/^[a-z]{2}$/, 'use a two-letter ISO 639-1 code such as "de" or "en"');

/** A channel groups sources for SLA rules: `realtime` (social), `review` (stores, review sites), `other`. */
export const CHANNELS = ['realtime', 'review', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

const slaRuleSchema = z
  .object({
    /** Only mentions whose care intent is this; absent = any intent. */
    intent: intent.optional(),
    /** Only this channel (see `care.realtimeSources` / `care.reviewSources`); absent = any. */
    channel: z.enum(CHANNELS).optional(),
    /** Only this source name; absent = any. */
    source: z.string().optional(),
    /** Time to the first response, e.g. 30m. */
    within: duration(),
  })
  .strict();

const agentSchema = z
  .object({
    /** The agent's name: the `--name` of their API token, so claims and assignments line up. */
    name: z.string().trim().min(1),
    /** Languages the agent answers in; empty = any. */
    languages: z.array(language).default([]),
    /** Sources the agent covers; empty = any. */
    sources: z.array(z.string()).default([]),
    /** Open items (assigned or claimed) above which the agent gets no new assignments. Default 25. */
    maxOpen: z.number().int().min(1).default(25),
  })
  .strict();

const leadsSchema = z
  .object({
    /** CRM-style endpoint that receives each lead as JSON (POST); empty = no hand-off. */
    url: z.string().default(''),
    /** Extra request headers, e.g. `Authorization: Bearer ${CRM_TOKEN}`. */
    headers: z.record(z.string(), z.string()).default({}),
    /** Delivery attempts before the hand-off is given up (exponential back-off from 5 s). Default 10. */
    attempts: z.number().int().min(1).max(50).default(10),
    /** Minimum confidence of the `lead` intent. Default 0.5. */
    minConfidence: z.number().min(0).max(1).default(0.5),
  })
  .strict();

export const careSchema = z
  .object({
    /** Set false to keep the queue empty (the API still serves alerts and pulse). Default true. */
    enabled: z.boolean().default(true),
    /** Intents that put a mention in the queue. Default complaint, question, lead, crisis_risk. */
    intents: z.array(intent).default(['complaint', 'question', 'lead', 'crisis_risk']),
    /** Minimum confidence of a qualifying intent. Default 0.5. */
    minConfidence: z.number().min(0).max(1).default(0.5),
    /** Only these sources; empty = all. */
    sources: z.array(z.string()).default([]),
    /** Only these languages; empty = all. */
    languages: z.array(language).default([]),
    /** Minimum reach of a mention. Default 0. */
    minReach: z.number().nonnegative().default(0),
    /** Sources on the real-time channel (the 30-minute SLA of the playbooks). */
    realtimeSources: z.array(z.string()).default(['x', 'twitter', 'mastodon', 'bluesky', 'reddit', 'hackernews', 'youtube', 'webhook']),
    /** Sources on the review channel (24 h SLA). */
    reviewSources: z.array(z.string()).default(['appstore', 'playstore', 'trustpilot']),
    /** SLA rules, first match wins; the last default catches everything (60 min). */
    sla: z
      .array(slaRuleSchema)
      .default([
        { intent: 'complaint', channel: 'realtime', within: 30 * 60_000 },
        { intent: 'crisis_risk', channel: 'realtime', within: 30 * 60_000 },
        { channel: 'review', within: 24 * 3_600_000 },
        { within: 60 * 60_000 },
      ]),
    /** Agents and their skills, for automatic assignment by skills and load; empty = no auto-assignment. */
    agents: z.array(agentSchema).default([]),
    /** How often SLA breaches are checked. Default 15s. */
    tickInterval: duration().prefault('15s'),
    /** Closed items are kept in Redis this long for the API (events stay in ClickHouse). Default 7d. */
    keepClosed: duration().prefault('7d'),
    leads: leadsSchema.prefault({}),
  })
  .strict();

export type CareConfig = z.output<typeof careSchema>;
export type CareAgent = z.output<typeof agentSchema>;
export type SlaRule = z.output<typeof slaRuleSchema>;
