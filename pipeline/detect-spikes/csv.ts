import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { StreamScorer, type StreamScorerOptions } from './stream-scorer.ts';

/**
 * Parses a `timestamp` cell: ISO 8601 (a zone-less time is UTC), `YYYY-MM-DD HH:MM:SS`
 * (UTC, as NAB writes), or a Unix epoch number (seconds below 1e11, else milliseconds).
 */
export function parseTimestamp(text: string): number {
  const t = text.trim().replace(/^"|"$/g, '');
  if (/^-?\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    return Math.abs(n) < 1e11 ? n * 1000 : n;
  }
  let iso = t.replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) iso += 'T00:00:00';
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(iso)) iso += 'Z';
  iso = iso.replace(/(\.\d{3})\d+/, '$1');
  return Date.parse(iso);
}

export interface ScoreCsvResult {
  rows: number;
  badRows: number;
}

/**
 * Streams a `timestamp,value[,…]` CSV to the same rows plus `anomaly_score`.
 * A bad row keeps its place in the output with an EMPTY score (so row i in is
 * row i out, and nobody mistakes it for "normal") and a message naming its
 * line goes to `errors`; it does not feed the detector. Extra columns pass through.
 */
export async function scoreCsv(input: Readable, output: Writable, errors: (message: string) => void, options: StreamScorerOptions = {}): Promise<ScoreCsvResult> {
  const scorer = new StreamScorer(options);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let tsCol = -1;
  let valCol = -1;
  let rows = 0;
  let badRows = 0;
  const write = async (s: string) => {
    if (!output.write(s)) await once(output, 'drain');
  };
  for await (const raw of lines) {
    lineNo++;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (lineNo === 1) {
      const cols = line.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
      tsCol = cols.indexOf('timestamp');
      valCol = cols.indexOf('value');
      if (tsCol < 0 || valCol < 0) throw new Error(`line 1: header must name the columns "timestamp" and "value" (got "${line.slice(0, 200)}")`);
      await write(`${line},anomaly_score\n`);
      continue;
    }
    if (line.trim() === '') continue;
    rows++;
    const cells = line.split(',');
    const tsText = cells[tsCol] ?? '';
    const valText = (cells[valCol] ?? '').trim().replace(/^"|"$/g, '');
    const at = parseTimestamp(tsText);
    const value = valText === '' ? NaN : Number(valText);
    if (!Number.isFinite(at)) {
      badRows++;
      errors(`line ${lineNo}: timestamp "${tsText.slice(0, 60)}" is not a date (use ISO 8601, "YYYY-MM-DD HH:MM:SS" UTC, or epoch seconds/ms); row kept with an empty anomaly_score`);
      await write(`${line},\n`);
      continue;
    }
    if (!Number.isFinite(value)) {
      badRows++;
      errors(`line ${lineNo}: value "${valText.slice(0, 60)}" is not a number; row kept with an empty anomaly_score`);
      await write(`${line},\n`);
      continue;
    }
    const score = scorer.update(at, value);
    await write(`${line},${Number(score.toFixed(6))}\n`);
  }
  if (lineNo === 0) throw new Error('line 1: empty input; expected a header "timestamp,value"');
  return { rows, badRows };
}
