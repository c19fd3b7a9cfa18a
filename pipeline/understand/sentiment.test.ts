import { describe, expect, it } from 'vitest';
import { brandSchema } from '../../config/schema.ts';
import { createUnderstander, understandingSchema } from './index.ts';
import { tokenize } from './tokenize.ts';

const brands = [
  brandSchema.parse({ name: 'Blastgame', query: 'blastgame', lexicon: { sick: 3, insane: 2.5 } }),
  brandSchema.parse({ name: 'FlyCo', query: 'flyco', lexicon: { delay: -3 } }),
];
const u = createUnderstander({ ...understandingSchema.parse({}), brands });
const score = (text: string, language: string, b: string[] = []): number => u.understand(text, { language, brands: b }).sentiment.score;
const labelOf = (text: string, language: string, b: string[] = []): string => u.understand(text, { language, brands: b }).sentiment.label;

describe('sentiment: labels of clear German and English sentences', () => {
  it.each([
    ['Der Support war super freundlich und hat mir sofort geholfen, danke!', 'de', 'positive'],
    ['Ich liebe die neue App, alles läuft perfekt.', 'de', 'positive'],
    ['Schon wieder Verspätung, die Bahn ist eine Katastrophe.', 'de', 'negative'],
    ['Der Kundenservice ist eine absolute Frechheit.', 'de', 'negative'],
    ['Der Zug fährt um 14 Uhr in Köln ab.', 'de', 'neutral'],
    ['The support team was amazing and fixed it in minutes, thank you!', 'en', 'positive'],
    ['Worst airline ever, lost my bag and nobody helps.', 'en', 'negative'],
    ['The store opens at 9 on Saturday.', 'en', 'neutral'],
  ])('%s → %s', (text, lang, expected) => {
    expect(labelOf(text, lang)).toBe(expected);
  });
});

describe('sentiment rules', () => {
  it('negation before the word flips it (de, en)', () => {
    expect(score('Das Essen war gut.', 'de')).toBeGreaterThan(0);
    expect(score('Das Essen war nicht gut.', 'de')).toBeLessThan(0);
    expect(score('The food was good.', 'en')).toBeGreaterThan(0);
    expect(score('The food was not good.', 'en')).toBeLessThan(0);
    expect(score("The food wasn’t good.", 'en')).toBeLessThan(0);
  });
  it('German negation after the verb ("gefällt mir nicht") flips it', () => {
    expect(score('Das neue Design gefällt mir.', 'de')).toBeGreaterThan(0);
    expect(score('Das neue Design gefällt mir nicht.', 'de')).toBeLessThan(0);
  });
  it('a negated negative turns positive: "kein Problem", "nicht schlecht", "not bad"', () => {
    expect(score('Problem.', 'de')).toBeLessThan(0);
    expect(score('Kein Problem, gerne wieder!', 'de')).toBeGreaterThan(0);
    expect(labelOf('Kein Problem, gerne wieder!', 'de')).toBe('positive');
    expect(score('Das ist nicht schlecht.', 'de')).toBeGreaterThan(0);
    expect(score('Not bad at all.', 'en')).toBeGreaterThan(0);
  });
  it('idioms: "can\'t wait" is eager, "na toll" is sarcastic', () => {
    expect(labelOf("Can't wait for the concert tomorrow", 'en')).toBe('positive');
    expect(score('Na toll, schon wieder kein Netz', 'de')).toBeLessThan(0);
  });
  it('"nicht nur" is not a negation', () => {
    expect(score('Nicht nur gut, sondern großartig.', 'de')).toBeGreaterThan(0);
  });
  it('intensifiers raise and dampers lower the strength', () => {
    expect(score('Der Service war sehr gut.', 'de')).toBeGreaterThan(score('Der Service war gut.', 'de'));
    expect(score('Der Service war etwas enttäuschend.', 'de')).toBeGreaterThan(score('Der Service war enttäuschend.', 'de'));
    expect(score('It is really good.', 'en')).toBeGreaterThan(score('It is good.', 'en'));
    expect(score('It is slightly disappointing.', 'en')).toBeGreaterThan(score('It is disappointing.', 'en'));
  });
  it('contrast: the clause after "aber"/"jedoch"/"but" decides', () => {
    expect(score('Das Essen war gut, aber der Service war furchtbar.', 'de')).toBeLessThan(0);
    expect(score('Der Service war furchtbar, aber das Essen war super.', 'de')).toBeGreaterThan(0);
    expect(score('Die Lage ist schön, jedoch war das Zimmer dreckig und laut.', 'de')).toBeLessThan(0);
    expect(score('The food was great but the service was awful.', 'en')).toBeLessThan(0);
    expect(score('The wait was long but the staff were lovely.', 'en')).toBeGreaterThan(0);
  });
  it('emoji and emoticons carry sentiment in any language', () => {
    expect(score('Endlich Wochenende 😍', 'de')).toBeGreaterThan(0.3);
    expect(score('Mein Paket 😡', 'de')).toBeLessThan(-0.3);
    expect(score('Just landed :)', 'en')).toBeGreaterThan(0.3);
    expect(score('Just landed :(', 'en')).toBeLessThan(-0.3);
    expect(score('❤️❤️', 'und')).toBeGreaterThan(0.5);
    expect(score('💩', 'und')).toBeLessThan(0);
  });
  it('elongations are read as the word, with more emphasis', () => {
    expect(score('Das ist geiiil', 'de')).toBeGreaterThan(score('Das ist geil', 'de'));
    expect(score('sooo good', 'en')).toBeGreaterThan(score('so good', 'en'));
    expect(score('Sooo schöööön', 'de')).toBeGreaterThan(0.3);
  });
  it('capitals and exclamation marks add emphasis', () => {
    expect(score('This is GREAT', 'en')).toBeGreaterThan(score('This is great', 'en'));
    expect(score('Das ist toll!!!', 'de')).toBeGreaterThan(score('Das ist toll', 'de'));
  });
  it('social spelling: hashtags, inflections, compounds, anglicisms', () => {
    expect(score('#fail schon wieder', 'de')).toBeLessThan(0);
    expect(score('Die schlechtesten Verbindungen überhaupt', 'de')).toBeLessThan(0);
    expect(score('Signalstörung und Zugausfall, wie immer', 'de')).toBeLessThan(0);
    expect(score('Was für ein Hammerangebot', 'de')).toBeGreaterThan(0);
    expect(score('Voll nice, danke Leute', 'de')).toBeGreaterThan(0.3);
  });
  it('French, Italian, Dutch and Spanish use natural’s lexicons', () => {
    expect(score('Merci, le service est excellent', 'fr')).toBeGreaterThan(0);
    expect(score('Il servizio è terribile', 'it')).toBeLessThan(0);
    expect(score('Dit is echt niet goed', 'nl')).toBeLessThan(0);
    expect(score('El producto es excelente', 'es')).toBeGreaterThan(0);
  });
});

describe('per-brand lexicon overrides', () => {
  it('gaming: "sick" is praise for Blastgame, illness elsewhere', () => {
    expect(score('This new map is sick', 'en', ['Blastgame'])).toBeGreaterThan(0.3);
    expect(score('This new map is sick', 'en')).toBeLessThan(0);
    expect(labelOf('That last update was insane, so sick', 'en', ['Blastgame'])).toBe('positive');
  });
  it('airline: "delay" is strongly negative for FlyCo, inflected forms too', () => {
    expect(score('Another delay today', 'en', ['FlyCo'])).toBeLessThan(score('Another delay today', 'en'));
    expect(labelOf('Another delay today', 'en', ['FlyCo'])).toBe('negative');
    expect(score('Two delays this week', 'en', ['FlyCo'])).toBeLessThan(-0.3);
  });
  it('brand names are matched case-insensitively and several brands merge', () => {
    expect(score('This new map is sick', 'en', ['blastgame', 'FlyCo'])).toBeGreaterThan(0);
  });
});

describe('hostile and odd texts never throw', () => {
  const huge = 'sehr gut '.repeat(120_000) + ' 😡';
  const garbage = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['huge (1 MB)', huge],
    ['binary garbage', garbage],
    ['lone surrogates', '\ud800\udc00\ud800 abc \udfff'],
    ['Arabic (RTL)', 'هذا المنتج رائع جدا شكرا'],
    ['Hebrew (RTL)', 'השירות היה נורא'],
    ['emoji only', '😀😀😀🎉'],
    ['NUL bytes', 'a\u0000b\u0000c'],
  ])('%s', (_name, text) => {
    const r = u.understand(text);
    expect(r.sentiment.score).toBeGreaterThanOrEqual(-1);
    expect(r.sentiment.score).toBeLessThanOrEqual(1);
    expect(['negative', 'neutral', 'positive']).toContain(r.sentiment.label);
    expect(typeof r.language).toBe('string');
    expect(Array.isArray(r.intents)).toBe(true);
  });
  it('empty and emoji-only texts: language und; emoji-only positive', () => {
    expect(u.understand('').language).toBe('und');
    expect(u.understand('').sentiment).toEqual({ score: 0, label: 'neutral' });
    const e = u.understand('😀😀😀🎉');
    expect(e.language).toBe('und');
    expect(e.sentiment.label).toBe('positive');
  });
  it('the tokenizer keeps emoji, emoticons, URLs and handles apart', () => {
    const kinds = tokenize("sooo gut :) https://x.example/a @acme #fail ❤️ don't").map((t) => t.text);
    expect(kinds).toEqual(['sooo', 'gut', ':)', 'https://x.example/a', '@acme', 'fail', '❤', "don't"]);
  });
});
