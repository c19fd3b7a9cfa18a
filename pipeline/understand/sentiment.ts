import type { SentimentLabel } from '../../core/mention.ts';
import { EMOJI, EMOTICONS } from './emoji.ts';
import {
  GERMAN_COMPOUND_HEADS, GERMAN_COMPOUND_MODIFIERS, GERMAN_CONTRAST, GERMAN_INTENSIFIERS, GERMAN_LEXICON, GERMAN_NEGATION_BREAKERS, GERMAN_NEGATORS,
} from './lexicon-de.ts';
import { ENGLISH_CONTRAST, ENGLISH_INTENSIFIERS, ENGLISH_LEXICON, ENGLISH_NEGATION_BREAKERS, ENGLISH_NEGATORS } from './lexicon-en.ts';
import { otherPack } from './lexicon-other.ts';
import { ENGLISH_PERSONS, ENGLISH_PHRASES, GERMAN_PERSONS, GERMAN_PHRASES, type PhraseIndex, type PhraseTail } from './sentiment-phrases.ts';
import { Kind, squashed, tokenize, type Token } from './tokenize.ts';

/**
 * Lexicon-and-rules sentiment (VADER-like) for German and English:
 * negation (before the word, and in German also after it: "gefällt mir nicht"),
 * intensifiers and dampers, contrast ("aber", "but": the later clause counts
 * more), capitals, elongations, `!`, emoji and emoticons. The sum is squashed
 * into [-1, 1] by s / √(s² + α) and labelled by calibrated thresholds.
 */

export interface LanguagePack {
  words: ReadonlyMap<string, number>;
  negators: ReadonlySet<string>;
  intensifiers: ReadonlyMap<string, number>;
  contrast: ReadonlySet<string>;
  negationBreakers: ReadonlySet<string>;
  /** German: a negator after the word applies to it when nothing follows it. */
  negatesBackwards: boolean;
  /** Suffixes tried, longest first, when a word is not found as written. */
  suffixes: readonly string[];
  compoundHeads: readonly (readonly [string, number])[];
  compoundModifiers: readonly (readonly [string, number])[];
  /** Multi-word phrases whose meaning is not the sum of their words ("can't wait" is eager, not negated; "fällt aus"). */
  phrases: PhraseIndex;
  /** First/second-person words: their absence (with a link) marks a headline or an ad. */
  persons?: ReadonlySet<string>;
  /** English: a capitalised word next to another one mid-sentence is part of a name ("Great Yorkshire Show", "Super Bowl"). */
  namesByCapitals?: boolean;
  /** Words opening a hypothetical clause ("if", "would", "falls"): what follows in the clause is not a judgement of fact. */
  irrealis?: ReadonlySet<string>;
  /** Sums of texts longer than 12 words shrink by (12 / words)^lengthDamp (German posts run long; fitted on dev). */
  lengthDamp?: number;
  /** Memo of word → valence (0 = none), cleared when it grows past MEMO_MAX. */
  memo: Map<string, number>;
}

const MEMO_MAX = 200_000;
/**
 * The scalar knobs of the rules. Defaults follow VADER's published values
 * (negation −0.74, `!` +0.292, capitals, contrast); `calibrate.ts` may
 * search them on the dev splits only.
 */
export const PARAMS = {
  negation: -0.74,
  capsBoost: 1.3,
  elongationBoost: 1.25,
  contrastBefore: 0.5,
  contrastAfter: 1.5,
  bangBoost: 0.292,
  /** Valence a lone `!` adds to an otherwise neutral text (exclamations lean positive in social posts). */
  bangValence: 1.2,
  /** Multiplier for texts that ask (`?`): questions state less. */
  questionDamp: 1,
  /** Multiplier for headline-like texts: a link, no first/second person, no `!`, no emoji. */
  objectiveDamp: 0.6,
  /** Weight of negative valences against positive ones (complaints often carry polite positive words). */
  negativeWeight: 1.3,
  /** Multiplier for sentiment words that are part of a name (English capitals mid-sentence). */
  nameDamp: 0.2,
  irrealisDamp: 0.7,
};
const NEGATION_WINDOW = 3;
/** VADER's normalisation constant. */
const ALPHA = 15;

export const GERMAN: LanguagePack = {
  words: GERMAN_LEXICON, negators: GERMAN_NEGATORS, intensifiers: GERMAN_INTENSIFIERS, contrast: GERMAN_CONTRAST,
  negationBreakers: GERMAN_NEGATION_BREAKERS, negatesBackwards: true,
  suffixes: ['esten', 'ester', 'estes', 'estem', 'este', 'sten', 'ster', 'stes', 'ste', 'eren', 'erem', 'erer', 'eres', 'ere', 'ern', 'em', 'en', 'er', 'es', 'est', 'et', 'st', 'e', 'n', 's', 't'],
  compoundHeads: GERMAN_COMPOUND_HEADS, compoundModifiers: GERMAN_COMPOUND_MODIFIERS, memo: new Map(),
  phrases: GERMAN_PHRASES, persons: GERMAN_PERSONS, lengthDamp: 0.6,
  irrealis: new Set(['wenn', 'falls', 'ob', 'würde', 'würden', 'könnte', 'könnten', 'sollte', 'sollten', 'hätte', 'wäre']),
};

export const ENGLISH: LanguagePack = {
  words: ENGLISH_LEXICON, negators: ENGLISH_NEGATORS, intensifiers: ENGLISH_INTENSIFIERS, contrast: ENGLISH_CONTRAST,
  negationBreakers: ENGLISH_NEGATION_BREAKERS, negatesBackwards: false,
  suffixes: ['ing', 'ed', 'es', 's', 'd'], compoundHeads: [], compoundModifiers: [], memo: new Map(),
  phrases: ENGLISH_PHRASES, persons: ENGLISH_PERSONS, namesByCapitals: true,
  irrealis: new Set(['if', 'unless', 'whether', 'would', "would've", 'could', 'should', 'might', 'wish']),
};

function lookup(map: ReadonlyMap<string, number>, w: string, suffixes: readonly string[]): number {
  const v = map.get(w);
  if (v !== undefined) return v;
  for (const s of suffixes) {
    if (w.length - s.length >= 3 && w.endsWith(s)) {
      const b = map.get(w.slice(0, -s.length));
      if (b !== undefined) return b;
    }
  }
  return 0;
}

function compound(pack: LanguagePack, w: string): number {
  if (w.length < 8) return 0;
  for (const [head, v] of pack.compoundHeads) if (w.length > head.length + 2 && w.endsWith(head)) return v;
  for (const [mod, v] of pack.compoundModifiers) if (v !== 0 && w.length > mod.length + 3 && w.startsWith(mod)) return v;
  return 0;
}

function wordValence(pack: LanguagePack, w: string): number {
  const cached = pack.memo.get(w);
  if (cached !== undefined) return cached;
  let v = lookup(pack.words, w, pack.suffixes);
  if (v === 0) v = compound(pack, w);
  if (pack.memo.size >= MEMO_MAX) pack.memo.clear();
  pack.memo.set(w, v);
  return v;
}

function valenceOf(t: Token, packs: readonly LanguagePack[], overrides: ReadonlyMap<string, number> | null): number {
  if (t.kind === Kind.Emoji) return EMOJI.get(t.text) ?? 0;
  if (t.kind === Kind.Emoticon) return EMOTICONS.get(t.text) ?? 0;
  if (t.kind !== Kind.Word && t.kind !== Kind.Hashtag) return 0;
  // Most words are not elongated: they skip building the list of forms.
  if (!t.elongated) {
    if (overrides) {
      const o = lookup(overrides, t.text, ENGLISH.suffixes);
      if (o !== 0) return o;
    }
    for (const pack of packs) {
      const v = wordValence(pack, t.text);
      if (v !== 0) return v;
    }
  } else {
    const forms = [t.text, ...squashed(t.text)];
    if (overrides) {
      for (const f of forms) {
        const o = lookup(overrides, f, ENGLISH.suffixes);
        if (o !== 0) return o;
      }
    }
    for (const pack of packs) {
      for (const f of forms) {
        const v = wordValence(pack, f);
        if (v !== 0) return v;
      }
    }
  }
  // "#NeverAgain", "#EpicFail": the words of a camelCase hashtag, a negator flipping the word after it.
  if (t.parts) {
    const main = packs[0] as LanguagePack;
    const tails = main.phrases.get(t.parts[0] as string);
    if (tails) {
      for (const tail of tails) if (tail.rest.length === t.parts.length - 1 && tail.rest.every((w, k) => w === t.parts?.[k + 1])) return tail.value;
    }
    let sum = 0;
    let flip = 1;
    for (const p of t.parts) {
      if ((packs[0] as LanguagePack).negators.has(p)) { flip = PARAMS.negation; continue; }
      const v = wordValence(packs[0] as LanguagePack, p);
      if (v !== 0) { sum += v * flip; flip = 1; }
    }
    return sum;
  }
  return 0;
}

function intensifierOfElongated(pack: LanguagePack, w: string): number | undefined {
  const [two, one] = squashed(w);
  return pack.intensifiers.get(two) ?? pack.intensifiers.get(one);
}

/** A capitalised word mid-sentence with a capitalised neighbour ("the Great Yorkshire Show"). */
function isNamePart(tokens: readonly Token[], i: number): boolean {
  const p = tokens[i - 1] as Token;
  // After a line break, `.` or a leading @handle a word starts a sentence.
  if (p.kind !== Kind.Word) return false;
  const q = tokens[i + 1];
  return (p.kind === Kind.Word && p.title === true && i > 1 && (tokens[i - 2] as Token).kind === Kind.Word) || (q !== undefined && q.kind === Kind.Word && q.title === true);
}

/** The phrase starting at token i, if any (words only, consecutive). */
function phraseAt(tokens: readonly Token[], i: number, tails: readonly PhraseTail[]): PhraseTail | undefined {
  outer: for (const tail of tails) {
    if (i + tail.rest.length >= tokens.length) continue;
    for (let k = 0; k < tail.rest.length; k++) {
      const q = tokens[i + 1 + k] as Token;
      if (q.kind !== Kind.Word || q.text !== tail.rest[k]) continue outer;
    }
    return tail;
  }
  return undefined;
}

function isClauseBreak(t: Token): boolean {
  return t.kind === Kind.Break || t.kind === Kind.Bang;
}

/** What the rules saw in a text, beyond their sum: the learned model (`sentiment-model.ts`) weighs these itself. */
export interface RuleEvidence {
  /** Sum of the positive valences after the rules (≥ 0). */
  positive: number;
  /** Sum of the negative valences after the rules, negativity weight included (≤ 0). */
  negative: number;
  bangs: number;
  asks: boolean;
  url: boolean;
  /** A first- or second-person word. */
  person: boolean;
  emotive: boolean;
  words: number;
}

export function emptyEvidence(): RuleEvidence {
  return { positive: 0, negative: 0, bangs: 0, asks: false, url: false, person: false, emotive: false, words: 0 };
}

/** Un-normalised sum of valences after the rules; `evidence`, when given, is overwritten with what they saw. */
export function rawSentiment(tokens: readonly Token[], packs: readonly LanguagePack[], overrides: ReadonlyMap<string, number> | null, evidence?: RuleEvidence): number {
  const n = tokens.length;
  if (evidence) {
    evidence.positive = 0;
    evidence.negative = 0;
    evidence.bangs = 0;
    evidence.asks = false;
    evidence.url = false;
    evidence.person = false;
    evidence.emotive = false;
    evidence.words = 0;
  }
  if (n === 0 || packs.length === 0) return 0;
  const main = packs[0] as LanguagePack;
  const vals = new Float64Array(n);
  let contrastAt = -1;
  let bangs = 0;
  let asks = false;
  let any = false;
  let hasUrl = false;
  let person = false;
  let emotive = false;
  let skipUntil = -1;
  let irrealis = false;
  let consumed: Uint8Array | null = null;
  let named: Uint8Array | null = null;
  let words = 0;
  let titles = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    if (t.kind === Kind.Bang || t.kind === Kind.Break) irrealis = false;
    if (t.kind === Kind.Bang) {
      for (let j = 0; j < t.text.length; j++) {
        const c = t.text.charCodeAt(j);
        if (c === 33) bangs++;
        else if (c === 63) asks = true;
      }
      continue;
    }
    if (t.kind === Kind.Url) { hasUrl = true; continue; }
    if (t.kind === Kind.Emoji || t.kind === Kind.Emoticon) emotive = true;
    else if (t.kind === Kind.Word) {
      if (main.contrast.has(t.text) && i > 0) contrastAt = i;
      if (main.persons?.has(t.text)) person = true;
      if (main.irrealis?.has(t.text)) irrealis = true;
      words++;
      if (t.title && i > 0 && (tokens[i - 1] as Token).kind === Kind.Word) titles++;
    }
    if (i <= skipUntil) continue;
    let v = valenceOf(t, packs, overrides);
    if (t.kind === Kind.Word && main.phrases.size > 0) {
      const tails = main.phrases.get(t.text);
      const hit = tails ? phraseAt(tokens, i, tails) : undefined;
      if (hit) {
        v = hit.value;
        skipUntil = i + hit.rest.length;
        consumed ??= new Uint8Array(n);
        for (let k = i; k <= skipUntil; k++) consumed[k] = 1;
      }
    }
    if (v === 0) continue;
    any = true;
    if (irrealis) v *= PARAMS.irrealisDamp;
    if (t.caps) v *= PARAMS.capsBoost;
    if (t.elongated) v *= PARAMS.elongationBoost;
    // Intensifiers and dampers directly before, inside the clause.
    for (let j = i - 1; j >= 0 && j >= i - 2; j--) {
      const p = tokens[j] as Token;
      if (isClauseBreak(p)) break;
      if (p.kind !== Kind.Word) continue;
      const f = main.intensifiers.get(p.text) ?? (p.elongated ? intensifierOfElongated(main, p.text) : undefined);
      if (f !== undefined) v *= p.caps || p.elongated ? f * 1.15 : f;
    }
    vals[i] = v;
    if (t.title && main.namesByCapitals && i > 0 && isNamePart(tokens, i)) (named ??= new Uint8Array(n))[i] = 1;
  }
  // In a text Written Like A Headline capitals mark nothing.
  if (named && titles * 2 < words) for (let i = 0; i < n; i++) if (named[i] && !consumed?.[i]) vals[i] = (vals[i] as number) * PARAMS.nameDamp;
  if (evidence) {
    evidence.bangs = bangs;
    evidence.asks = asks;
    evidence.url = hasUrl;
    evidence.person = person;
    evidence.emotive = emotive;
    evidence.words = words;
  }
  if (!any) return bangs > 0 && !asks ? PARAMS.bangValence : 0;

  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== Kind.Word || !(main.negators.has(t.text) || t.text.endsWith("n't")) || consumed?.[i]) continue;
    const next = tokens[i + 1];
    if (next && main.negationBreakers.has(next.text)) continue;
    let target = -1;
    for (let j = i + 1; j < n && j <= i + NEGATION_WINDOW; j++) {
      const q = tokens[j] as Token;
      if (isClauseBreak(q)) break;
      if (vals[j] !== 0 && q.kind !== Kind.Emoji && q.kind !== Kind.Emoticon) { target = j; break; }
    }
    if (target < 0 && main.negatesBackwards) {
      for (let j = i - 1; j >= 0 && j >= i - NEGATION_WINDOW; j--) {
        const q = tokens[j] as Token;
        if (isClauseBreak(q)) break;
        if (vals[j] !== 0 && q.kind !== Kind.Emoji && q.kind !== Kind.Emoticon) { target = j; break; }
      }
    }
    if (target >= 0) vals[target] = (vals[target] as number) * PARAMS.negation;
  }

  let positive = 0;
  let negative = 0;
  for (let i = 0; i < n; i++) {
    let v = vals[i] as number;
    if (v === 0) continue;
    if (contrastAt >= 0) v *= i < contrastAt ? PARAMS.contrastBefore : PARAMS.contrastAfter;
    if (v < 0) negative += v * PARAMS.negativeWeight;
    else positive += v;
  }
  if (evidence) {
    evidence.positive = positive;
    evidence.negative = negative;
  }
  let sum = positive + negative;
  if (sum !== 0 && bangs > 0) sum += Math.sign(sum) * Math.min(bangs, 4) * PARAMS.bangBoost;
  // An exclamation with nothing negative in it is mostly cheer in social posts.
  if (bangs > 0 && sum >= 0 && !asks) sum += PARAMS.bangValence;
  if (asks) sum *= PARAMS.questionDamp;
  // A link with no one speaking and no emphasis reads as a headline or an ad: its sentiment words describe, not judge.
  if (hasUrl && !person && bangs === 0 && !emotive) sum *= PARAMS.objectiveDamp;
  // Long posts (forum threads, articles) pile up words that describe rather than judge.
  if (main.lengthDamp && words > 12) sum *= Math.pow(12 / words, main.lengthDamp);
  return sum;
}

export function normalise(sum: number): number {
  return sum === 0 ? 0 : sum / Math.sqrt(sum * sum + ALPHA);
}

export interface Thresholds {
  /** Scores at or below are negative. */
  negative: number;
  /** Scores at or above are positive. */
  positive: number;
}

export function label(score: number, t: Thresholds): SentimentLabel {
  return score >= t.positive ? 'positive' : score <= t.negative ? 'negative' : 'neutral';
}

/** Picks the lexicons for a language: its own (de, en, fr, it, nl, es), else English then German. */
export function packsFor(language: string): readonly LanguagePack[] {
  if (language === 'de') return DE_PACKS;
  if (language === 'en') return EN_PACKS;
  const other = otherPack(language);
  if (other) {
    let p = OTHER_PACKS.get(language);
    if (!p) OTHER_PACKS.set(language, (p = [other]));
    return p;
  }
  return UND_PACKS;
}
const OTHER_PACKS = new Map<string, readonly LanguagePack[]>();
const DE_PACKS = [GERMAN];
const EN_PACKS = [ENGLISH];
const UND_PACKS = [ENGLISH, GERMAN];

/** Score in [-1, 1] for a text (no thresholds). */
export function sentimentScore(text: string, language: string, overrides: ReadonlyMap<string, number> | null = null): number {
  return normalise(rawSentiment(tokenize(text), packsFor(language), overrides));
}
