import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readJsonl, type JsonlItem } from './read.ts';

const fixture = join(import.meta.dirname, 'fixtures', 'mixed.jsonl');
const collect = async (it: AsyncIterable<JsonlItem>) => {
  const out: JsonlItem[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('readJsonl', () => {
  it('yields values and errors with line numbers; blank lines are skipped but counted', async () => {
    const items = await collect(readJsonl(fixture));
    expect(items.map((i) => [i.line, 'error' in i ? 'error' : 'value'])).toEqual([
      [1, 'value'], [2, 'value'], [4, 'value'], [5, 'error'], [6, 'value'], [7, 'value'], [8, 'value'], [9, 'value'],
    ]);
    const bad = items.find((i) => 'error' in i) as Extract<JsonlItem, { error: string }>;
    expect(bad.error).toMatch(/^line 5: invalid JSON: /);
    expect(bad.raw).toContain('cut off in the middle');
    expect((items[6] as { value: { text: string } }).value.text).toBe('windows line ending');
    expect(items.at(-1)!.offset).toBe(readFileSync(fixture).length);
  });

  it('resumes exactly at a byte offset, numbering on', async () => {
    const all = await collect(readJsonl(fixture));
    const third = all[2]!;
    const rest = await collect(readJsonl(fixture, { offset: all[1]!.offset, line: all[1]!.line }));
    expect(rest).toEqual(all.slice(2));
    expect(rest[0]!.line).toBe(third.line);
  });

  it('reads .gz files and streams (stdin) the same way, resuming inside .gz too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-jsonl-'));
    const gz = join(dir, 'm.jsonl.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture)));
    const plain = await collect(readJsonl(fixture));
    expect(await collect(readJsonl(gz))).toEqual(plain);
    expect(await collect(readJsonl(Readable.from([readFileSync(fixture)])))).toEqual(plain);
    expect(await collect(readJsonl(gz, { offset: plain[3]!.offset, line: plain[3]!.line }))).toEqual(plain.slice(4));
  });

  it('splits lines across chunk boundaries and rejects oversized lines without losing the next', async () => {
    const lines = ['{"a":"' + 'x'.repeat(3000) + '"}', '{"b":1}', '{"c":"é"}'];
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const items = await collect(readJsonl(Readable.from(chunks), { maxLineBytes: 1024 }));
    expect(items[0]).toMatchObject({ line: 1, error: 'line 1: longer than 1024 bytes, skipped' });
    expect(items.slice(1).map((i) => ('value' in i ? i.value : null))).toEqual([{ b: 1 }, { c: 'é' }]);
    expect(items.map((i) => i.offset)).toEqual([lines[0]!.length + 1, lines[0]!.length + 9, bytes.length]);
  });
});
