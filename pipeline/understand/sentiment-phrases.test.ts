import { describe, expect, it } from 'vitest';
import { createUnderstander, understandingSchema } from './index.ts';
import { tokenize } from './tokenize.ts';

const u = createUnderstander({ ...understandingSchema.parse({}), brands: [] });
const score = (text: string, language: string): number => u.understand(text, { language }).sentiment.score;
const labelOf = (text: string, language: string): string => u.understand(text, { language }).sentiment.label;

describe('sentiment: complaint phrases (airline, rail)', () => {
  it.each([
    ['Still waiting for my refund, been on hold for two hours.', 'en'],
    ['Flight delayed again and I missed my connection in Chicago.', 'en'],
    ['You lost my bag and there is no response from anyone.', 'en'],
    ['Overbooked flight, they rebooked me for tomorrow. Never again.', 'en'],
    ['@AmericanAir 4th time my flight has been Cancelled Flightled this year', 'en'],
    ['@united flight attendant yelled at my kid', 'en'],
    ["@united I'll never fly with you again", 'en'],
    ["@AmericanAir can't get through to anyone, please respond", 'en'],
    ['Der ICE nach Hamburg fällt aus und keine Durchsage am Gleis.', 'de'],
    ['Anschluss verpasst, mal wieder eine Stunde in Fulda.', 'de'],
    ['Keine Klimaanlage im Regionalexpress bei 35 Grad.', 'de'],
  ])('%s → negative', (text, lang) => {
    expect(labelOf(text, lang)).toBe('negative');
  });
  it('a phrase beats its words: "no problem" is fine, "no response" is not', () => {
    expect(score('No problem, thanks for the quick help!', 'en')).toBeGreaterThan(0);
    expect(score('Two emails and no response.', 'en')).toBeLessThan(0);
  });
  it('anticipation is positive: "so excited", "get to see"', () => {
    expect(labelOf('So excited for the concert on Friday', 'en')).toBe('positive');
    expect(labelOf('I get to see Coldplay tomorrow night', 'en')).toBe('positive');
  });
});

describe('sentiment: names, headlines, hashtags', () => {
  it('sentiment words inside English names count little ("Great Yorkshire Show", "Super Bowl")', () => {
    expect(labelOf('Tickets for the Great Yorkshire Show go on sale on Monday', 'en')).toBe('neutral');
    expect(labelOf('We watched the Super Bowl at Dave’s place', 'en')).toBe('neutral');
    expect(labelOf('The show on Monday was great', 'en')).toBe('positive');
    // A phrase is never taken for a name.
    expect(labelOf('Another Cancelled Flight in Denver', 'en')).toBe('negative');
  });
  it('a capitalised sentence start is not a name, and German nouns are never treated as names', () => {
    expect(labelOf('Great show tonight, thank you Berlin', 'en')).toBe('positive');
    expect(score('Die Bahn Katastrophe geht weiter', 'de')).toBeLessThan(-0.3);
  });
  it('a link with no one speaking reads as a headline: weaker than the same words said by someone', () => {
    const headline = score('New airline has the best service https://example.com/a', 'en');
    const personal = score('My new airline has the best service https://example.com/a', 'en');
    expect(headline).toBeGreaterThan(0);
    expect(headline).toBeLessThan(personal);
  });
  it('camelCase and snake_case hashtags are read as words, with negation', () => {
    expect(tokenize('#NeverAgain')[0]?.parts).toEqual(['never', 'again']);
    expect(score('Flight to Boston #EpicFail', 'en')).toBeLessThan(0);
    expect(score('Checked in for the flight #NotHappy', 'en')).toBeLessThan(0);
    expect(score('Three hours on the tarmac #never_again', 'en')).toBeLessThan(0);
    expect(score('Finally home #LoveThisCity', 'en')).toBeGreaterThan(0);
  });
  it('long German posts weigh each word less than short ones', () => {
    const short = score('Leider wieder Verspätung.', 'de');
    const long = score('Leider wieder Verspätung, heißt es in der Mitteilung, die am Montag von der Pressestelle in Berlin an alle Medien und Fahrgastverbände verschickt wurde.', 'de');
    expect(short).toBeLessThan(long);
    expect(long).toBeLessThan(0);
  });
});
