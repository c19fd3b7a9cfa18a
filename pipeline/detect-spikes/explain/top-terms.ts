import { STOPWORDS } from './stopwords.ts';

/** A term (unigram or bigram) that rose in the window against the baseline. */
export interface RisingTerm {
  term: string;
  /** Occurrences in the window texts. */
  count: number;
  /** Occurrences in the baseline texts. */
  baselineCount: number;
  /** z-score of the log-odds ratio (Monroe, Colaresi & Quinn 2008, informative Dirichlet prior). */
  z: number;
}

export interface TopTermsOptions {
  /** Minimum occurrences in the window for a term to be reported; default 2. */
  minCount?: number;
  /** Strength of the prior (total pseudo-counts); default 500. */
  priorStrength?: number;
  /** Longest text considered, in characters (user text is hostile: cap it); default 5000. */
  maxTextLength?: number;
}

/** Lower-cased word tokens; URLs and @handles dropped, #hashtags kept as words, stopwords and 1-letter tokens removed. */
export function tokenize(text: string, maxLength = 5000): string[] {
  const clean = text
    .slice(0, maxLength)
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@[\p{L}\p{N}_]+/gu, ' ');
  const out: string[] = [];
  for (const m of clean.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)) {
    const t = m[0].replace(/['’-]+$/, '');
    if (t.length < 2 || STOPWORDS.has(t) || /^\d+$/.test(t)) {
      out.push('');
      continue;
    }
    out.push(t);
  }
  return out;
}

/** Unigrams and bigrams of adjacent content words ("data breach"), counted once per text so one spammer cannot dominate. */
function countTerms(texts: readonly string[], maxLength: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const tokens = tokenize(text, maxLength);
    const seen = new Set<string>();
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (!t) continue;
      seen.add(t);
      const next = tokens[i + 1];
      if (next) seen.add(`${t} ${next}`);
    }
    for (const t of seen) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/**
 * The `n` terms that rose most in `windowTexts` against `baselineTexts`, by the
 * weighted log-odds ratio with an informative Dirichlet prior built from both
 * corpora: frequent words need a real rise, rare words cannot win on one use.
 */
export function topTerms(windowTexts: readonly string[], baselineTexts: readonly string[], n = 10, options: TopTermsOptions = {}): RisingTerm[] {
  const maxLength = options.maxTextLength ?? 5000;
  const minCount = options.minCount ?? 2;
  const a0 = options.priorStrength ?? 500;
  const win = countTerms(windowTexts, maxLength);
  const base = countTerms(baselineTexts, maxLength);
  let nWin = 0;
  let nBase = 0;
  for (const c of win.values()) nWin += c;
  for (const c of base.values()) nBase += c;
  const nAll = nWin + nBase;
  if (nWin === 0 || nAll === 0) return [];
  const out: RisingTerm[] = [];
  for (const [term, yi] of win) {
    if (yi < minCount) continue;
    const yj = base.get(term) ?? 0;
    const alpha = (a0 * (yi + yj)) / nAll;
    const li = Math.log((yi + alpha) / (nWin + a0 - yi - alpha));
    const lj = Math.log((yj + alpha) / (nBase + a0 - yj - alpha));
    const z = (li - lj) / Math.sqrt(1 / (yi + alpha) + 1 / (yj + alpha));
    if (z > 0) out.push({ term, count: yi, baselineCount: yj, z });
  }
  out.sort((a, b) => b.z - a.z || b.count - a.count || a.term.localeCompare(b.term));
  // A bigram that says the same as its words: keep the bigram, drop words fully explained by it.
  const picked: RisingTerm[] = [];
  for (const t of out) {
    if (picked.length >= n) break;
    if (!t.term.includes(' ') && out.some((p) => p.term.includes(' ') && p.term.split(' ').includes(t.term) && p.count >= t.count * 0.8 && p.z >= t.z * 0.5)) continue;
    picked.push(t);
  }
  return picked;
}
