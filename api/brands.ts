import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../core/clock.ts';
import type { Store } from '../core/store/clickhouse.ts';
import type { Auth } from './auth.ts';
import { ApiError, parse, requireRole } from './http.ts';

/** Ranges of the pulse view and their bucket sizes: 24 h in 10-minute, 7 d in 1-hour buckets. */
export const RANGES = { '24h': { spanMs: 86_400_000, bucketS: 600 }, '7d': { spanMs: 7 * 86_400_000, bucketS: 3600 } } as const;

export interface OverviewPoint {
  /** Bucket start, epoch seconds (uPlot's x unit). */
  t: number;
  mentions: number;
  negative: number;
  /** Mean sentiment score in [-1, 1]; null when the bucket is empty. */
  sentiment: number | null;
}

export interface AlertMarker {
  at: string;
  alertId: string;
  severity: string;
  kind: string;
  title: string;
}

export interface Overview {
  brand: string;
  range: keyof typeof RANGES;
  bucketSeconds: number;
  from: string;
  to: string;
  series: OverviewPoint[];
  alerts: AlertMarker[];
}

/** Volume and sentiment of a brand from `mentions_1m`, with the alerts that fired in the range (events kind 'alert'). */
export async function brandOverview(store: Store, brand: string, range: keyof typeof RANGES, now: number): Promise<Overview> {
  const { spanMs, bucketS } = RANGES[range];
  const end = Math.ceil(now / 1000 / bucketS) * bucketS;
  const start = end - spanMs / 1000;
  const rows = await store.query<{ t: string; n: string; neg: string; ssum: number }>(
    `SELECT toUnixTimestamp(toStartOfInterval(minute, toIntervalSecond({b:UInt32}))) AS t,
            sum(mentions) AS n, sumIf(mentions, sentiment_label = 'negative') AS neg, sum(sentiment_sum) AS ssum
     FROM mentions_1m
     WHERE brand = {brand:String} AND minute >= toDateTime({from:UInt32}, 'UTC') AND minute < toDateTime({to:UInt32}, 'UTC')
     GROUP BY t ORDER BY t`,
    { b: bucketS, brand, from: start, to: end },
  );
  const byT = new Map(rows.map((r) => [Number(r.t), r]));
  const series: OverviewPoint[] = [];
  for (let t = start; t < end; t += bucketS) {
    const r = byT.get(t);
    const n = r ? Number(r.n) : 0;
    series.push({ t, mentions: n, negative: r ? Number(r.neg) : 0, sentiment: n ? Math.round((Number(r?.ssum ?? 0) / n) * 1000) / 1000 : null });
  }
  const events = await store.query<{ at_text: string; entity_id: string; severity: string; data: string }>(
    `SELECT toString(at) AS at_text, entity_id, severity, data FROM events FINAL
     WHERE kind = 'alert' AND type = 'fired' AND brand = {brand:String}
       AND at >= fromUnixTimestamp64Milli({fromMs:Int64}) AND at < fromUnixTimestamp64Milli({toMs:Int64})
     ORDER BY at LIMIT 500`,
    { brand, fromMs: start * 1000, toMs: end * 1000 },
  );
  const alerts = events.map((e) => {
    let data: Record<string, unknown> = {};
    try {
      data = JSON.parse(e.data) as Record<string, unknown>;
    } catch {
      // a malformed data column only loses the marker's title
    }
    return {
      at: e.at_text.replace(' ', 'T') + 'Z',
      alertId: e.entity_id,
      severity: e.severity,
      kind: typeof data.kind === 'string' ? data.kind : '',
      title: typeof data.title === 'string' ? data.title.slice(0, 300) : '',
    };
  });
  return { brand, range, bucketSeconds: bucketS, from: new Date(start * 1000).toISOString(), to: new Date(end * 1000).toISOString(), series, alerts };
}

const rangeQuery = z.object({ range: z.enum(['24h', '7d']).default('24h') }).strict();
const brandParams = z.object({ brand: z.string().min(1).max(200) });

export function registerBrandRoutes(
  app: FastifyInstance,
  ctx: { auth: Auth; store: Store; clock: Clock; brands: readonly string[]; rateLimitPerMinute: number },
): void {
  const read = requireRole(ctx.auth, 'brands:read', ctx.rateLimitPerMinute);

  app.get('/api/brands', { preHandler: read }, async () => {
    const since = Math.floor(ctx.clock.now() / 1000) - 86_400;
    const rows = await ctx.store.query<{ brand: string; n: string }>(
      `SELECT brand, sum(mentions) AS n FROM mentions_1m WHERE minute >= toDateTime({since:UInt32}, 'UTC') GROUP BY brand`,
      { since },
    );
    const counts = new Map(rows.map((r) => [r.brand, Number(r.n)]));
    return { items: ctx.brands.map((name) => ({ name, mentions24h: counts.get(name) ?? 0 })) };
  });

  app.get('/api/brands/:brand/overview', { preHandler: read }, async (req) => {
    const { brand } = parse(brandParams, req.params);
    const { range } = parse(rangeQuery, req.query);
    if (!ctx.brands.includes(brand)) throw new ApiError(404, 'not_found', `no brand "${brand.slice(0, 100)}" in the config`);
    return brandOverview(ctx.store, brand, range, ctx.clock.now());
  });
}
