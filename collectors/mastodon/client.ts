import { ConfigError } from '../../core/errors.ts';
import { createSourceHttp, type SourceHttp } from '../common.ts';
import { collectStreams, searchQueries, type PageOut } from '../search-run.ts';
import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { MastodonOptions } from './config.ts';
import { mapMastodonStatuses } from './map.ts';

interface Stream {
  key: string;
  instance: MastodonOptions['instances'][number];
  index: number;
  path: string;
  params: Record<string, string>;
}

/**
 * Public Mastodon posts: `GET /api/v2/search?type=statuses` (when the instance
 * has an `accessToken`) and `GET /api/v1/timelines/tag/:hashtag`, newest
 * first, paged with `max_id` (the smallest status id of the previous page).
 */
export class MastodonCollector implements Collector {
  private readonly http: SourceHttp;
  private readonly streams: Stream[] = [];

  constructor(
    private readonly o: MastodonOptions,
    private readonly deps: CollectorDeps,
  ) {
    this.http = createSourceHttp(deps, o);
    const queries = o.query || deps.brands.length ? searchQueries(o.query, deps.brands, deps.name) : [];
    const tags = (o.hashtags ?? (o.query ? [] : deps.brands.map((b) => b.name.replace(/[^\p{L}\p{N}_]/gu, ''))))
      .map((t) => t.replace(/^#/, '').toLowerCase())
      .filter(Boolean);
    o.instances.forEach((instance, index) => {
      const base = instance.url.replace(/\/+$/, '');
      if (instance.accessToken) {
        for (const q of queries) this.streams.push({ key: `${base} search ${q}`, instance, index, path: '/api/v2/search', params: { q, type: 'statuses', resolve: 'false' } });
      } else if (!o.hashtags && o.query) {
        deps.logger.warn('mastodon: full-text search needs an accessToken on most instances; reading nothing from this instance', { source: deps.name, instance: base });
      }
      for (const t of [...new Set(tags)]) this.streams.push({ key: `${base} tag ${t}`, instance, index, path: `/api/v1/timelines/tag/${encodeURIComponent(t)}`, params: {} });
    });
    if (!this.streams.length) {
      throw new ConfigError([{ path: `sources[${deps.name}].options`, message: 'nothing to read: set hashtags, or query (with an instance accessToken), or configure brands' }]);
    }
  }

  private async page(s: Stream, maxId: string | null, signal: AbortSignal): Promise<PageOut> {
    const params = new URLSearchParams({ ...s.params, limit: String(this.o.limit), ...(maxId ? { max_id: maxId } : {}) });
    const headers: Record<string, string> = s.instance.accessToken ? { authorization: `Bearer ${s.instance.accessToken}` } : {};
    const res = await this.http.json(`${s.instance.url.replace(/\/+$/, '')}${s.path}?${params}`, { signal, headers });
    const out = mapMastodonStatuses(res.json, this.deps.name);
    // Ids are snowflakes (time-ordered) as decimal strings: compare by length, then lexically.
    const smallest = [...out.ids].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))[0];
    return { ...out, next: smallest && out.ids.length >= this.o.limit ? smallest : null };
  }

  collect(input: CollectInput): Promise<CollectResult> {
    return collectStreams(
      input,
      {
        source: this.deps.name, now: this.deps.clock.now(), backfillWindow: this.o.backfillWindow,
        maxPagesPerRun: this.o.maxPagesPerRun, maxItemsPerRun: this.o.maxItemsPerRun,
      },
      this.streams.map((s) => ({
        key: s.key,
        fetchPage: (t) => this.page(s, t, input.signal),
        authKeys: `instances[${s.index}].accessToken (${s.instance.url})`,
      })),
    );
  }
}
