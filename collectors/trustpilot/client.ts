import { createSourceHttp, type SourceHttp } from '../common.ts';
import { collectStreams, type PageOut } from '../search-run.ts';
import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { TrustpilotOptions } from './config.ts';
import { mapTrustpilotPage } from './map.ts';

/**
 * Trustpilot reviews of each business unit, newest first
 * (`orderBy=createdat.desc`), bounded below by `startDateTime` so a page
 * never carries what the cursor already has, paged by `page`.
 */
export class TrustpilotCollector implements Collector {
  private readonly http: SourceHttp;

  constructor(
    private readonly o: TrustpilotOptions,
    private readonly deps: CollectorDeps,
  ) {
    this.http = createSourceHttp(deps, o);
  }

  private async page(unit: string, token: string | null, since: number, signal: AbortSignal): Promise<PageOut> {
    const n = token ? Number(token) : 1;
    const params = new URLSearchParams({
      apikey: this.o.apiKey,
      orderBy: 'createdat.desc',
      perPage: String(this.o.perPage),
      page: String(n),
      // Trustpilot reads this without zone, as UTC; whole seconds.
      startDateTime: new Date(since).toISOString().slice(0, 19),
    });
    if (this.o.languages.length) params.set('language', this.o.languages.join(','));
    const res = await this.http.json(`${this.o.apiUrl}/v1/business-units/${unit}/reviews?${params}`, { signal });
    const out = mapTrustpilotPage(res.json ?? {}, this.deps.name, unit);
    const more = out.hasNext || out.read >= this.o.perPage;
    return { ...out, next: more && out.read > 0 ? String(n + 1) : null };
  }

  collect(input: CollectInput): Promise<CollectResult> {
    return collectStreams(
      input,
      {
        source: this.deps.name, now: this.deps.clock.now(), backfillWindow: this.o.backfillWindow,
        maxPagesPerRun: this.o.maxPagesPerRun, maxItemsPerRun: this.o.maxItemsPerRun, authKeys: 'apiKey',
      },
      this.o.businessUnits.map((unit) => ({ key: unit, fetchPage: (t, since) => this.page(unit, t, since, input.signal) })),
    );
  }
}
