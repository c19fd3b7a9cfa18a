import { createSourceHttp, type SourceHttp } from '../common.ts';
import { collectStreams, searchQueries, type PageOut } from '../search-run.ts';
import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { XOptions } from './config.ts';
import { mapXSearch } from './map.ts';

/** Recent search reaches 7 days back; ask for a little less so the clock skew between us and X never makes a 400. */
const RECENT_LIMIT_MS = 7 * 86_400_000 - 120_000;
const FIELDS = {
  'tweet.fields': 'created_at,lang,public_metrics,referenced_tweets,author_id,conversation_id,note_tweet',
  expansions: 'author_id',
  'user.fields': 'name,username,public_metrics',
};

/**
 * X API v2 recent search (`GET /2/tweets/search/recent`) with an app-only
 * bearer token; newest first, paged by `next_token`, bounded by `start_time`.
 * Rate limits: 429 waits for `x-rate-limit-reset` (up to `maxRetryAfter`,
 * else the run ends and the next scheduled run picks up).
 */
export class XCollector implements Collector {
  private readonly http: SourceHttp;
  private readonly queries: string[];

  constructor(
    private readonly o: XOptions,
    private readonly deps: CollectorDeps,
  ) {
    this.http = createSourceHttp(deps, o);
    this.queries = searchQueries(o.query, deps.brands, deps.name).map((q) =>
      o.excludeRetweets && !/is:retweet/i.test(q) ? `(${q}) -is:retweet` : q,
    );
  }

  private async page(query: string, token: string | null, since: number, signal: AbortSignal): Promise<PageOut> {
    const floor = this.deps.clock.now() - RECENT_LIMIT_MS;
    const start = new Date(Math.max(since, floor)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const params = new URLSearchParams({ query, max_results: String(this.o.maxResults), start_time: start, ...FIELDS });
    if (token) params.set('next_token', token);
    const res = await this.http.json(`${this.o.apiUrl}/2/tweets/search/recent?${params}`, {
      signal,
      headers: { authorization: `Bearer ${this.o.bearerToken}` },
    });
    const out = mapXSearch(res.json, this.deps.name);
    return { ...out, next: out.nextToken };
  }

  collect(input: CollectInput): Promise<CollectResult> {
    return collectStreams(
      input,
      {
        source: this.deps.name, now: this.deps.clock.now(), backfillWindow: this.o.backfillWindow,
        maxPagesPerRun: this.o.maxPagesPerRun, maxItemsPerRun: this.o.maxItemsPerRun, authKeys: 'bearerToken',
      },
      this.queries.map((q) => ({ key: q, fetchPage: (t, since) => this.page(q, t, since, input.signal) })),
    );
  }
}
