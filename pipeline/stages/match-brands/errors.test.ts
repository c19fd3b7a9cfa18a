import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brandSchema } from '../../../config/schema.ts';
import { compileQuery, prepareDocument, QuerySyntaxError } from './query.ts';

function syntaxError(query: string): QuerySyntaxError {
  try {
    compileQuery(query);
  } catch (err) {
    if (err instanceof QuerySyntaxError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be rejected`);
}

describe('QuerySyntaxError: message and 1-based column', () => {
  it.each<[string, number, string]>([
    ['acme AND (foo OR "bar', 18, 'unbalanced quote at column 18'],
    ['"acme', 1, 'unbalanced quote at column 1'],
    ['(foo bar', 9, 'expected ")" at column 9; the "(" at column 1 is never closed, found the end of the query'],
    ['acme (foo OR (bar)', 19, 'expected ")" at column 19; the "(" at column 6 is never closed'],
    ['acme NEAR foo', 6, 'NEAR/n needs a number, e.g. NEAR/5, at column 6'],
    ['acme AND foo NEAR/x bar', 14, 'NEAR/n needs a number, e.g. NEAR/5, at column 14'],
    ['acme NEAR/0 foo', 6, 'NEAR/n needs a number'],
    ['(a OR b) NEAR/3 c', 10, 'NEAR/3 needs a word, "phrase" or prefix* on each side at column 10'],
    ['a NEAR/3 b NEAR/3 c', 12, 'NEAR cannot be chained at column 12'],
    ['acme AND', 9, 'expected a term after AND at column 9; found the end of the query'],
    ['acme OR OR foo', 9, 'expected a term after OR at column 9; found "OR"'],
    ['OR acme', 1, 'expected a term at column 1; found "OR"'],
    ['acme NOT', 9, 'expected a term after NOT at column 9'],
    ['acme)', 5, 'unexpected ")" with no "(" before it at column 5'],
    ['acme ()', 7, 'empty parentheses at column 7'],
    ['acme ""', 6, 'the phrase has no words at column 6'],
    ['acme 🔥', 6, '"🔥" has no letters or digits at column 6'],
    ['äö😀 "', 5, 'unbalanced quote at column 5'],
    ['acme - foo', 6, 'a lone "-" at column 6'],
    ['ac*me', 3, '"*" in the middle of a word at column 3'],
    ['acme a*', 6, 'prefix "a*" is too short at column 6'],
    ['acme *', 6, '"*" without letters before it at column 6'],
    ['', 1, 'the query is empty at column 1'],
    ['   ', 1, 'the query is empty at column 1'],
  ])('%s → column %i', (query, column, message) => {
    const err = syntaxError(query);
    expect(err.column).toBe(column);
    expect(err.message).toContain(message);
    expect(err.code).toBe('query_syntax');
  });

  it('rejects nesting deeper than 100 levels without overflowing the stack', () => {
    expect(syntaxError('('.repeat(4000) + 'acme' + ')'.repeat(4000)).message).toMatch(/^query nests too deep at column 101/);
    expect(syntaxError('NOT '.repeat(2000) + 'acme').message).toMatch(/^query nests too deep at column 401/);
    expect(syntaxError('acme '.repeat(2001)).message).toMatch(/^query too long at column 10001/);
    expect(compileQuery('('.repeat(50) + 'acme' + ')'.repeat(50)).source).toContain('acme');
  });

  it.each(['-foo', 'NOT foo', '-foo -"bar baz"', 'acme OR -recall', 'NOT (acme AND foo)', '(acme OR NOT foo) -bar'])(
    'rejects %s: it would match posts with none of its words',
    (query) => {
      expect(syntaxError(query).message).toMatch(/^the query matches posts that contain none of its words/);
    },
  );

  it('reports the column in characters, not UTF-16 units', () => {
    expect(syntaxError('ä😀😀 AND').column).toBe(8);
  });

  it('surfaces in config validation as brands[].query', () => {
    const r = brandSchema.safeParse({ name: 'Acme', query: 'acme AND (foo' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['query']);
    expect(r.error?.issues[0]?.message).toBe('expected ")" at column 14; the "(" at column 10 is never closed, found the end of the query');
  });
});

describe('properties', () => {
  const queryChars = fc.constantFrom(...'acme bahn "()-*@#/ NEAR/3 AND OR NOT äß 🔥 三'.split(''), ' AND ', ' OR ', ' NOT ', ' NEAR/2 ', 'NEAR/');

  it('compileQuery throws nothing but QuerySyntaxError, on random and on query-shaped strings', () => {
    const check = (q: string): void => {
      try {
        const compiled = compileQuery(q);
        compiled.matches(prepareDocument(q));
      } catch (err) {
        if (!(err instanceof QuerySyntaxError)) throw err;
        expect(err.column).toBeGreaterThanOrEqual(1);
        expect(err.column).toBeLessThanOrEqual(Array.from(q).length + 1);
      }
    };
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), check), { numRuns: 500 });
    fc.assert(fc.property(fc.array(queryChars, { maxLength: 30 }).map((a) => a.join('')), check), { numRuns: 1000 });
  });

  it('prepareDocument never throws on random unicode, and every token is non-empty', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const doc = prepareDocument(text);
        for (const t of doc.tokens) expect(t.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('a word taken from a document always matches that document', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        for (const token of prepareDocument(text).tokens) {
          const query = `"${token.replace(/["\u201c\u201d\u201e]/g, '')}"`;
          let compiled;
          try {
            compiled = compileQuery(query);
          } catch {
            continue;
          }
          expect(compiled.matches(prepareDocument(text))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
