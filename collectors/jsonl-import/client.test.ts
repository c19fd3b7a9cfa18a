import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import { Metrics } from '../../core/metrics.ts';
import { collectorContract } from '../contract.ts';
import type { Cursor } from '../types.ts';
import jsonlImport from './index.ts';

const fixture = join(import.meta.dirname, 'fixtures', 'mixed.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'earshot-import-'));
const file = join(dir, 'contract.jsonl');

collectorContract({
  definition: jsonlImport,
  options: { path: file },
  now: '2026-03-02T16:00:00Z',
  name: 'import',
  expectSource: null,
  minMentions: 6,
  bounded: { options: { path: file, maxItemsPerRun: 3 }, maxItems: 3 },
  setup: () => copyFileSync(fixture, file),
});

function make(options: Record<string, unknown>) {
  return jsonlImport.create(jsonlImport.options.parse(options), {
    name: 'import', dispatcher: new MockAgent(), clock: new FakeClock('2026-03-02T16:00:00Z'), logger: silentLogger, metrics: new Metrics(), brands: [],
  });
}
const signal = new AbortController().signal;

describe('jsonl-import collector', () => {
  it('turns bad lines into rejects with their line numbers, the rest go on', async () => {
    const r = await make({ path: fixture }).collect({ cursor: null, signal });
    expect(r.mentions).toHaveLength(6);
    expect(r.rejects!.map((x) => x.reason)).toEqual([expect.stringMatching(/^line 5: invalid JSON: /), 'line 6: expected a JSON object']);
    // Unknown fields travel along (the pipeline keeps them in `raw`).
    expect(r.mentions[1]).toMatchObject({ id: 'r-1', vendorField: { kept: true } });
  });

  it('continues after the last line on the next run, and starts over when the file is replaced', async () => {
    const path = join(dir, 'grow.jsonl');
    writeFileSync(path, '{"source":"a","id":"1","text":"one","publishedAt":"2026-03-02T10:00:00Z"}\n');
    const c = make({ path });
    const first = await c.collect({ cursor: null, signal });
    expect(first.mentions.map((m) => m.id)).toEqual(['1']);
    appendFileSync(path, '{"source":"a","id":"2","text":"two","publishedAt":"2026-03-02T10:01:00Z"}\n');
    const second = await c.collect({ cursor: first.cursor, signal });
    expect(second.mentions.map((m) => m.id)).toEqual(['2']);
    expect(second.cursor).toMatchObject({ line: 2 });
    rmSync(path);
    writeFileSync(path, '{"source":"a","id":"9","text":"new file","publishedAt":"2026-03-02T11:00:00Z"}\n');
    const third = await c.collect({ cursor: second.cursor as Cursor, signal });
    expect(third.mentions.map((m) => m.id)).toEqual(['9']);
  });

  it('fills a missing source from the options and names an unreadable path', async () => {
    const path = join(dir, 'nosource.jsonl');
    writeFileSync(path, '{"id":"1","text":"t","publishedAt":"2026-03-02T10:00:00Z"}\n{"source":"own","id":"2","text":"t","publishedAt":"2026-03-02T10:00:00Z"}\n');
    const r = await make({ path, source: 'export' }).collect({ cursor: null, signal });
    expect(r.mentions.map((m) => m.source)).toEqual(['export', 'own']);
    await expect(make({ path: join(dir, 'missing.jsonl') }).collect({ cursor: null, signal })).rejects.toThrow(/cannot read .*missing\.jsonl.*sources\[\]\.options\.path/);
  });

  it('a backfill re-reads the whole file from `since`', async () => {
    const c = make({ path: fixture });
    const first = await c.collect({ cursor: null, signal });
    const r = await c.collect({ cursor: first.cursor, signal, since: Date.parse('2026-03-02T15:00:00Z') });
    expect(r.mentions.map((m) => m.id)).toEqual(['r-1', '42', '1', '2']);
    expect(readFileSync(fixture).length).toBeGreaterThan(0);
  });
});
