import { errorCode, errorMessage, EarshotError } from '../../core/errors.ts';
import { safeUrl } from '../../core/http.ts';
import type { MentionInput } from '../../core/mention.ts';
import { checkAborted, createSourceHttp, type SourceHttp } from '../common.ts';
import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { RssOptions } from './config.ts';
import { decodeXml, itemToMention, parseFeed, type Feed } from './map.ts';

/** What the cursor keeps per feed URL. */
export interface FeedState {
  etag?: string;
  lastModified?: string;
  /** Newest item date seen (ms). */
  newest?: number;
  /** Ids already returned, oldest first, capped at `maxSeenPerFeed`. */
  seen: string[];
}

export interface RssCursor {
  feeds: Record<string, FeedState>;
  [k: string]: unknown;
}

function readCursor(c: unknown): RssCursor {
  const feeds = (c as { feeds?: unknown } | null)?.feeds;
  return { feeds: feeds && typeof feeds === 'object' ? { ...(feeds as Record<string, FeedState>) } : {} };
}

/**
 * Polls every feed URL with a conditional GET (ETag / Last-Modified), returns
 * the items it has not returned before, oldest first, at most
 * `maxItemsPerRun` per run. One failing URL is logged and counted; the others go on.
 */
export class RssCollector implements Collector {
  private readonly http: SourceHttp;

  constructor(
    private readonly options: RssOptions,
    private readonly deps: CollectorDeps,
  ) {
    this.http = createSourceHttp(deps, options);
  }

  async collect({ cursor, signal, since }: CollectInput): Promise<CollectResult> {
    const state = readCursor(cursor);
    const now = this.deps.clock.now();
    const cutoff = since ?? now - this.options.backfillWindow;
    const mentions: MentionInput[] = [];
    const rejects: NonNullable<CollectResult['rejects']> = [];
    const errors: NonNullable<CollectResult['errors']> = [];
    let fetched = 0;
    let duplicates = 0;
    const errorCounter = this.deps.metrics.counter('earshot_source_errors_total', 'Collector errors by code', ['source', 'code']);

    for (const url of this.options.urls) {
      checkAborted(signal);
      const room = this.options.maxItemsPerRun - mentions.length;
      if (room <= 0) break;
      const prev: FeedState = state.feeds[url] ?? { seen: [] };
      try {
        const headers: Record<string, string> = {
          accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5',
        };
        // A backfill must see the whole feed, so it skips the conditional headers.
        if (since === undefined && prev.etag) headers['if-none-match'] = prev.etag;
        if (since === undefined && prev.lastModified) headers['if-modified-since'] = prev.lastModified;
        const res = await this.http.bytes(url, { headers, signal });
        if (res.notModified) continue;
        let feed: Feed;
        try {
          feed = parseFeed(decodeXml(res.body, res.headers['content-type']));
        } catch (err) {
          throw new EarshotError(`${safeUrl(url)}: ${errorMessage(err)}`, { code: 'invalid_feed' });
        }
        rejects.push(...feed.rejects);
        fetched += feed.items.length + feed.rejects.length;
        const seen = new Set(since === undefined ? prev.seen : []);
        const fresh = feed.items
          .filter((i) => {
            if (seen.has(i.id)) {
              duplicates++;
              return false;
            }
            return i.publishedAt === undefined || i.publishedAt >= cutoff;
          })
          .sort((a, b) => (a.publishedAt ?? now) - (b.publishedAt ?? now));
        const taken = fresh.slice(0, room);
        for (const item of taken) {
          mentions.push(itemToMention(item, { title: feed.title, language: feed.language, url }, this.deps.name, now));
        }
        const takenIds = new Set(taken.map((i) => i.id));
        const newest = Math.max(prev.newest ?? 0, ...taken.map((i) => i.publishedAt ?? 0));
        // Items left for the next run must not be hidden behind a 304: keep the old validators then.
        const v = taken.length === fresh.length ? { etag: res.headers.etag, lastModified: res.headers['last-modified'] } : prev;
        state.feeds[url] = {
          ...(v.etag ? { etag: v.etag } : {}),
          ...(v.lastModified ? { lastModified: v.lastModified } : {}),
          ...(newest > 0 ? { newest } : {}),
          seen: [...prev.seen.filter((id) => !takenIds.has(id)), ...takenIds].slice(-this.options.maxSeenPerFeed),
        };
      } catch (err) {
        if (signal.aborted) throw signal.reason ?? err;
        const code = errorCode(err);
        errors.push({ code, message: errorMessage(err) });
        this.deps.logger.warn('feed failed; other feeds go on', { source: this.deps.name, url: safeUrl(url), code, error: errorMessage(err) });
      }
    }
    // Every feed failed: the run failed (auth errors surface this way) and the old cursor stays.
    if (errors.length > 0 && errors.length === this.options.urls.length) {
      const first = errors[0]!;
      throw new EarshotError(errors.length === 1 ? first.message : `all ${errors.length} feeds failed; first: ${first.message}`, {
        code: first.code,
      });
    }
    // Partial failures are counted here; a failed run is counted once by the runner.
    for (const e of errors) errorCounter.inc({ source: this.deps.name, code: e.code });
    return { mentions, cursor: state, rejects, errors, stats: { fetched, duplicates } };
  }
}
