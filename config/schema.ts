import { z } from 'zod';
import { validate as validateCron } from 'node-cron';
import { duration } from './duration.ts';
import { careSchema } from '../care/config.ts';
import { alertsSchema } from '../alerts/config.ts';
import { understandingSchema } from '../pipeline/understand/config.ts';
import { compileQuery, QuerySyntaxError } from '../pipeline/stages/match-brands/query.ts';

/**
 * The typed shape of earshot's configuration. Key names here are the words
 * used in YAML, in error messages and in the README. Every option has a
 * default, so a file with nothing but `brands:` is a complete config.
 */

const language = z.string().regex(/^[a-z]{2}$/, 'use a two-letter ISO 639-1 code such as "de" or "en"');

export const brandSchema = z
  .object({
    /** Display name; also the value stored in `mentions.brands`. */
    name: z.string().trim().min(1, 'give the brand a name'),
    /** Boolean query: terms, "phrases", AND/OR/NOT, (), -exclusions, term*, NEAR/n, @handles, #hashtags. */
    query: z.string().min(1, 'give the brand a query, e.g. "acme" OR @acme'),
    /** Only mentions in these languages count for the brand; empty = all. */
    languages: z.array(language).default([]),
    /** Names of other brands in `brands` to compare against (share of voice). */
    competitors: z.array(z.string()).default([]),
    /** Per-brand sentiment lexicon overrides: word → weight in [-5, 5]. */
    lexicon: z.record(z.string(), z.number().min(-5).max(5)).default({}),
  })
  .strict()
  .superRefine((brand, ctx) => {
    try {
      compileQuery(brand.query);
    } catch (err) {
      if (err instanceof QuerySyntaxError) ctx.addIssue({ code: 'custom', path: ['query'], message: err.message });
      else throw err;
    }
  });

export const sourceSchema = z
  .object({
    /** Unique name of this source; cursors, metrics and locks are kept under it. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/i, 'use letters, digits, "_", "-" or "." (max 64)'),
    /** Collector type, one of the registered collectors (see collectors/registry.ts). */
    type: z.string().min(1),
    /** Cron expression (node-cron, with optional seconds field). Default every 5 minutes. */
    schedule: z.string().default('*/5 * * * *').refine((s) => validateCron(s), {
      message: 'not a valid cron expression; e.g. "*/5 * * * *" for every 5 minutes',
    }),
    /** Set false to keep a source configured but not running. */
    enabled: z.boolean().default(true),
    /** Type-specific options; validated by the collector's own schema. */
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

const retentionSchema = z
  .object({
    /** Days to keep mentions and their aggregates; 0 = forever. */
    mentionsDays: z.number().int().nonnegative().default(395),
    /** Days to keep events (alerts, care queue, deliveries, dead letters); 0 = forever. */
    eventsDays: z.number().int().nonnegative().default(730),
  })
  .strict();

export const storeSchema = z
  .object({
    /** ClickHouse server URL; empty = the embedded engine (chDB) under `path`. */
    url: z.string().default(''),
    username: z.string().default('default'),
    password: z.string().default(''),
    database: z.string().default('default'),
    /** Embedded data directory. */
    path: z.string().default('./data/clickhouse'),
    retention: retentionSchema.prefault({}),
  })
  .strict();

export const redisSchema = z
  .object({
    /** Redis URL; empty = earshot starts and owns a local redis-server. */
    url: z.string().default(''),
    /** Data directory of the owned redis-server (append-only file on). */
    dataDir: z.string().default('./data/redis'),
    /** Prefix of every queue and key. */
    prefix: z.string().regex(/^[a-z0-9_-]+$/i).default('earshot'),
  })
  .strict();

export const pipelineSchema = z
  .object({
    /** Mentions per queue job and per ClickHouse insert. */
    batchSize: z.number().int().min(1).max(50_000).default(2000),
    /** Batches processed at once per worker process. */
    concurrency: z.number().int().min(1).max(64).default(2),
    /** Texts are cut to this many characters. */
    maxTextLength: z.number().int().min(100).max(1_000_000).default(10_000),
    /** How long a crashed worker's batch stays locked before another worker retries it. */
    stallTimeout: duration().prefault('30s'),
    /** Attempts of a batch before it is dead-lettered whole. */
    attempts: z.number().int().min(1).max(100).default(20),
    dedupe: z
      .object({
        /** How long a mention id is remembered, to drop re-collected posts. */
        idWindow: duration().prefault('30d'),
        /** Same normalised text from the same author within this window is a duplicate. */
        textWindow: duration().prefault('1h'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export const apiSchema = z
  .object({
    /** Address the API and web page listen on. */
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8080),
    /** Public base URL used in notification links; default http://host:port. */
    publicUrl: z.string().default(''),
    /** Requests per minute per API token (and per client address before login); 429 with Retry-After beyond. Default 600. */
    rateLimitPerMinute: z.number().int().min(1).default(600),
    /** Largest accepted request body in bytes; 413 beyond. Default 65536. */
    bodyLimit: z.number().int().min(1024).max(10_485_760).default(65_536),
  })
  .strict();

export const configSchema = z
  .object({
    brands: z.array(brandSchema).default([]),
    /** Absent = the demo source only (labelled demo data); once you list real sources, no demo. */
    sources: z.array(sourceSchema).optional(),
    store: storeSchema.prefault({}),
    redis: redisSchema.prefault({}),
    pipeline: pipelineSchema.prefault({}),
    api: apiSchema.prefault({}),
    alerts: alertsSchema.prefault({}),
    care: careSchema.prefault({}),
    understanding: understandingSchema.prefault({}),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const names = new Set<string>();
    cfg.brands.forEach((b, i) => {
      const key = b.name.toLowerCase();
      if (names.has(key)) ctx.addIssue({ code: 'custom', path: ['brands', i, 'name'], message: `duplicate brand "${b.name}"` });
      names.add(key);
    });
    cfg.brands.forEach((b, i) =>
      b.competitors.forEach((c, j) => {
        if (!names.has(c.toLowerCase())) {
          ctx.addIssue({
            code: 'custom',
            path: ['brands', i, 'competitors', j],
            message: `unknown brand "${c}"; add it to brands with its own query`,
          });
        }
      }),
    );
    const sourceNames = new Set<string>();
    (cfg.sources ?? []).forEach((s, i) => {
      if (sourceNames.has(s.name)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'name'], message: `duplicate source "${s.name}"` });
      sourceNames.add(s.name);
    });
  });

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type BrandConfig = z.output<typeof brandSchema>;
export type SourceConfig = z.output<typeof sourceSchema>;
