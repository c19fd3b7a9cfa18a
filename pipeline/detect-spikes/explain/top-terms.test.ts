import { describe, expect, it } from 'vitest';
import { topTerms, tokenize } from './top-terms.ts';
import { sampleMentions, topAuthors, topSources } from './evidence.ts';

const baseline = [
  'Love the new coffee flavour', 'Die App ist super schnell', 'great service at the store today', 'Lieferung kam pünktlich, danke',
  'coffee was fine', 'new store opening next week', 'Der Kaffee schmeckt gut', 'app update looks nice',
].flatMap((t, i) => [t, `${t} ${i}`]);
const crisis = [
  'Data breach at the bank? my account was hacked', 'massive data breach, passwords leaked', 'Datenleck! Konto gehackt, data breach bestätigt',
  'is the data breach real? account hacked again', 'coffee was fine though', 'passwords leaked in the data breach https://x.example/a @someone',
];

describe('topTerms', () => {
  it('ranks crisis words and phrases (EN and DE) above everyday ones, without stopwords', () => {
    const top = topTerms(crisis, baseline, 5).map((t) => t.term);
    expect(top.slice(0, 2)).toContain('data breach');
    expect(top).toEqual(expect.arrayContaining(['passwords leaked']));
    expect(top.some((t) => ['the', 'der', 'is', 'ist'].includes(t))).toBe(false);
    expect(top).not.toContain('coffee');
  });

  it('drops URLs, @handles, digits and stopwords; caps text length', () => {
    expect(tokenize('Der Kunde ist @bob https://a.b/c sehr 123 wütend').filter(Boolean)).toEqual(['kunde', 'wütend']);
    expect(tokenize('x'.repeat(10) + ' breach', 5).filter(Boolean)).toEqual(['xxxxx']);
    expect(topTerms([], baseline, 5)).toEqual([]);
  });
});

describe('evidence helpers', () => {
  const m = (id: string, author: string, reach: number, text: string, source = 'reddit') => ({ id, source, text, reach, publishedAt: 0, author: { id: author, name: author, followers: reach } });
  const ms = [m('1', 'a', 10, 'data breach here'), m('2', 'a', 900, 'data breach again'), m('3', 'b', 50, 'nice coffee', 'rss'), m('4', 'c', 5, 'breach?')];

  it('samples mentions with the top terms first, one per author', () => {
    // '1' is by the same author as '2'; then by reach.
    expect(sampleMentions(ms, 3, ['data breach'])).toEqual(['2', '3', '4']);
  });

  it('ranks authors by reach and sources by count', () => {
    expect(topAuthors(ms, 2).map((a) => [a.id, a.reach, a.mentions])).toEqual([['a', 910, 2], ['b', 50, 1]]);
    expect(topSources(ms)).toEqual([{ source: 'reddit', mentions: 3, share: 0.75 }, { source: 'rss', mentions: 1, share: 0.25 }]);
  });
});
