import type { MentionInput } from '../../core/mention.ts';
import { createSourceHttp, type SourceHttp } from '../common.ts';
import { explainAuth, RecentIds, readStreams, runStream, type PageOut, type StreamCursor } from '../search-run.ts';
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

  async collect(input: CollectInput): Promise<CollectResult> {
    const prev = readStreams(input.cursor);
    const start = input.since ?? this.deps.clock.now() - this.o.backfillWindow;
    const mentions: MentionInput[] = [];
    const rejects: NonNullable<CollectResult['rejects']> = [];
    const next: Record<string, StreamCursor> = { ...prev };
    const recent = new RecentIds(input.cursor);
    try {
      for (const unit of this.o.businessUnits) {
        const run = await runStream({
          cursor: prev[unit], start, force: input.since !== undefined, maxPages: this.o.maxPagesPerRun,
          maxItems: this.o.maxItemsPerRun - mentions.length, signal: input.signal,
          fetchPage: (t, since) => this.page(unit, t, since, input.signal),
        });
        recent.push(mentions, run.mentions);
        rejects.push(...run.rejects);
        next[unit] = run.cursor;
      }
    } catch (err) {
      throw explainAuth(err, this.deps.name, 'apiKey');
    }
    return { mentions, rejects, cursor: { streams: next, recent: recent.toJSON() } };
  }
}
