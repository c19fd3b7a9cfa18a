import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';

/** The public NAB copy, read in place (never vendored): ../shared/data/nab from the repo root. */
export const NAB_DIR = new URL('../../../../shared/data/nab/', import.meta.url).pathname;

export function nabAvailable(): boolean {
  return existsSync(join(NAB_DIR, 'combined_windows.json'));
}

/** NAB timestamps are naive `YYYY-MM-DD HH:MM:SS[.ffffff]`; read them as UTC. */
export function parseNabTime(text: string): number {
  const t = Date.parse(text.trim().replace(' ', 'T').replace(/(\.\d{3})\d*$/, '$1') + 'Z');
  if (Number.isNaN(t)) throw new Error(`bad NAB timestamp "${text}"`);
  return t;
}

/** Relative names (`category/file.csv`) of every labelled series, sorted. */
export function nabSeriesNames(): string[] {
  const windows = JSON.parse(readFileSync(join(NAB_DIR, 'combined_windows.json'), 'utf8')) as Record<string, string[][]>;
  return Object.keys(windows).sort();
}

export function nabWindows(name: string): Array<[number, number]> {
  const windows = JSON.parse(readFileSync(join(NAB_DIR, 'combined_windows.json'), 'utf8')) as Record<string, string[][]>;
  const list = windows[name];
  if (!list) throw new Error(`no windows for ${name}`);
  return list.map(([a, b]) => [parseNabTime(a ?? ''), parseNabTime(b ?? '')]);
}

/** Two-column CSV (header skipped) → [times, second column as numbers]. */
export function readTwoColumns(text: string): { times: number[]; values: number[] } {
  const times: number[] = [];
  const values: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const comma = line.indexOf(',');
    times.push(parseNabTime(line.slice(0, comma)));
    values.push(Number(line.slice(comma + 1)));
  }
  return { times, values };
}

export function readNabData(name: string): string {
  return readFileSync(join(NAB_DIR, 'data', name), 'utf8');
}

export function readNumentaReference(name: string): { times: number[]; values: number[] } {
  return readTwoColumns(gunzipSync(readFileSync(join(NAB_DIR, 'reference_numenta', name + '.gz'))).toString('utf8'));
}

export function listCategories(): string[] {
  return readdirSync(join(NAB_DIR, 'data')).sort();
}
