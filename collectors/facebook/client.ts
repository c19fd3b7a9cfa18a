import type { MentionInput } from '../../core/mention.ts';
import { checkAborted } from '../common.ts';
import { explainAuth, RecentIds, readStreams, runStream, type StreamCursor } from '../search-run.ts';
import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { FacebookOptions } from './config.ts';
import { GraphClient } from './graph.ts';
import { mapCommentsPage, mapTaggedPage, type GraphPage } from './map.ts';
import { takeWindow } from './window.ts';

const FB_COMMENT = 'id,message,created_time,from{id,name},like_count,comment_count,parent{id},permalink_url';
const IG_COMMENT = 'id,text,timestamp,username,like_count,from{id,username}';

type Kind = 'fb:comments' | 'fb:tagged' | 'ig:comments' | 'ig:tags';

/**
 * The brand's own Facebook Page and Instagram account through the Graph API:
 * comments on recent posts/media (read as a window each run: comments arrive
 * on many posts in no global order) and posts/media that tag the brand
 * (newest first, incremental like a search).
 */
export class FacebookCollector implements Collector {
  private readonly graph: GraphClient;
  private readonly kinds: Kind[];

  constructor(
    private readonly o: FacebookOptions,
    private readonly deps: CollectorDeps,
  ) {
    this.graph = new GraphClient(deps, o);
    this.kinds = [
      ...(o.pageId && o.pageComments ? (['fb:comments'] as const) : []),
      ...(o.pageId && o.pageTagged ? (['fb:tagged'] as const) : []),
      ...(o.instagramUserId && o.instagramComments ? (['ig:comments'] as const) : []),
      ...(o.instagramUserId && o.instagramTags ? (['ig:tags'] as const) : []),
    ];
  }

  private url(kind: Kind, after: string | null, since: number): string {
    const base = `${this.o.apiUrl}/${this.o.graphVersion}`;
    const unix = String(Math.floor(since / 1000));
    const q = (path: string, params: Record<string, string>) => {
      const u = new URLSearchParams(params);
      if (after) u.set('after', after);
      return `${base}/${path}?${u}`;
    };
    const windowStart = String(Math.floor((this.deps.clock.now() - this.o.postsWindow) / 1000));
    switch (kind) {
      case 'fb:comments':
        return q(`${this.o.pageId}/feed`, { fields: `id,created_time,permalink_url,comments.order(reverse_chronological).limit(100){${FB_COMMENT}}`, since: windowStart, limit: '25' });
      case 'fb:tagged':
        return q(`${this.o.pageId}/tagged`, { fields: 'id,message,created_time,permalink_url,from{id,name}', since: unix, limit: '100' });
      case 'ig:comments':
        return q(`${this.o.instagramUserId}/media`, { fields: `id,timestamp,permalink,comments.limit(50){${IG_COMMENT}}`, limit: '25' });
      case 'ig:tags':
        return q(`${this.o.instagramUserId}/tags`, { fields: 'id,caption,timestamp,permalink,username,like_count,comments_count', limit: '50' });
    }
  }

  private async fetch(kind: Kind, after: string | null, since: number, signal: AbortSignal): Promise<GraphPage> {
    const body = await this.graph.get(this.url(kind, after, since), this.o.accessToken, signal);
    const platform = kind.startsWith('fb') ? 'facebook' : 'instagram';
    return kind.endsWith('comments') ? mapCommentsPage(body, this.deps.name, platform) : mapTaggedPage(body, this.deps.name, platform);
  }

  /** All comments on posts/media of the last `postsWindow`, bounded by `maxPagesPerRun`. */
  private async scanComments(kind: Kind, signal: AbortSignal): Promise<GraphPage> {
    const all: GraphPage = { mentions: [], rejects: [], skipped: 0, after: null };
    const floor = this.deps.clock.now() - this.o.postsWindow;
    let after: string | null = null;
    for (let page = 0; page < this.o.maxPagesPerRun; page++) {
      checkAborted(signal);
      const p = await this.fetch(kind, after, floor, signal);
      all.mentions.push(...p.mentions);
      all.rejects.push(...p.rejects);
      all.skipped += p.skipped;
      // Media lists have no `since`: stop once the page reaches posts older than the window.
      if (!p.after || (p.oldest != null && p.oldest < floor)) break;
      after = p.after;
    }
    return all;
  }

  async collect(input: CollectInput): Promise<CollectResult> {
    const prev = readStreams(input.cursor);
    const start = input.since ?? this.deps.clock.now() - this.o.backfillWindow;
    const force = input.since !== undefined;
    const mentions: MentionInput[] = [];
    const rejects: NonNullable<CollectResult['rejects']> = [];
    const next: Record<string, StreamCursor> = { ...prev };
    const recent = new RecentIds(input.cursor);
    try {
      for (const kind of this.kinds) {
        const left = this.o.maxItemsPerRun - mentions.length;
        if (kind.endsWith('comments')) {
          const scan = await this.scanComments(kind, input.signal);
          const cursor = (!force && prev[kind]) || { since: start, seen: [] };
          const w = takeWindow(scan.mentions, cursor, left);
          recent.push(mentions, w.mentions);
          rejects.push(...scan.rejects);
          next[kind] = w.cursor;
        } else {
          const run = await runStream({
            cursor: prev[kind], start, force, maxPages: this.o.maxPagesPerRun, maxItems: left, signal: input.signal,
            fetchPage: async (token, since) => {
              const p = await this.fetch(kind, token, since, input.signal);
              return { ...p, next: p.after };
            },
          });
          recent.push(mentions, run.mentions);
          rejects.push(...run.rejects);
          next[kind] = run.cursor;
        }
      }
    } catch (err) {
      throw explainAuth(err, this.deps.name, 'accessToken (a Page access token with pages_read_engagement / instagram_manage_comments)');
    }
    checkAborted(input.signal);
    return { mentions, rejects, cursor: { streams: next, recent: recent.toJSON() } };
  }
}
