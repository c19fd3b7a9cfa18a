import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.ts';
import { toMention } from '../../core/mention.ts';
import { genericJsonOptions } from './config.ts';
import { mapGenericItem, mapGenericPage, parseTime } from './map.ts';
import { getPath, parsePath } from './path.ts';

const load = (f: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8'));
const o = genericJsonOptions.parse({
  url: 'https://partner.example/api/posts',
  items: 'data.results',
  fields: {
    id: 'uuid', text: '$.body', publishedAt: 'created', title: 'headline', url: 'link', language: 'lang',
    'author.id': 'user.id', 'author.name': 'user["display-name"]', 'author.followers': "user['stats'].followers",
  },
  nextPage: { cursorPath: 'data.paging.next_cursor', param: 'cursor' },
});
const page = (body: unknown) => mapGenericPage(body, 'partner', { items: o.items, fields: o.fields, publishedFormat: o.publishedFormat, nextPath: o.nextPage?.cursorPath });
const out = page(load('page1.json'));
const byId = new Map(out.mentions.map((m) => [m.id, m]));

describe('generic-json path', () => {
  it.each([
    ['a.b', { a: { b: 1 } }, 1],
    ['$.a[1]', { a: [0, 2] }, 2],
    ['["x.y"]', { 'x.y': 3 }, 3],
    ["a['q\\'s']", { a: { "q's": 4 } }, 4],
    ['', [5], [5]],
    ['a.constructor', { a: {} }, undefined],
    ['a[0]', { a: { 0: 1 } }, undefined],
    ['a.b.c', { a: null }, undefined],
  ])('%s', (path, value, expected) => {
    expect(getPath(value, parsePath(path))).toEqual(expected);
  });
  it.each(['a..b', 'a[x]', 'a[', 'a b', 'a.'])('refuses %s with a hint', (p) => {
    expect(() => parsePath(p)).toThrow(/use dots and brackets/);
  });
  it('fuzz: parsePath either parses or throws an Error; getPath never throws', () => {
    fc.assert(fc.property(fc.string(), fc.jsonValue(), (p, v) => {
      let steps;
      try {
        steps = parsePath(p);
      } catch (err) {
        expect(err).toBeInstanceOf(Error);
        return;
      }
      getPath(v, steps);
    }), { numRuns: 500 });
  });
});

describe('generic-json map: fixtures/page1.json', () => {
  it.each([
    ['p-1', 'entities, emoji, bracket paths, numeric author id, followers from a string', {
      text: 'Acme support is & was great 👍', title: 'Thanks', url: 'https://partner.example/p/1', language: 'en', publishedAt: '2026-03-02T14:00:00.000Z',
      author: { id: '42', name: 'Jane', followers: 1200 },
    }],
    ['p-2', 'HTML stripped; unix ms as a string; null user', { text: 'Acme broke my order', publishedAt: '2026-03-02T13:50:00.000Z', author: undefined }],
    ['17', 'numeric id; ISO with offset; deleted user {}', { publishedAt: '2026-03-02T12:00:00.000Z', author: undefined }],
    ['p-5', 'bad byte → U+FFFD, long text', { text: expect.stringMatching(/^Caf\uFFFD long long/) }],
  ])('%s — %s', (id, _why, expected: Record<string, unknown>) => {
    const m = byId.get(id);
    const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    expect(m).toMatchObject({ source: 'partner', id, ...present });
    for (const k of Object.keys(expected).filter((k) => expected[k] === undefined)) expect(m).not.toHaveProperty(k);
  });
  it('rejects name the config key; next cursor read', () => {
    expect(out.rejects.map((r) => r.reason)).toEqual([
      'fields.text: empty after removing markup', 'fields.publishedAt: not a date: "soon"', 'fields.id: missing (no string or number at this path)',
    ]);
    expect(out.next).toBe('c2');
    expect(page(load('page2.json')).next).toBeNull();
    for (const m of out.mentions) toMention(m, { now: 0, maxTextLength: 100_000 });
  });
  it.each([
    [1772460000, 'auto', '2026-03-02T14:00:00.000Z'], [1772460000000, 'auto', '2026-03-02T14:00:00.000Z'],
    ['1772460000', 'unix', '2026-03-02T14:00:00.000Z'], [1772460000000, 'unixMs', '2026-03-02T14:00:00.000Z'],
    ['2026-03-02T14:00:00Z', 'iso', '2026-03-02T14:00:00.000Z'],
  ] as const)('time %s (%s)', (v, f, iso) => expect(parseTime(v, f, 'x')).toBe(iso));
  it('an items path that is not an array is a page error naming items', () => {
    expect(() => page({ data: { results: 'x' } })).toThrow('items: the response has no array at this path');
    expect(page({}).mentions).toEqual([]);
  });
});

describe('generic-json map: fuzzed items', () => {
  const item = fc.record({
    uuid: fc.oneof(fc.string(), fc.integer(), fc.anything()),
    body: fc.oneof(fc.string(), fc.constant('<b>x</b> &amp;'), fc.anything()),
    created: fc.oneof(fc.integer({ min: 0, max: 2 ** 45 }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.anything()),
    user: fc.oneof(fc.record({ id: fc.anything(), 'display-name': fc.anything(), stats: fc.anything() }, { requiredKeys: [] }), fc.anything()),
    lang: fc.anything(), link: fc.anything(), headline: fc.anything(),
  }, { requiredKeys: [] });
  it('every item becomes a valid mention or a reject', () => {
    fc.assert(fc.property(fc.array(fc.oneof(item, fc.anything())), (results) => {
      const r = page({ data: { results } });
      expect(r.mentions.length + r.rejects.length).toBe(results.length);
      for (const m of r.mentions) toMention(m, { now: 0, maxTextLength: 100_000 });
    }), { numRuns: 300 });
  });
  it('mapGenericItem throws only ValidationError', () => {
    fc.assert(fc.property(fc.anything(), (x) => {
      try {
        mapGenericItem(x, 'p', o.fields, 'auto');
      } catch (err) {
        expect(err).toBeInstanceOf(ValidationError);
      }
    }));
  });
});
