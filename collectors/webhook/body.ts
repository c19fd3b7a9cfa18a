/**
 * A webhook body: one Mention JSON object, an array of them, or JSONL
 * (`application/x-ndjson`, `application/jsonl`; one object per line, blank
 * lines ignored). A body that is not valid JSON is refused whole, with the
 * line of the first error, so the sender fixes and resends it (nothing is
 * half-accepted).
 */

export class BodyError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const JSONL_TYPES = /^application\/(x-ndjson|jsonl|x-jsonlines|jsonlines)\b/i;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Offset of the first syntax error in `s` (JSON.parse on Node 20 does not
 * always say where): an iterative scanner, so deep nesting cannot overflow.
 */
export function jsonErrorOffset(s: string): number {
  const n = s.length;
  const stack: Array<'a' | 'o'> = [];
  let i = 0;
  let state: 'value' | 'key' | 'after' = 'value';
  const ws = () => {
    while (i < n && ' \t\n\r'.includes(s[i]!)) i++;
  };
  const str = (): boolean => {
    for (i++; i < n; i++) {
      const c = s[i]!;
      if (c === '"') {
        i++;
        return true;
      }
      if (c === '\\') i++;
      else if (c < ' ') return false;
    }
    return false;
  };
  for (;;) {
    ws();
    if (state === 'value') {
      const c = s[i];
      if (c === '{' || c === '[') {
        i++;
        ws();
        if (s[i] === (c === '{' ? '}' : ']')) {
          i++;
          state = 'after';
        } else {
          stack.push(c === '{' ? 'o' : 'a');
          state = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      if (c === '"') {
        if (!str()) return i;
      } else if (s.startsWith('true', i) || s.startsWith('null', i)) i += 4;
      else if (s.startsWith('false', i)) i += 5;
      else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(s)) return i;
        i = NUMBER.lastIndex;
      }
      state = 'after';
    } else if (state === 'key') {
      if (s[i] !== '"' || !str()) return i;
      ws();
      if (s[i] !== ':') return i;
      i++;
      state = 'value';
    } else {
      const top = stack.at(-1);
      if (!top) return i < n ? i : -1;
      if (s[i] === ',') {
        i++;
        state = top === 'o' ? 'key' : 'value';
      } else if (s[i] === (top === 'o' ? '}' : ']')) {
        i++;
        stack.pop();
      } else return i;
    }
  }
}

function lineOf(text: string, err: unknown): { line: number; detail: string } {
  const at = jsonErrorOffset(text);
  const line = at < 0 ? 1 : text.slice(0, at).split('\n').length;
  const msg = err instanceof Error ? err.message : String(err);
  // V8 quotes the whole input in some messages: keep only the reason.
  return { line, detail: msg.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '').slice(0, 200) };
}

export function parseWebhookBody(raw: Buffer, contentType: string | undefined): unknown[] {
  // Bad bytes become U+FFFD: the text survives, and the pipeline sees valid UTF-16.
  const text = new TextDecoder('utf-8').decode(raw).replace(/^\uFEFF/, '');
  if (JSONL_TYPES.test(contentType ?? '')) {
    const items: unknown[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (!line) continue;
      try {
        items.push(JSON.parse(line));
      } catch (err) {
        throw new BodyError(`line ${i + 1} is not JSON: ${lineOf(line, err).detail}`, i + 1);
      }
    }
    return items;
  }
  if (!text.trim()) throw new BodyError('empty body: send a Mention object, an array of them, or JSONL', 1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const { line, detail } = lineOf(text, err);
    throw new BodyError(`line ${line} is not JSON: ${detail} (for JSONL send content-type application/x-ndjson)`, line);
  }
  return Array.isArray(parsed) ? parsed : [parsed];
}
