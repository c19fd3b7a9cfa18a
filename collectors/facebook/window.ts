import type { MentionInput } from '../../core/mention.ts';
import type { StreamCursor } from '../search-run.ts';

/**
 * For streams read as a whole window each run (comments on recent posts,
 * which arrive in no global order): everything after `since` (plus ids at
 * exactly `since` not yet `seen`) is new; the oldest `max` are returned and
 * the cursor moves to the last one returned, so the rest come next run.
 */
export function takeWindow(candidates: readonly MentionInput[], cursor: StreamCursor, max: number): { mentions: MentionInput[]; cursor: StreamCursor } {
  const seen = new Set(cursor.seen);
  const byId = new Map<string, { m: MentionInput; t: number }>();
  for (const m of candidates) {
    const t = Date.parse(m.publishedAt);
    if (t < cursor.since || (t === cursor.since && seen.has(m.id)) || byId.has(m.id)) continue;
    byId.set(m.id, { m, t });
  }
  const sorted = [...byId.values()].sort((a, b) => a.t - b.t || (a.m.id < b.m.id ? -1 : a.m.id > b.m.id ? 1 : 0));
  const taken = sorted.slice(0, Math.max(0, max));
  const last = taken.at(-1);
  if (!last) return { mentions: [], cursor };
  const atLast = taken.filter((x) => x.t === last.t).map((x) => x.m.id);
  return {
    mentions: taken.map((x) => x.m),
    cursor: { since: last.t, seen: last.t === cursor.since ? [...seen, ...atLast] : atLast },
  };
}
