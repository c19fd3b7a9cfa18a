import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseTimestamp, scoreCsv } from './csv.ts';
import { StreamScorer } from './stream-scorer.ts';
import { mentionStream } from './synthetic.ts';

async function score(text: string): Promise<{ out: string; errors: string[] }> {
  let out = '';
  const errors: string[] = [];
  const sink = new Writable({ write(c: Buffer, _e, done) { out += c.toString(); done(); } });
  await scoreCsv(Readable.from([text]), sink, (m) => errors.push(m));
  return { out, errors };
}

function csvOf(values: Array<{ at: number; value: number }>): string {
  return 'timestamp,value\n' + values.map((p) => `${new Date(p.at).toISOString().replace('T', ' ').slice(0, 19)},${p.value}`).join('\n') + '\n';
}

describe('scoreCsv', () => {
  it('keeps every row and column, adds anomaly_score in [0, 1], and scores a ×5 spike highest', async () => {
    const s = mentionStream({ seed: 3, windows: 3 * 288 });
    s[700]!.value *= 5;
    const { out, errors } = await score(csvOf(s));
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('timestamp,value,anomaly_score');
    expect(lines).toHaveLength(s.length + 1);
    const scores = lines.slice(1).map((l) => Number(l.split(',')[2]));
    expect(scores.every((x) => x >= 0 && x <= 1)).toBe(true);
    expect(scores.indexOf(Math.max(...scores))).toBe(700);
    expect(errors).toEqual([]);
  });

  it('is causal: the scores of a prefix equal the first scores of the whole file', async () => {
    const s = mentionStream({ seed: 4, windows: 600 });
    const whole = (await score(csvOf(s))).out.trim().split('\n');
    const prefix = (await score(csvOf(s.slice(0, 350)))).out.trim().split('\n');
    expect(whole.slice(0, prefix.length)).toEqual(prefix);
  });

  it('reports bad rows with their line number, keeps them with an empty score, and goes on', async () => {
    const { out, errors } = await score('timestamp,value\n2026-03-02 00:00:00,5\nyesterday,4\n2026-03-02 00:10:00,abc\n2026-03-02 00:15:00,6\n');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^line 3: timestamp "yesterday"/);
    expect(errors[1]).toMatch(/^line 4: value "abc"/);
    expect(out.split('\n').slice(1, 5)).toEqual(['2026-03-02 00:00:00,5,0', 'yesterday,4,', '2026-03-02 00:10:00,abc,', '2026-03-02 00:15:00,6,0']);
  });

  it('rejects a header without timestamp and value', async () => {
    await expect(score('time,count\n1,2\n')).rejects.toThrow(/line 1: header must name the columns "timestamp" and "value"/);
  });

  it('parses ISO, NAB-style and epoch timestamps as UTC', () => {
    const t = Date.UTC(2026, 2, 2, 14, 5);
    expect(parseTimestamp('2026-03-02 14:05:00')).toBe(t);
    expect(parseTimestamp('2026-03-02T14:05:00Z')).toBe(t);
    expect(parseTimestamp('2026-03-02T15:05:00+01:00')).toBe(t);
    expect(parseTimestamp(String(t / 1000))).toBe(t);
    expect(parseTimestamp(String(t))).toBe(t);
  });

  it('StreamScorer state round-trips', () => {
    const s = mentionStream({ seed: 9, windows: 900 });
    const a = new StreamScorer();
    const whole = s.map((p) => a.update(p.at, p.value));
    const b = new StreamScorer();
    s.slice(0, 500).forEach((p) => b.update(p.at, p.value));
    const c = StreamScorer.fromJSON(JSON.parse(JSON.stringify(b.toJSON())));
    expect(s.slice(500).map((p) => c.update(p.at, p.value))).toEqual(whole.slice(500));
  });
});

describe('earshot detect (CLI)', () => {
  it('scores a CSV file end to end and writes the output file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-detect-'));
    const input = join(dir, 'in.csv');
    const output = join(dir, 'out.csv');
    const s = mentionStream({ seed: 5, windows: 3 * 288 });
    s[700]!.value *= 6;
    writeFileSync(input, csvOf(s).replace('\n2026-03-02 00:10:00', '\nbad,row\n2026-03-02 00:10:00'));
    const r = spawnSync(process.execPath, ['bin/earshot.js', 'detect', '--input', input, '--output', output], { cwd: new URL('../../', import.meta.url).pathname, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/line 4: timestamp "bad"/);
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('timestamp,value,anomaly_score');
    expect(lines).toHaveLength(s.length + 2);
    expect(lines[3]).toBe('bad,row,');
    // After two days of learning the rhythm, the spike stands out (line 701 of the data: one bad row before it).
    const scores = lines.slice(1).map((l) => Number(l.split(',')[2] || 0)).slice(576);
    expect(scores.indexOf(Math.max(...scores)) + 576).toBe(701);
  });
});
