import { prepareDocument, type MatchDocument } from './document.ts';
import { parse, QuerySyntaxError, type Element, type QueryNode, type WordsNode } from './parse.ts';

export { prepareDocument, QuerySyntaxError, type MatchDocument };

/** A brand query parsed and compiled once; `matches` runs per mention and never re-parses. */
export interface CompiledQuery {
  readonly source: string;
  matches(doc: MatchDocument): boolean;
}

/** Where a term or phrase occurs: first and last token position. */
interface Span {
  start: number;
  end: number;
}

type Predicate = (doc: MatchDocument) => boolean;

/** Tests one token form against an element; built once per element at compile time. */
type FormTest = (form: string) => boolean;

function formTest(el: Element): FormTest {
  const [one, ...more] = el.forms;
  if (one !== undefined && more.length === 0) return el.prefix ? (f) => f.startsWith(one) : (f) => f === one;
  return el.prefix ? (f) => el.forms.some((p) => f.startsWith(p)) : (f) => el.forms.includes(f);
}

function testAt(test: FormTest, doc: MatchDocument, pos: number): boolean {
  const tok = doc.tokens[pos];
  if (tok === undefined) return false;
  if (test(tok)) return true;
  const alts = doc.alts.get(pos);
  return alts !== undefined && alts.some(test);
}

/** Finds where a term or phrase occurs. */
type SpanFinder = (doc: MatchDocument) => Span[];

function spanFinder(node: WordsNode): SpanFinder {
  const tests = node.elements.map(formTest);
  const len = tests.length;
  return (doc) => {
    const out: Span[] = [];
    // Posts are short, so walking the tokens beats keeping a position index per form.
    for (let start = 0; start + len <= doc.tokens.length; start++) {
      let ok = true;
      for (let i = 0; i < len && ok; i++) ok = testAt(tests[i] as FormTest, doc, start + i);
      if (ok) out.push({ start, end: start + len - 1 });
    }
    return out;
  };
}

/** A cheap necessary condition: every non-prefix word occurs somewhere in the post. */
function allWordsPresent(nodes: WordsNode[]): Predicate {
  const required = nodes.flatMap((n) => n.elements.filter((el) => !el.prefix).map((el) => el.forms));
  return (doc) => required.every((fs) => fs.some((f) => doc.forms.has(f)));
}

function wordsPredicate(node: WordsNode): Predicate {
  const [only, ...rest] = node.elements;
  if (only !== undefined && rest.length === 0) {
    // The common case, a single word: one set lookup per form, or one pass over the post's forms for a prefix.
    const forms = only.forms;
    if (only.prefix) {
      const test = formTest(only);
      return (doc) => {
        for (const f of doc.forms) if (test(f)) return true;
        return false;
      };
    }
    return forms.length === 1 ? (doc) => doc.forms.has(forms[0] as string) : (doc) => forms.some((f) => doc.forms.has(f));
  }
  const present = allWordsPresent([node]);
  const find = spanFinder(node);
  return (doc) => present(doc) && find(doc).length > 0;
}

/** Token gap between two non-overlapping spans (adjacent = 1); overlapping spans are 0 and never count. */
function gap(a: Span, b: Span): number {
  if (b.start > a.end) return b.start - a.end;
  if (a.start > b.end) return a.start - b.end;
  return 0;
}

function nearPredicate(left: WordsNode, right: WordsNode, n: number): Predicate {
  const present = allWordsPresent([left, right]);
  const findLeft = spanFinder(left);
  const findRight = spanFinder(right);
  return (doc) => {
    if (!present(doc)) return false;
    const as = findLeft(doc);
    if (as.length === 0) return false;
    const bs = findRight(doc);
    for (const a of as) {
      for (const b of bs) {
        if (b.start > a.end + n) break;
        const g = gap(a, b);
        if (g >= 1 && g <= n) return true;
      }
    }
    return false;
  };
}

function build(node: QueryNode): Predicate {
  switch (node.kind) {
    case 'words':
      return wordsPredicate(node);
    case 'near':
      return nearPredicate(node.left, node.right, node.n);
    case 'not': {
      const inner = build(node.item);
      return (doc) => !inner(doc);
    }
    case 'and': {
      const items = node.items.map(build);
      return (doc) => items.every((p) => p(doc));
    }
    case 'or': {
      const items = node.items.map(build);
      return (doc) => items.some((p) => p(doc));
    }
  }
}

const EMPTY = prepareDocument('');

/**
 * Compiles a brand query (syntax in this folder's README.md). Throws
 * QuerySyntaxError with a 1-based column for anything it cannot compile, and
 * for queries that would match a post containing none of their words
 * (`-foo`, `NOT foo`, `acme OR -foo`): such a brand would swallow the firehose.
 */
export function compileQuery(query: string): CompiledQuery {
  const root = parse(query);
  const matches = build(root);
  if (matches(EMPTY)) {
    throw new QuerySyntaxError(
      'the query matches posts that contain none of its words',
      1,
      'every OR alternative needs a word to look for: write acme -recall, not -recall or acme OR -recall',
    );
  }
  return Object.freeze({ source: query, matches });
}
