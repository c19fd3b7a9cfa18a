import { stat } from 'node:fs/promises';
import { EarshotError, errorMessage } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { JsonlImportOptions } from './config.ts';
import { readJsonl } from './read.ts';

/** Where the last run stopped, and which file that was (a rotated or truncated file starts over). */
export interface JsonlCursor {
  path: string;
  offset: number;
  line: number;
  ino: number;
  size: number;
  mtimeMs: number;
  [k: string]: unknown;
}

function asCursor(c: unknown): JsonlCursor | null {
  const o = c as Partial<JsonlCursor> | null;
  return o && typeof o.offset === 'number' && typeof o.line === 'number' && typeof o.ino === 'number' ? (o as JsonlCursor) : null;
}

/**
 * Imports a JSONL file (or stdin) of interchange mentions. Re-running continues
 * after the last line read; an unparseable line is a reject with its number.
 */
export class JsonlImportCollector implements Collector {
  constructor(
    private readonly options: JsonlImportOptions,
    private readonly deps: CollectorDeps,
  ) {}

  async collect({ cursor, signal, since }: CollectInput): Promise<CollectResult> {
    const { path } = this.options;
    const stdin = path === '-';
    let identity: { ino: number; size: number; mtimeMs: number } | null = null;
    if (!stdin) {
      try {
        const st = await stat(path);
        identity = { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
      } catch (err) {
        throw new EarshotError(`cannot read ${path}: ${errorMessage(err)}; check sources[].options.path`, { code: 'file_unreadable', cause: err });
      }
    }
    const prev = asCursor(cursor);
    // Same file (inode) not shrunk: continue; otherwise (rotated, truncated, other path, backfill) from the start.
    const resume = since === undefined && !stdin && prev && identity && prev.path === path && prev.ino === identity.ino && prev.size <= identity.size ? prev : null;
    if (resume && resume.offset >= identity!.size && resume.mtimeMs === identity!.mtimeMs) {
      return { mentions: [], cursor: resume, stats: { fetched: 0, duplicates: 0 } };
    }

    const mentions: MentionInput[] = [];
    const rejects: NonNullable<CollectResult['rejects']> = [];
    let offset = resume?.offset ?? 0;
    let line = resume?.line ?? 0;
    let read = 0;
    for await (const item of readJsonl(path, { offset, line, maxLineBytes: this.options.maxLineBytes, signal })) {
      if (signal.aborted) break;
      offset = item.offset;
      line = item.line;
      read++;
      if ('error' in item) {
        rejects.push({ reason: item.error, payload: item.raw });
      } else if (!item.value || typeof item.value !== 'object' || Array.isArray(item.value)) {
        rejects.push({ reason: `line ${item.line}: expected a JSON object`, payload: JSON.stringify(item.value).slice(0, 10_000) });
      } else {
        const m = item.value as MentionInput;
        if (this.options.source && (m.source === undefined || m.source === '')) m.source = this.options.source;
        if (since === undefined || !(Date.parse(String(m.publishedAt)) < since)) mentions.push(m);
      }
      if (!stdin && read >= this.options.maxItemsPerRun) break;
    }
    if (signal.aborted) throw signal.reason ?? new Error('aborted');
    const next: JsonlCursor | null = identity ? { path, offset, line, ...identity } : null;
    return { mentions, cursor: next, rejects, stats: { fetched: read, duplicates: 0 } };
  }
}
