import { EarshotError } from '../../../core/errors.ts';
import { tokenize } from './document.ts';

/** A brand query that cannot be compiled; `column` is 1-based, counted in characters (code points). */
export class QuerySyntaxError extends EarshotError {
  readonly column: number;
  /** `hint` follows the position: 'expected ")" at column 9; the "(" at column 1 is never closed'. */
  constructor(message: string, column: number, hint?: string) {
    super(`${message} at column ${column}${hint ? `; ${hint}` : ''}`, { code: 'query_syntax', retryable: false, stage: 'match-brands' });
    this.column = column;
  }
}

/** One word of a term or phrase: the folded forms it accepts, and whether it is a prefix (`acme*`). */
export interface Element {
  forms: string[];
  prefix: boolean;
}

export type QueryNode =
  | { kind: 'words'; elements: Element[]; column: number }
  | { kind: 'near'; left: WordsNode; right: WordsNode; n: number }
  | { kind: 'and'; items: QueryNode[] }
  | { kind: 'or'; items: QueryNode[] }
  | { kind: 'not'; item: QueryNode };
export type WordsNode = Extract<QueryNode, { kind: 'words' }>;

type Lexeme =
  | { type: '(' | ')' | 'AND' | 'OR' | 'NOT' | '-' | 'end'; column: number }
  | { type: 'near'; n: number; column: number }
  | { type: 'words'; node: WordsNode; column: number };

/** Longest accepted query, in characters; a query is config, not a document. */
export const MAX_QUERY_LENGTH = 10_000;
/** Parentheses and NOTs nest at most this deep (the parser recurses). */
const MAX_DEPTH = 100;
const MAX_NEAR = 1000;
const MIN_PREFIX = 2;
const QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e']);
const isSpace = (c: string): boolean => /\s/u.test(c);

/** Turns the text of a term or phrase into elements, with the same tokenizer documents go through. */
function words(chars: string[], start: number, end: number, quoted: boolean): WordsNode {
  const elements: Element[] = [];
  let i = start;
  while (i < end) {
    while (i < end && isSpace(chars[i] as string)) i++;
    let j = i;
    while (j < end && !isSpace(chars[j] as string)) j++;
    if (j === i) break;
    let chunk = chars.slice(i, j);
    const prefix = chunk[chunk.length - 1] === '*';
    if (prefix) chunk = chunk.slice(0, -1);
    const star = chunk.indexOf('*');
    if (star >= 0) throw new QuerySyntaxError('"*" in the middle of a word', i + star + 1, 'it is only allowed at the end (acme* matches acmebank)');
    const toks = tokenize(chunk.join(''));
    if (prefix && toks.length === 0) throw new QuerySyntaxError('"*" without letters before it', j, 'write a prefix such as acme*');
    toks.forEach((t, k) => {
      const last = k === toks.length - 1;
      const forms = t.umlaut?.[0] === undefined ? [t.form] : [t.form, t.umlaut[0]];
      if (prefix && last && (t.bare ?? t.form).length < MIN_PREFIX) {
        throw new QuerySyntaxError(`prefix "${chunk.join('')}*" is too short`, i + 1, `give at least ${MIN_PREFIX} letters before "*"`);
      }
      elements.push({ forms, prefix: prefix && last });
    });
    i = j;
  }
  if (elements.length === 0) {
    const what = quoted ? 'the phrase has no words' : `"${chars.slice(start, end).join('')}" has no letters or digits`;
    throw new QuerySyntaxError(what, quoted ? start : start + 1, 'punctuation and emoji are not searchable');
  }
  return { kind: 'words', elements, column: quoted ? start : start + 1 };
}

function lex(query: string): Lexeme[] {
  const chars = Array.from(query);
  if (chars.length > MAX_QUERY_LENGTH) throw new QuerySyntaxError(`query too long`, MAX_QUERY_LENGTH + 1, `keep it under ${MAX_QUERY_LENGTH} characters`);
  const out: Lexeme[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] as string;
    const column = i + 1;
    if (isSpace(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ type: c, column });
      i++;
    } else if (QUOTES.has(c)) {
      let j = i + 1;
      while (j < chars.length && !QUOTES.has(chars[j] as string)) j++;
      if (j >= chars.length) throw new QuerySyntaxError('unbalanced quote', column, 'close the phrase with "');
      out.push({ type: 'words', node: words(chars, i + 1, j, true), column });
      i = j + 1;
    } else if (c === '-') {
      const next = chars[i + 1];
      if (next === undefined || isSpace(next) || next === ')') {
        throw new QuerySyntaxError('a lone "-"', column, 'write -word or -"a phrase" to exclude it');
      }
      out.push({ type: '-', column });
      i++;
    } else {
      let j = i;
      while (j < chars.length && !isSpace(chars[j] as string) && chars[j] !== '(' && chars[j] !== ')' && !QUOTES.has(chars[j] as string)) j++;
      const text = chars.slice(i, j).join('');
      if (text === 'AND' || text === 'OR' || text === 'NOT') out.push({ type: text, column });
      else if (text === 'NEAR' || text.startsWith('NEAR/')) {
        const m = /^NEAR\/(\d{1,6})$/.exec(text);
        const n = m ? Number(m[1]) : NaN;
        if (!(n >= 1 && n <= MAX_NEAR)) throw new QuerySyntaxError('NEAR/n needs a number, e.g. NEAR/5,', column, `n is the most words apart, 1 to ${MAX_NEAR}`);
        out.push({ type: 'near', n, column });
      } else out.push({ type: 'words', node: words(chars, i, j, false), column });
      i = j;
    }
  }
  out.push({ type: 'end', column: chars.length + 1 });
  return out;
}

const describe = (l: Lexeme): string => (l.type === 'end' ? 'the end of the query' : l.type === 'words' ? 'a term' : l.type === 'near' ? 'NEAR' : `"${l.type}"`);

/**
 * Recursive descent over: or := and (OR and)* ; and := unary ([AND] unary)* ;
 * unary := (NOT | -) unary | near ; near := atom [NEAR/n atom] ; atom := words | ( or ).
 * So NEAR binds tightest, then NOT, then AND, then OR.
 */
export function parse(query: string): QueryNode {
  const lexemes = lex(query);
  let pos = 0;
  let depth = 0;
  const peek = (): Lexeme => lexemes[pos] as Lexeme;

  const startsUnary = (l: Lexeme): boolean => l.type === 'words' || l.type === '(' || l.type === 'NOT' || l.type === '-';

  function enter(column: number): void {
    if (++depth > MAX_DEPTH) throw new QuerySyntaxError('query nests too deep', column, `use at most ${MAX_DEPTH} levels of parentheses and NOT`);
  }

  function orExpr(): QueryNode {
    const items = [andExpr()];
    while (peek().type === 'OR') {
      pos++;
      items.push(andExpr('OR'));
    }
    return items.length === 1 ? (items[0] as QueryNode) : { kind: 'or', items };
  }

  function andExpr(after?: string): QueryNode {
    const items = [unary(after)];
    for (;;) {
      const l = peek();
      if (l.type === 'AND') {
        pos++;
        items.push(unary('AND'));
      } else if (startsUnary(l)) items.push(unary());
      else break;
    }
    return items.length === 1 ? (items[0] as QueryNode) : { kind: 'and', items };
  }

  function unary(after?: string): QueryNode {
    const l = peek();
    if (l.type === 'NOT' || l.type === '-') {
      pos++;
      enter(l.column);
      const item = unary(l.type === 'NOT' ? 'NOT' : '"-"');
      depth--;
      return { kind: 'not', item };
    }
    return near(after);
  }

  function near(after?: string): QueryNode {
    const left = atom(after);
    const op = peek();
    if (op.type !== 'near') return left;
    pos++;
    const right = atom(`NEAR/${op.n}`);
    if (left.kind !== 'words' || right.kind !== 'words') {
      throw new QuerySyntaxError(`NEAR/${op.n} needs a word, "phrase" or prefix* on each side`, op.column, 'it cannot take a group or NOT');
    }
    if (peek().type === 'near') throw new QuerySyntaxError('NEAR cannot be chained', peek().column, 'combine two NEARs with AND: (a NEAR/3 b) AND (b NEAR/3 c)');
    return { kind: 'near', left, right, n: op.n };
  }

  function atom(after?: string): QueryNode {
    const l = peek();
    if (l.type === 'words') {
      pos++;
      return l.node;
    }
    if (l.type === '(') {
      pos++;
      enter(l.column);
      if (peek().type === ')') throw new QuerySyntaxError('empty parentheses', peek().column);
      const inner = orExpr();
      const close = peek();
      if (close.type !== ')') throw new QuerySyntaxError('expected ")"', close.column, `the "(" at column ${l.column} is never closed, found ${describe(close)}`);
      pos++;
      depth--;
      return inner;
    }
    throw new QuerySyntaxError(after ? `expected a term after ${after}` : 'expected a term', l.column, `found ${describe(l)}`);
  }

  if (peek().type === 'end') throw new QuerySyntaxError('the query is empty', 1);
  const root = orExpr();
  const rest = peek();
  if (rest.type !== 'end') {
    const msg = rest.type === ')' ? 'unexpected ")" with no "(" before it' : `unexpected ${describe(rest)}`;
    throw new QuerySyntaxError(msg, rest.column);
  }
  return root;
}
