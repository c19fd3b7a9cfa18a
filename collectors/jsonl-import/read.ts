import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * Streaming JSONL reader shared by the import collector, `earshot replay` and
 * `earshot classify`: constant memory, exact byte offsets (so a run can resume
 * where the last one stopped), 1-based line numbers, and a bad line is an item
 * with its error, never a thrown exception.
 */
export type JsonlItem =
  | { line: number; /** Byte offset just after this line (decompressed bytes for .gz). */ offset: number; value: unknown }
  | { line: number; offset: number; error: string; raw: string };

export interface ReadJsonlOptions {
  /** Resume after this many (decompressed) bytes; must be a line boundary. Default 0. */
  offset?: number;
  /** Line number of the line before `offset` (so numbering continues). Default 0. */
  line?: number;
  /** Longer lines are reported as errors and skipped. Default 4 MiB. */
  maxLineBytes?: number;
  /** Force gunzip (default: by `.gz` suffix for paths; by magic bytes never, streams are taken as they are). */
  gzip?: boolean;
  signal?: AbortSignal;
}

const NL = 0x0a;

function parseLine(buf: Buffer, line: number, offset: number): JsonlItem | null {
  let end = buf.length;
  if (end > 0 && buf[end - 1] === 0x0d) end--;
  const text = buf.toString('utf8', 0, end);
  if (text.trim() === '') return null;
  try {
    return { line, offset, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { line, offset, error: `line ${line}: invalid JSON: ${(err as Error).message}`, raw: text.slice(0, 10_000) };
  }
}

/** Opens `path` ('-' = stdin; `.gz` gunzipped) or reads the given stream. */
export async function* readJsonl(input: string | Readable, options: ReadJsonlOptions = {}): AsyncGenerator<JsonlItem> {
  const maxLine = options.maxLineBytes ?? 4 * 1024 * 1024;
  const gz = options.gzip ?? (typeof input === 'string' && input.endsWith('.gz'));
  let skip = options.offset ?? 0;
  let source: Readable;
  if (typeof input === 'string' && input !== '-') {
    // Plain files seek straight to the offset; gzip streams must be decompressed up to it.
    source = createReadStream(input, gz ? {} : { start: skip });
    if (!gz) skip = 0;
  } else {
    source = typeof input === 'string' ? process.stdin : input;
  }
  const stream = gz ? source.pipe(createGunzip()) : source;
  if (gz) source.on('error', (err) => stream.destroy(err));

  // Absolute (decompressed) offset of the current chunk's first byte.
  let base = options.offset ?? 0;
  let offset = base;
  let line = options.line ?? 0;
  let parts: Buffer[] = [];
  let partLen = 0;
  let oversized = false;
  try {
    for await (const chunkIn of stream as AsyncIterable<Buffer>) {
      if (options.signal?.aborted) return;
      let chunk = chunkIn;
      if (skip > 0) {
        if (chunk.length <= skip) {
          skip -= chunk.length;
          continue;
        }
        chunk = chunk.subarray(skip);
        skip = 0;
      }
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(NL, start);
        const piece = chunk.subarray(start, nl === -1 ? chunk.length : nl);
        if (!oversized) {
          if (partLen + piece.length > maxLine) {
            oversized = true;
            parts = [];
            partLen = 0;
          } else {
            parts.push(piece);
            partLen += piece.length;
          }
        }
        if (nl === -1) break;
        line++;
        offset = base + nl + 1;
        start = nl + 1;
        yield* flush();
      }
      base += chunk.length;
    }
    if (partLen > 0 || oversized) {
      line++;
      offset = base;
      yield* flush();
    }
  } finally {
    if (typeof input === 'string' && input !== '-') source.destroy();
  }

  function* flush(): Generator<JsonlItem> {
    if (oversized) {
      oversized = false;
      yield { line, offset, error: `line ${line}: longer than ${maxLine} bytes, skipped`, raw: '' };
      return;
    }
    const item = parseLine(parts.length === 1 ? parts[0]! : Buffer.concat(parts, partLen), line, offset);
    parts = [];
    partLen = 0;
    if (item) yield item;
  }
}
