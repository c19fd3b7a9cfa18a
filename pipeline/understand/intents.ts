import { fromRoot } from '../../core/paths.ts';
import type { Intent, IntentName, SentimentLabel } from '../../core/mention.ts';
import { loadModel, type IntentModel } from './model.ts';
import type { Token } from './tokenize.ts';
import { COMPLAINT, compileTerms, DEFAULT_CRISIS_TERMS, LEAD_STRONG, LEAD_WEAK, PRAISE, QUESTION_START, SPAM, type Terms } from './rules.ts';

/**
 * Intent classification: hand-written rules give a confidence where a cue is
 * clear; the learned model (bundled, or the user's own from `earshot train`)
 * adds what the rules miss. Several intents may apply to one mention.
 */

export const BUNDLED_MODEL = fromRoot('pipeline', 'understand', 'training', 'intents-model.json');

export interface IntentOptions {
  /** Path of the model file; empty = bundled. */
  model: string;
  threshold: number;
  crisisTerms: readonly string[];
  brandCrisisTerms: Readonly<Record<string, readonly string[]>>;
}

export interface IntentInput {
  text: string;
  /** The text's tokens when the caller has them (saves tokenizing twice). */
  tokens?: readonly Token[];
  brands: readonly string[];
  sentiment: { score: number; label: SentimentLabel };
}

const URL_RE = /https?:\/\/\S+|www\.\S+/g;
const HASHTAG_RE = /(?:^|\s)#[\p{L}\p{N}_]+/gu;
const QUESTION_MARK_RE = /[?¿]/;

function countMatches(re: RegExp, s: string, cap: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < cap && re.exec(s) !== null) n++;
  re.lastIndex = 0;
  return n;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

export class IntentClassifier {
  private readonly model: IntentModel | null;
  private readonly crisis: Terms | null;
  private readonly brandCrisis = new Map<string, Terms>();
  /** Rules look at this much text: cues sit near the start of a post. */
  private static readonly MAX_CHARS = 2000;

  constructor(private readonly options: IntentOptions) {
    this.model = loadModel(options.model || BUNDLED_MODEL);
    this.crisis = compileTerms([...DEFAULT_CRISIS_TERMS, ...options.crisisTerms]);
    for (const [brand, terms] of Object.entries(options.brandCrisisTerms)) {
      const r = compileTerms(terms);
      if (r) this.brandCrisis.set(brand.toLowerCase(), r);
    }
  }

  /** Rule confidences per intent (0 = no cue, -1 = ruled out). */
  rules(input: IntentInput): Record<IntentName, number> {
    const raw = input.text.length > IntentClassifier.MAX_CHARS ? input.text.slice(0, IntentClassifier.MAX_CHARS) : input.text;
    const lower = raw.toLowerCase();
    const urls = countMatches(URL_RE, lower, 10);
    const noUrls = urls ? lower.replace(URL_RE, ' ') : lower;
    const trimmed = noUrls.trimStart();
    const { label, score } = input.sentiment;
    const out: Record<IntentName, number> = { lead: 0, complaint: 0, question: 0, praise: 0, crisis_risk: 0, spam: 0 };

    const asks = QUESTION_MARK_RE.test(noUrls);
    if (asks) out.question = 0.9;
    else if (QUESTION_START.test(trimmed)) out.question = 0.6;

    if (LEAD_STRONG.test(noUrls)) out.lead = asks ? 0.92 : 0.85;
    else if (LEAD_WEAK.test(noUrls)) out.lead = asks ? 0.7 : 0.55;

    const complains = COMPLAINT.test(noUrls);
    if (complains) out.complaint = label === 'negative' ? 0.88 : label === 'neutral' ? (asks ? 0.45 : 0.6) : 0.4;
    else if (label === 'negative') out.complaint = 0.3 + 0.3 * Math.abs(score);

    if (label === 'positive') out.praise = PRAISE.test(noUrls) ? 0.85 : 0.35 + 0.3 * score;
    else if (label === 'neutral' && PRAISE.test(noUrls) && !complains) out.praise = 0.45;

    let crisisHits = this.crisis ? this.crisis.count(noUrls, 3) : 0;
    for (const b of input.brands) {
      const r = this.brandCrisis.get(b.toLowerCase());
      if (r) crisisHits += r.count(noUrls, 3);
    }
    if (crisisHits > 0) out.crisis_risk = crisisHits > 1 || label === 'negative' ? 0.88 : 0.72;

    const hashtags = noUrls.includes('#') ? countMatches(HASHTAG_RE, noUrls, 20) : 0;
    const spamCue = SPAM.test(noUrls);
    let spam = 0;
    if (spamCue) spam = urls > 0 || hashtags >= 3 ? 0.92 : 0.7;
    if (urls >= 3) spam = Math.max(spam, 0.75);
    if (hashtags >= 6) spam = Math.max(spam, 0.7);
    out.spam = spam;

    // A request for recommendations or an ad is not praise of the brand, and an ad is not a lead.
    // -1 vetoes the intent, whatever the model says.
    if (out.lead >= 0.55 || spam > 0) out.praise = -1;
    if (spam > 0) out.lead = -1;
    return out;
  }

  classify(input: IntentInput): Intent[] {
    const rules = this.rules(input);
    const learned = this.model ? this.model.predict(input.tokens ?? (input.text.length > IntentClassifier.MAX_CHARS ? input.text.slice(0, IntentClassifier.MAX_CHARS) : input.text)) : {};
    const out: Intent[] = [];
    for (const name of Object.keys(rules) as IntentName[]) {
      const r = rules[name];
      const m = learned[name] ?? 0;
      // A rule cue is trusted as is (and raised by agreeing evidence); the model alone is discounted.
      if (r < 0) continue;
      const c = r > 0 ? Math.max(r, (r + m) / 2) : m * 0.9;
      if (c >= this.options.threshold) out.push({ name, confidence: round(c) });
    }
    out.sort((a, b) => b.confidence - a.confidence);
    return out;
  }
}
