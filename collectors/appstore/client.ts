import { createSourceHttp, type SourceHttp } from '../common.ts';
import { collectStreams, type PageOut } from '../search-run.ts';
import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { AppstoreOptions } from './config.ts';
import { mapAppstorePage, type AppRef } from './map.ts';

/** The feed serves at most 10 pages (500 reviews) per app and storefront. */
const LAST_PAGE = 10;

/**
 * App Store customer reviews, one stream per app × country, newest first
 * (`sortby=mostrecent`), paged 1..10. No credentials; Apple publishes no
 * quota, so the default budget is a polite 60 requests/minute.
 */
export class AppstoreCollector implements Collector {
  private readonly http: SourceHttp;
  private readonly streams: AppRef[];

  constructor(
    private readonly o: AppstoreOptions,
    private readonly deps: CollectorDeps,
  ) {
    this.http = createSourceHttp(deps, o);
    this.streams = o.apps.flatMap((appId) => o.countries.map((country) => ({ appId, country })));
  }

  private async page(app: AppRef, token: string | null, signal: AbortSignal): Promise<PageOut> {
    const n = token ? Number(token) : 1;
    const url = `${this.o.apiUrl}/${app.country}/rss/customerreviews/page=${n}/id=${app.appId}/sortby=mostrecent/json`;
    const res = await this.http.json(url, { signal });
    const out = mapAppstorePage(res.json ?? { feed: {} }, this.deps.name, app);
    const read = out.mentions.length + out.rejects.length + out.skipped;
    return { ...out, next: read > 0 && n < LAST_PAGE ? String(n + 1) : null };
  }

  collect(input: CollectInput): Promise<CollectResult> {
    return collectStreams(
      input,
      {
        source: this.deps.name, now: this.deps.clock.now(), backfillWindow: this.o.backfillWindow,
        maxPagesPerRun: this.o.maxPagesPerRun, maxItemsPerRun: this.o.maxItemsPerRun,
      },
      this.streams.map((app) => ({ key: `${app.appId}:${app.country}`, fetchPage: (t) => this.page(app, t, input.signal) })),
    );
  }
}
