import { describe, expect, it } from 'vitest';
import { createUnderstander, understandingSchema } from './index.ts';
import { parseSentimentExamples } from './examples.ts';
import { DEFAULT_THRESHOLDS } from './config.ts';
import { emptyEvidence, label, sentimentScore } from './sentiment.ts';
import { BUNDLED_SENTIMENT_MODEL, loadSentimentModel, sentimentModelFromJson, sparseFeatures, trainSentiment, type SentimentExample } from './sentiment-model.ts';
import { tokenize } from './tokenize.ts';

const understander = (model: string) => createUnderstander({ ...understandingSchema.parse({ sentiment: { model } }), brands: [] });

/** Small hand-written set: complaints without lexicon words, flat announcements, cheer. */
const SMALL: SentimentExample[] = [
  ...['waited two hours at the counter and nobody came', 'third time this month the parcel went to the wrong address', 'the app logs me out every five minutes',
    'charged twice and support keeps closing the ticket', 'the train sat outside the station for forty minutes again', 'ordered a large, got a small, paid for a large',
    'still no refund after six weeks of emails', 'the update deleted all my saved playlists', 'the lift has been out of order since march',
    'nobody at the desk, the phone line rings out, the chat bot loops'].map((text) => ({ text, label: 'negative' as const })),
  ...['the store opens at nine on weekdays and ten on sundays', 'new timetable starts on the first of june', 'the meeting moved to room 4 on thursday',
    'the parcel is scheduled for delivery tomorrow between 8 and 12', 'version 2.3 is rolling out to all users this week', 'the museum is closed on mondays',
    'tickets go on sale friday at 10am', 'the bridge will be closed for maintenance next weekend', 'our office moves to the third floor in april',
    'the train to leeds leaves from platform 6'].map((text) => ({ text, label: 'neutral' as const })),
  ...['the staff went out of their way for us, thank you so much', 'got upgraded to a suite for our anniversary', 'the new update fixed everything, battery lasts all day',
    'home early, dinner with the kids, perfect evening', 'they replaced the broken part the next day, no questions asked', 'finally got tickets for the final!!',
    'the crew sang happy birthday to my daughter on the flight', 'best pizza in town and the delivery took ten minutes', 'my parcel arrived a day early and beautifully packed',
    'front row seats for saturday, cannot wait'].map((text) => ({ text, label: 'positive' as const })),
];

describe('sentiment model (training)', () => {
  it('learns from a small hand-written set: held-out sentences of each class are labelled right', () => {
    const json = trainSentiment(SMALL, { ruleScale: 0 });
    const m = sentimentModelFromJson(json);
    const held: [string, string][] = [
      ['waited forty minutes and nobody answered the phone', 'negative'],
      ['the library opens at ten on weekdays', 'neutral'],
      ['thank you so much, the staff upgraded our room', 'positive'],
    ];
    const fallback = { score: 0, label: 'neutral' as const };
    for (const [text, want] of held) {
      const tokens = tokenize(text);
      expect(m.classify(tokens, 0, emptyEvidence(), fallback).label, text).toBe(want);
    }
    const p = m.probabilities(tokenize('anything at all'), 0, emptyEvidence());
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 6);
  });

  it('is deterministic: the same data gives the same model', () => {
    expect(JSON.stringify(trainSentiment(SMALL.slice(0, 12), { epochs: 3 }))).toBe(JSON.stringify(trainSentiment(SMALL.slice(0, 12), { epochs: 3 })));
  });

  it('marks words after a negator, up to the end of the clause', () => {
    const good = sparseFeatures(tokenize('good'));
    const notGood = sparseFeatures(tokenize('not good'));
    const notThenGood = sparseFeatures(tokenize('not. good'));
    expect(notGood).not.toContain(good[0]);
    expect(notThenGood).toContain(good[0]);
  });

  it('falls back to the rules below minConfidence', () => {
    const m = sentimentModelFromJson({ ...trainSentiment(SMALL, { ruleScale: 0 }), minConfidence: 1 });
    const fallback = { score: 0.5, label: 'positive' as const };
    expect(m.classify(tokenize('waited two hours and nobody came'), 0, emptyEvidence(), fallback)).toBe(fallback);
  });

  it('refuses files that are not sentiment models, or were made for other features', () => {
    expect(() => sentimentModelFromJson({ format: 'earshot-intents/1' })).toThrow(/not an earshot sentiment model/);
    const json = trainSentiment(SMALL.slice(0, 6), { epochs: 1 });
    expect(() => sentimentModelFromJson({ ...json, dense: ['score'] })).toThrow(/other features/);
    expect(() => loadSentimentModel('/nonexistent/model.json')).toThrow(/cannot read sentiment model/);
  });

  it('reads labelled lines: English kept, other languages left out, bad lines reported by number', () => {
    const r = parseSentimentExamples(['{"text":"great","label":"positive","lang":"en"}', '{"text":"super","label":"pos","lang":"de"}', '{"text":"meh","label":"ok"}', '{"label":"neutral"}', '{"text":"fine","label":"neutral"}'].join('\n'));
    expect(r.examples).toEqual([{ text: 'great', label: 'positive' }, { text: 'fine', label: 'neutral' }]);
    expect(r.otherLanguage).toBe(1);
    expect(r.errors).toEqual([expect.stringMatching(/^line 3: .*negative, neutral or positive/), expect.stringMatching(/^line 4: /)]);
  });
});

describe('sentiment model (bundled, in the understander)', () => {
  it('loads the bundled model, trained on earshot’s own files', () => {
    const m = loadSentimentModel(BUNDLED_SENTIMENT_MODEL);
    expect(m.json.trainedOn).toBeGreaterThan(3000);
    expect(m.json.provenance).toMatch(/en-[a-z-]+\.jsonl \(\d+\)/);
    expect(m.json.minConfidence).toBeGreaterThanOrEqual(0);
  });

  it('never throws and keeps score in [-1, 1] on odd texts', () => {
    const u = understander('builtin');
    const texts = ['', '   ', '😀😀😀', '!!!???', 'שלום עולם, זה טקסט בעברית', 'مرحبا بالعالم', 'a'.repeat(50_000), 'word '.repeat(10_000), '@a @b #c http://x.y', "don't not never no"];
    for (const text of texts) {
      for (const language of ['en', 'und']) {
        const s = u.understand(text, { language }).sentiment;
        expect(s.score).toBeGreaterThanOrEqual(-1);
        expect(s.score).toBeLessThanOrEqual(1);
        expect(['negative', 'neutral', 'positive']).toContain(s.label);
      }
    }
  });

  it('"none" gives the rule labels; German is read by the rules either way', () => {
    const none = understander('none');
    const builtin = understander('builtin');
    const en = ['I love this phone', 'worst airline ever', 'the shop opens at nine', 'not bad at all', 'can’t wait for friday!'];
    for (const text of en) {
      const s = sentimentScore(text, 'en');
      expect(none.understand(text, { language: 'en' }).sentiment).toEqual({ score: Math.round(s * 1e4) / 1e4, label: label(s, DEFAULT_THRESHOLDS.en) });
    }
    for (const text of ['Der Zug fällt schon wieder aus', 'Sooo geiiil, danke!', 'Das Geschäft öffnet um neun']) {
      expect(builtin.understand(text, { language: 'de' }).sentiment).toEqual(none.understand(text, { language: 'de' }).sentiment);
    }
  });

  it('understanding.sentiment.minConfidence overrides the model’s own', () => {
    const text = 'Waited 50 minutes at the gate, then they told us to go to another gate and wait again';
    const u = createUnderstander({ ...understandingSchema.parse({ sentiment: { model: 'builtin', minConfidence: 1 } }), brands: [] });
    expect(u.understand(text, { language: 'en' }).sentiment).toEqual(understander('none').understand(text, { language: 'en' }).sentiment);
    expect(() => understandingSchema.parse({ sentiment: { minConfidence: 2 } })).toThrow();
  });

  it('reads a clear complaint with no sentiment word as negative where the rules see nothing', () => {
    const text = 'Waited 50 minutes at the gate, then they told us to go to another gate and wait again';
    expect(understander('none').understand(text, { language: 'en' }).sentiment.label).toBe('neutral');
    expect(understander('builtin').understand(text, { language: 'en' }).sentiment.label).toBe('negative');
  });
});
