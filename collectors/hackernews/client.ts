import { createSourceHttp, type SourceHttp } from '../common.ts';
import { collectStreams, searchQueries, type PageOut } from '../search-run.ts';
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

  collect(input: CollectInput): Promise<CollectResult> {
    const now = this.deps.clock.now();
    // One upper time bound for the whole run keeps page numbers stable while HN keeps posting.
    const upper = Math.floor(now / 1000);
    return collectStreams(
      input,
      {
        source: this.deps.name, now: now, backfillWindow: this.o.backfillWindow,
        maxPagesPerRun: this.o.maxPagesPerRun, maxItemsPerRun: this.o.maxItemsPerRun,
      },
      this.queries.map((q) => ({ key: q, fetchPage: (token, since) => this.page(q, token, since, upper, input.signal) })),
    );
  }
}
