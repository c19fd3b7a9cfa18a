import type { Mention } from '../../../core/mention.ts';

/** The slice of a mention the evidence helpers read; a full Mention fits. */
export type EvidenceMention = Pick<Mention, 'id' | 'source' | 'text' | 'reach' | 'publishedAt'> & {
  author: Pick<Mention['author'], 'id' | 'name' | 'followers'>;
};

/**
 * Up to `n` mention ids that show what is going on: texts containing the top
 * terms first, then by reach; at most one per author so one loud account does
 * not fill the sample. Ties break on id, so replays pick the same samples.
 */
export function sampleMentions(mentions: readonly EvidenceMention[], n = 5, terms: readonly string[] = []): string[] {
  const lowered = terms.map((t) => t.toLowerCase());
  const hits = (m: EvidenceMention) => {
    const text = m.text.toLowerCase();
    return lowered.reduce((acc, t) => acc + (text.includes(t) ? 1 : 0), 0);
  };
  const ranked = [...mentions].map((m) => ({ m, h: hits(m) })).sort((a, b) => b.h - a.h || b.m.reach - a.m.reach || a.m.id.localeCompare(b.m.id));
  const authors = new Set<string>();
  const out: string[] = [];
  for (const { m } of ranked) {
    if (out.length >= n) break;
    const who = m.author.id || m.id;
    if (authors.has(who)) continue;
    authors.add(who);
    out.push(m.id);
  }
  return out;
}

export interface AuthorReach {
  id: string;
  name: string;
  followers: number | null;
  mentions: number;
  /** Sum of the reach of this author's mentions in the window. */
  reach: number;
}

/** The `n` authors with the most reach in the window. */
export function topAuthors(mentions: readonly EvidenceMention[], n = 5): AuthorReach[] {
  const by = new Map<string, AuthorReach>();
  for (const m of mentions) {
    if (!m.author.id) continue;
    const a = by.get(m.author.id) ?? { id: m.author.id, name: m.author.name, followers: m.author.followers, mentions: 0, reach: 0 };
    a.mentions++;
    a.reach += m.reach;
    by.set(m.author.id, a);
  }
  return [...by.values()].sort((a, b) => b.reach - a.reach || b.mentions - a.mentions || a.id.localeCompare(b.id)).slice(0, n);
}

/** Mentions per source in the window, largest first. */
export function topSources(mentions: readonly EvidenceMention[], n = 5): Array<{ source: string; mentions: number; share: number }> {
  const by = new Map<string, number>();
  for (const m of mentions) by.set(m.source, (by.get(m.source) ?? 0) + 1);
  const total = mentions.length || 1;
  return [...by.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([source, count]) => ({ source, mentions: count, share: count / total }));
}
