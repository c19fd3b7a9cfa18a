import type { MentionInput } from '../../core/mention.ts';
import { createSourceHttp, type SourceHttp } from '../common.ts';
import { RecentIds, readStreams, runStream, searchQueries, type PageOut, type StreamCursor } from '../search-run.ts';
import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { HackernewsOptions } from './config.ts';
import { mapHnPage } from './map.ts';

/**
 * Hacker News through the public HN Search API (Algolia), `search_by_date`
 * (newest first). The time window is filtered server-side with
 * `numericFilters=created_at_i>=since,created_at_i<=upper`; the upper bound is
 * fixed when a window starts so `page=N` stays stable while HN keeps posting.
 * The page token is `<page>:<upper>`.
 */
export class HackernewsCollector implements Collector {
  private readonly http: SourceHttp;
  private readonly queries: string[];

  constructor(
    private readonly o: HackernewsOptions,
    private readonly deps: CollectorDeps,
  ) {
    this.http = createSourceHttp(deps, o);
    this.queries = searchQueries(o.query, deps.brands, deps.name);
  }

  private async page(query: string, token: string | null, since: number, upper: number, signal: AbortSignal): Promise<PageOut> {
    const [pageStr, upperStr] = (token ?? `0:${upper}`).split(':');
    const page = Number(pageStr) || 0;
    const until = Number(upperStr) || upper;
    const params = new URLSearchParams({
      query,
      tags: this.o.tags === 'all' ? '(story,comment)' : this.o.tags,
      numericFilters: `created_at_i>=${Math.floor(since / 1000)},created_at_i<=${until}`,
      hitsPerPage: String(this.o.hitsPerPage),
      page: String(page),
    });
    const res = await this.http.json(`${this.o.apiUrl}/search_by_date?${params}`, { signal });
    const out = mapHnPage(res.json, this.deps.name);
    const more = out.times.length > 0 && page + 1 < out.nbPages;
    return { ...out, next: more ? `${page + 1}:${until}` : null };
  }

  async collect(input: CollectInput): Promise<CollectResult> {
    const prev = readStreams(input.cursor);
    const now = this.deps.clock.now();
    const start = input.since ?? now - this.o.backfillWindow;
    const upper = Math.floor(now / 1000);
    const mentions: MentionInput[] = [];
    const rejects: NonNullable<CollectResult['rejects']> = [];
    const next: Record<string, StreamCursor> = { ...prev };
    const recent = new RecentIds(input.cursor);
    for (const q of this.queries) {
      const run = await runStream({
        cursor: prev[q],
        start,
        force: input.since !== undefined,
        maxPages: this.o.maxPagesPerRun, maxItems: this.o.maxItemsPerRun - mentions.length,
        signal: input.signal,
        fetchPage: (token, since) => this.page(q, token, since, upper, input.signal),
      });
      recent.push(mentions, run.mentions);
      rejects.push(...run.rejects);
      next[q] = run.cursor;
    }
    return { mentions, rejects, cursor: { streams: next, recent: recent.toJSON() } };
  }
}
