import { z } from 'zod';
import { ConfigError, PermanentError } from '../core/errors.ts';
import type { MentionInput } from '../core/mention.ts';
import type { BrandConfig } from '../config/schema.ts';
import { checkAborted } from './common.ts';
import type { MapOutcome } from './payload.ts';
import type { CollectInput, CollectResult, Cursor } from './types.ts';

/**
 * The run loop shared by search-style collectors (newest first, paged by an
 * opaque token). One "stream" is one query/subreddit/hashtag; each keeps its
 * own cursor:
 *   - `since`/`seen`: everything published after `since` (ms) is new; `seen`
 *     holds the ids published exactly at `since`, so equal timestamps are
 *     neither lost nor returned twice.
 *   - `resume`: when a run hits `maxPagesPerRun` before reaching `since`, the
 *     next run continues from that page token (older items) until it reaches
 *     `since`, then jumps `since` to the newest item the interrupted run saw.
 *     So a burst larger than one run's budget is read over several runs, never
 *     skipped.
 */

export interface StreamCursor {
  since: number;
  seen: string[];
  /**
   * An interrupted run: re-read from page `token` (null = the newest page),
   * skipping the ids `taken` from it already.
   */
  resume?: { token: string | null; newest: number; newestSeen: string[]; taken: string[] };
}

/** Thrown by `fetchPage` to end a stream early but cleanly (e.g. quota spent): what was read is kept, the rest resumes next run. */
export class StopStream extends Error {}

export interface PageOut extends MapOutcome {
  next: string | null;
}

export interface StreamRun {
  mentions: MentionInput[];
  rejects: Array<{ reason: string; payload: string }>;
  skipped: number;
  pages: number;
  cursor: StreamCursor;
}

/** `maxPagesPerRun`, shared by the search collectors. Default 10. */
export const maxPagesPerRun = () => z.number().int().min(1).max(1000).default(10);

const streamCursorSchema = z.object({
  since: z.number(),
  seen: z.array(z.string()).default([]),
  resume: z
    .object({ token: z.string().nullable(), newest: z.number(), newestSeen: z.array(z.string()), taken: z.array(z.string()).default([]) })
    .optional(),
});

/** The stream cursors inside a collector cursor; anything unreadable counts as "no cursor" (first run). */
export function readStreams(cursor: Cursor | null): Record<string, StreamCursor> {
  const out: Record<string, StreamCursor> = {};
  const streams = cursor?.streams;
  if (!streams || typeof streams !== 'object') return out;
  for (const [k, v] of Object.entries(streams)) {
    const r = streamCursorSchema.safeParse(v);
    if (r.success) out[k] = r.data;
  }
  return out;
}

/**
 * Reads one stream newest-first until it reaches `since`, runs out of pages,
 * spends `maxPages` or returns `maxItems`. `fetchPage` gets the lower time
 * bound so APIs that filter by time server-side can use it.
 */
export async function runStream(o: {
  cursor: StreamCursor | undefined;
  /** `since` for a stream without cursor: now − backfillWindow (or `earshot backfill --since`). */
  start: number;
  /** Backfill: ignore the cursor and read from `start`. */
  force?: boolean;
  maxPages: number;
  /** Most mentions this call returns (what is left of the run's `maxItemsPerRun`). */
  maxItems: number;
  signal: AbortSignal;
  fetchPage: (token: string | null, since: number) => Promise<PageOut>;
}): Promise<StreamRun> {
  const prev = o.force || !o.cursor ? undefined : o.cursor;
  const since = prev?.since ?? o.start;
  const seen = new Set(prev?.seen ?? []);
  let token: string | null = prev?.resume ? prev.resume.token : null;
  let taken = new Set(prev?.resume?.taken ?? []);
  const out: StreamRun = { mentions: [], rejects: [], skipped: 0, pages: 0, cursor: prev ?? { since, seen: [...seen] } };
  let newest = prev?.resume?.newest ?? since;
  let newestSeen = new Set(prev?.resume?.newestSeen ?? [...seen]);
  let reached = false;
  let full = false;
  if (o.maxItems <= 0) return out;
  while (out.pages < o.maxPages) {
    checkAborted(o.signal);
    let page: PageOut;
    try {
      page = await o.fetchPage(token, since);
    } catch (err) {
      if (!(err instanceof StopStream)) throw err;
      if (out.pages === 0) return out;
      checkAborted(o.signal);
      out.cursor = { since, seen: [...seen], resume: { token, newest, newestSeen: [...newestSeen], taken: [...taken] } };
      return out;
    }
    out.pages++;
    out.rejects.push(...page.rejects);
    out.skipped += page.skipped;
    const takenHere: string[] = [];
    for (const m of page.mentions) {
      const t = Date.parse(m.publishedAt);
      if (t < since || (t === since && seen.has(m.id))) {
        reached = true;
        continue;
      }
      if (taken.has(m.id)) {
        takenHere.push(m.id);
        continue;
      }
      if (out.mentions.length >= o.maxItems) {
        full = true;
        break;
      }
      out.mentions.push(m);
      takenHere.push(m.id);
      if (t > newest) {
        newest = t;
        newestSeen = new Set([m.id]);
      } else if (t === newest) newestSeen.add(m.id);
    }
    if (full) {
      // Stopped inside this page: the next run reads it again and skips what was taken.
      out.cursor = { since, seen: [...seen], resume: { token, newest, newestSeen: [...newestSeen], taken: takenHere } };
      checkAborted(o.signal);
      return out;
    }
    taken = new Set();
    token = page.next;
    if (reached || !token) break;
  }
  checkAborted(o.signal);
  out.cursor =
    !reached && token
      ? { since, seen: [...seen], resume: { token, newest, newestSeen: [...newestSeen], taken: [] } }
      : { since: newest, seen: [...newestSeen] };
  return out;
}

/**
 * The search strings of a source: `options.query`, or else one per configured
 * brand, derived from the brand's *name* (not its boolean query, whose syntax
 * no API shares): the name, in double quotes when it has spaces. The
 * match-brands stage then applies the full brand query to what comes back.
 */
export function searchQueries(query: string | undefined, brands: readonly BrandConfig[], source: string): string[] {
  if (query?.trim()) return [query.trim()];
  const names = [...new Set(brands.map((b) => b.name.trim()).filter(Boolean))];
  if (!names.length) {
    throw new ConfigError([{ path: `sources[${source}].options.query`, message: 'no query and no brands configured; set options.query or add brands' }]);
  }
  return names.map((n) => (/\s/.test(n) ? `"${n.replace(/"/g, '')}"` : n));
}

/** One stream of a collector: its cursor key and how to fetch a page of it. */
export interface StreamSpec {
  key: string;
  fetchPage: (token: string | null, since: number) => Promise<PageOut>;
  /** Config keys to name when this stream's credentials are refused (default: the collector's). */
  authKeys?: string;
}

/**
 * The run every stream-based collector makes: each stream from its own cursor
 * (or from now − `backfillWindow`, or from `earshot backfill --since`), the
 * run's item budget shared across streams, a post found by two streams
 * returned once, refused credentials explained with the option to fix.
 */
export async function collectStreams(
  input: CollectInput,
  o: { source: string; now: number; backfillWindow: number; maxPagesPerRun: number; maxItemsPerRun: number; authKeys?: string },
  streams: Iterable<StreamSpec>,
): Promise<CollectResult> {
  const prev = readStreams(input.cursor);
  const start = input.since ?? o.now - o.backfillWindow;
  const mentions: MentionInput[] = [];
  const rejects: NonNullable<CollectResult['rejects']> = [];
  const next: Record<string, StreamCursor> = { ...prev };
  const recent = new RecentIds(input.cursor);
  for (const s of streams) {
    try {
      const run = await runStream({
        cursor: prev[s.key], start, force: input.since !== undefined, maxPages: o.maxPagesPerRun,
        maxItems: o.maxItemsPerRun - mentions.length, signal: input.signal, fetchPage: s.fetchPage,
      });
      recent.push(mentions, run.mentions);
      rejects.push(...run.rejects);
      next[s.key] = run.cursor;
    } catch (err) {
      const keys = s.authKeys ?? o.authKeys;
      throw keys ? explainAuth(err, o.source, keys) : err;
    }
  }
  return { mentions, rejects, cursor: { streams: next, recent: recent.toJSON() } };
}

/** Turns a rejected credential into a message naming the option to fix; other errors pass through. */
export function explainAuth(err: unknown, source: string, keys: string): unknown {
  if (err instanceof PermanentError && err.code === 'auth_failed') {
    return new PermanentError(`source "${source}": credentials rejected (${err.message}); check ${keys} in sources[].options`, {
      code: 'auth_failed',
      cause: err,
    });
  }
  return err;
}

/** How many returned ids a cursor remembers across streams and runs. */
const RECENT_IDS = 2000;

/**
 * Ids returned recently by any stream of the source. One post found by two
 * searches or by a search and a hashtag is returned once, in this run and in
 * the next ones (each stream has its own cursor and would find it again).
 */
export class RecentIds {
  private readonly ids: string[];
  private readonly set: Set<string>;

  constructor(cursor: Cursor | null) {
    const r = cursor?.recent;
    this.ids = Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string').slice(-RECENT_IDS) : [];
    this.set = new Set(this.ids);
  }

  /** Appends the mentions not returned recently to `into`. */
  push(into: MentionInput[], more: readonly MentionInput[]): void {
    for (const m of more) {
      if (this.set.has(m.id)) continue;
      this.set.add(m.id);
      this.ids.push(m.id);
      into.push(m);
    }
  }

  toJSON(): string[] {
    return this.ids.slice(-RECENT_IDS);
  }
}
