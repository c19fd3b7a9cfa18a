import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';
import { reachScore } from './reach.ts';

describe('detectLanguage', () => {
  it.each([
    ['Die Bahn hat schon wieder Verspätung, ich komme zu spät zur Arbeit.', 'de'],
    ['Wo kann ich das kaufen?', 'de'],
    ['The app keeps crashing since the last update.', 'en'],
    ['Merci beaucoup pour votre aide, le service est excellent', 'fr'],
    ['El servicio al cliente es muy lento hoy', 'es'],
    ['Il treno è in ritardo di nuovo, che disastro', 'it'],
    ['Dit is echt niet goed, de trein is weer te laat', 'nl'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
  it('returns "und" for texts with too few letters or only links, handles and emoji', () => {
    expect(detectLanguage('')).toBe('und');
    expect(detectLanguage('ok')).toBe('und');
    expect(detectLanguage('😀😀 https://t.co/abc @someone #x')).toBe('und');
    expect(detectLanguage('1234 5678 !!!')).toBe('und');
  });
  it('ignores URLs and @handles when deciding', () => {
    expect(detectLanguage('@the_english_account https://example.com/the-and-you Das ist wirklich nicht gut')).toBe('de');
  });
  it('detects right-to-left scripts', () => {
    expect(detectLanguage('هذا المنتج رائع جدا وأنا سعيد به')).toBe('ar');
    expect(detectLanguage('השירות היה נורא ואני לא מרוצה בכלל')).toBe('he');
  });
});

describe('reachScore', () => {
  it('is 0 with nothing known and follows the documented examples', () => {
    expect(reachScore(null, { likes: 0, shares: 0, replies: 0 })).toBe(0);
    expect(reachScore(100, { likes: 0, shares: 0, replies: 0 })).toBeCloseTo(0.22, 2);
    expect(reachScore(10_000, { likes: 0, shares: 0, replies: 0 })).toBeCloseTo(0.39, 2);
    expect(reachScore(1_000_000, { likes: 0, shares: 0, replies: 0 })).toBeCloseTo(0.53, 2);
    expect(reachScore(1_000_000, { likes: 1000, shares: 0, replies: 0 })).toBeCloseTo(0.73, 2);
  });
  it('is bounded in [0, 1) and monotone in followers and each engagement count', () => {
    const n = fc.integer({ min: 0, max: 2_000_000_000 });
    fc.assert(
      fc.property(n, n, n, n, n, (followers, likes, shares, replies, extra) => {
        const base = reachScore(followers, { likes, shares, replies });
        expect(base).toBeGreaterThanOrEqual(0);
        expect(base).toBeLessThan(1);
        expect(reachScore(followers + extra, { likes, shares, replies })).toBeGreaterThanOrEqual(base);
        expect(reachScore(followers, { likes: likes + extra, shares, replies })).toBeGreaterThanOrEqual(base);
        expect(reachScore(followers, { likes, shares: shares + extra, replies })).toBeGreaterThanOrEqual(base);
        expect(reachScore(followers, { likes, shares, replies: replies + extra })).toBeGreaterThanOrEqual(base);
      }),
    );
  });
  it('shares weigh more than likes', () => {
    expect(reachScore(0, { likes: 0, shares: 10, replies: 0 })).toBeGreaterThan(reachScore(0, { likes: 10, shares: 0, replies: 0 }));
  });
});
