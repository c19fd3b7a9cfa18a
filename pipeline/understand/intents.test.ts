import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brandSchema } from '../../config/schema.ts';
import type { IntentName } from '../../core/mention.ts';
import { parseExamples } from './examples.ts';
import { createUnderstander, understandingSchema } from './index.ts';
import { modelFromJson, train } from './model.ts';

const brands = [brandSchema.parse({ name: 'Acme', query: 'acme' })];
const config = understandingSchema.parse({ intents: { crisisTerms: ['exploding battery'], brandCrisisTerms: { Acme: ['akku brennt'] } } });
const u = createUnderstander({ ...config, brands });
const names = (text: string, language?: string, b: string[] = []): IntentName[] => u.understand(text, { language, brands: b }).intents.map((i) => i.name);

describe('intents on real German and English sentences', () => {
  it.each<[string, IntentName]>([
    ['Looking for a good CRM for a team of five, any recommendations?', 'lead'],
    ['Which e-bike should I buy for commuting?', 'lead'],
    ['Thinking about switching from Vodafone, who has better coverage?', 'lead'],
    ['Wo kann ich die neue Kamera am günstigsten kaufen?', 'lead'],
    ['Welchen Staubsauger würdet ihr empfehlen?', 'lead'],
    ['Überlege, zu einem anderen Anbieter zu wechseln.', 'lead'],
    ['My order still hasn’t arrived after three weeks. Unacceptable.', 'complaint'],
    ['Die App funktioniert seit dem Update nicht mehr, total nervig.', 'complaint'],
    ['Seit drei Tagen kein Internet und die Hotline ist nicht erreichbar.', 'complaint'],
    ['What time does the store open on Sunday?', 'question'],
    ['Wann kommt das nächste Update?', 'question'],
    ['Huge thanks to the support team, fixed in five minutes!', 'praise'],
    ['Vielen Dank für die tolle Beratung, super Service!', 'praise'],
    ['Product recall announced for the X200 heaters.', 'crisis_risk'],
    ['Massive data breach, my password was leaked.', 'crisis_risk'],
    ['Rückruf wegen Salmonellen bei mehreren Chargen.', 'crisis_risk'],
    ['Der Shitstorm gegen die Marke wächst.', 'crisis_risk'],
    ['Datenleck bei dem Shop, meine Kreditkarte wurde missbraucht!', 'crisis_risk'],
    ['FREE followers!!! click here http://a.example http://b.example', 'spam'],
    ['Gewinnspiel!!! Jetzt teilen und gewinnen http://x.example #gewinnspiel #gratis', 'spam'],
    ['Earn $500 a day with crypto, DM me', 'spam'],
  ])('%s → %s', (text, intent) => {
    expect(names(text)).toContain(intent);
  });

  it.each([
    'I was looking for my keys all morning.',
    'Ich suche schon den ganzen Tag meinen Schlüssel.',
    'Wir haben den Anbieter vor zwei Jahren gewechselt.',
    'Heute Abend Fußball mit Freunden.',
  ])('no lead in "%s"', (text) => {
    expect(names(text)).not.toContain('lead');
  });

  it('neutral statements get no intent', () => {
    expect(names('Die Filiale in der Innenstadt hat jetzt länger offen.')).toEqual([]);
    expect(names('The company released its quarterly results today.')).toEqual([]);
  });

  it('several intents may apply, each with a confidence in (0, 1]', () => {
    const r = u.understand('Why does my package say delivered when it is not here? Worst service ever.');
    expect(r.intents.map((i) => i.name)).toEqual(expect.arrayContaining(['question', 'complaint']));
    for (const i of r.intents) {
      expect(i.confidence).toBeGreaterThan(0);
      expect(i.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('an ad is neither a lead nor praise', () => {
    const n = names('Best casino bonus, 100% free spins, promo code WIN100, want to buy?');
    expect(n).toContain('spam');
    expect(n).not.toContain('lead');
    expect(n).not.toContain('praise');
  });

  it('crisis terms from config: global, and per brand only for that brand', () => {
    expect(names('Another exploding battery video is going viral')).toContain('crisis_risk');
    expect(names('Mein Akku brennt, schon der zweite', 'de', ['Acme'])).toContain('crisis_risk');
    expect(names('Mein Akku brennt, schon der zweite', 'de', [])).not.toContain('crisis_risk');
  });
});

describe('earshot train: data and model', () => {
  it('parses intents arrays, {name} objects and single labels, and reports bad lines by number', () => {
    const { examples, errors } = parseExamples([
      '{"text":"where can I buy it","intents":["lead","question"]}',
      '{"text":"great","intents":[{"name":"praise"}]}',
      '{"text":"hello","label":"none"}',
      '{"text":"x","label":"buying"}',
      'not json',
      '{"intents":["lead"]}',
      '',
    ].join('\n'));
    expect(examples).toEqual([
      { text: 'where can I buy it', intents: ['lead', 'question'] },
      { text: 'great', intents: ['praise'] },
      { text: 'hello', intents: [] },
    ]);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^line 4: label: unknown intent "buying"/);
    expect(errors[1]).toMatch(/^line 5: /);
    expect(errors[2]).toMatch(/^line 6: text: is required/);
  });

  it('a trained model separates its classes and round-trips through JSON, deterministically', () => {
    const data = [
      ...['need a new laptop which one', 'looking to buy a bike', 'which phone should i get', 'want to buy a tent'].map((text) => ({ text, intents: ['lead'] as IntentName[] })),
      ...['the weather is nice', 'i walked the dog', 'meeting at noon', 'the train left'].map((text) => ({ text, intents: [] as IntentName[] })),
    ];
    const a = train(data, { epochs: 60 });
    const b = train(data, { epochs: 60 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const m = modelFromJson(JSON.parse(JSON.stringify(a)));
    expect(m.predict('looking to buy a new phone').lead ?? 0).toBeGreaterThan(0.5);
    expect(m.predict('the dog walked at noon').lead ?? 1).toBeLessThan(0.5);
  });

  it('a custom model from config is used, and a bad file is a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-intents-'));
    const file = join(dir, 'model.json');
    const data = ['blorp zing', 'zing blorp now', 'blorp blorp'].map((text) => ({ text, intents: ['spam'] as IntentName[] }));
    data.push({ text: 'plain words here', intents: [] }, { text: 'other plain text', intents: [] });
    writeFileSync(file, JSON.stringify(train(data, { epochs: 80 })));
    const custom = createUnderstander({ ...understandingSchema.parse({ intents: { model: file } }), brands: [] });
    expect(custom.understand('blorp zing').intents.map((i) => i.name)).toContain('spam');
    writeFileSync(file, '{"format":"something-else"}');
    expect(() => createUnderstander({ ...understandingSchema.parse({ intents: { model: file } }), brands: [] })).toThrow(/understanding\.intents\.model: .*earshot train/);
  });
});
