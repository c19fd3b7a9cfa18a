import { PermanentError } from '../../core/errors.ts';
import { createSourceHttp, type SourceHttp } from '../common.ts';
import { explainAuth, readStreams, runStream, type PageOut } from '../search-run.ts';
import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { GenericJsonOptions } from './config.ts';
import { mapGenericPage } from './map.ts';

function formatSince(ms: number, format: 'iso' | 'unix' | 'unixMs'): string {
  if (format === 'unix') return String(Math.floor(ms / 1000));
  if (format === 'unixMs') return String(Math.floor(ms));
  return new Date(ms).toISOString();
}

/**
 * Any JSON HTTP API, mapped by config. One stream with a since/seen cursor;
 * paged by a cursor parameter or a next-page URL (same origin only: the
 * configured headers carry tokens and must not go elsewhere).
 */
export class GenericJsonCollector implements Collector {
  private readonly http: SourceHttp;
  private readonly origin: string;

  constructor(
    private readonly o: GenericJsonOptions,
    private readonly deps: CollectorDeps,
  ) {
    this.http = createSourceHttp(deps, o);
    this.origin = new URL(o.url).origin;
  }

  private requestUrl(token: string | null, since: number): string {
    if (token && this.o.nextUrlPath) {
      const next = new URL(token, this.o.url);
      if (next.origin !== this.origin) {
        throw new PermanentError(`next page URL leaves ${this.origin} (${next.origin}); refusing to send the configured headers there`, { code: 'invalid_next_url' });
      }
      return next.toString();
    }
    const u = new URL(this.o.url);
    for (const [k, v] of Object.entries(this.o.query)) u.searchParams.set(k, v);
    if (this.o.since) u.searchParams.set(this.o.since.param, formatSince(since, this.o.since.format));
    if (token && this.o.nextPage) u.searchParams.set(this.o.nextPage.param, token);
    return u.toString();
  }

  private async page(token: string | null, since: number, signal: AbortSignal): Promise<PageOut> {
    const res = await this.http.json(this.requestUrl(token, since), {
      signal,
      method: this.o.method,
      headers: { ...(this.o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...this.o.headers },
      ...(this.o.body !== undefined ? { body: this.o.body } : {}),
    });
    const out = mapGenericPage(res.json, this.deps.name, {
      items: this.o.items, fields: this.o.fields, publishedFormat: this.o.publishedFormat,
      nextPath: this.o.nextPage?.cursorPath ?? this.o.nextUrlPath,
    });
    // An unchanged token would loop forever.
    const next = out.next && out.next !== token ? out.next : null;
    if (this.o.order === 'oldest-first') {
      // Old items first would look like "reached the cursor" to the newest-first loop; drop them here.
      const kept = out.mentions.filter((m) => Date.parse(m.publishedAt) > since);
      return { ...out, mentions: kept, next };
    }
    return { ...out, next };
  }

  async collect(input: CollectInput): Promise<CollectResult> {
    const prev = readStreams(input.cursor);
    const start = input.since ?? this.deps.clock.now() - this.o.backfillWindow;
    try {
      const run = await runStream({
        cursor: prev.main, start, force: input.since !== undefined, maxPages: this.o.maxPagesPerRun,
        maxItems: this.o.maxItemsPerRun, signal: input.signal,
        fetchPage: (t, since) => this.page(t, since, input.signal),
      });
      return { mentions: run.mentions, rejects: run.rejects, cursor: { streams: { main: run.cursor } } };
    } catch (err) {
      throw explainAuth(err, this.deps.name, 'the token in headers / query');
    }
  }
}
