#!/usr/bin/env node
// Runs the bundled CLI (dist/earshot.mjs), rebuilding it first when any source
// file is newer, so a checkout runs without a separate build step. Falls back
// to running the TypeScript sources through tsx if the bundle cannot be built.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'earshot.mjs');
const SOURCES = ['bin', 'core', 'config', 'collectors', 'pipeline', 'alerts', 'care', 'api', 'dashboards'];

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'fixtures') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

function stale() {
  let built;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((d) => newest(join(root, d)) > built);
}

let entry = pathToFileURL(bundle).href;
if (stale()) {
  try {
    const { buildCli } = await import('../scripts/build.mjs');
    await buildCli();
  } catch (err) {
    process.stderr.write(`earshot: could not build dist/earshot.mjs (${err.message}); running the sources through tsx\n`);
    const { register } = await import('tsx/esm/api');
    register();
    entry = new URL('./earshot.ts', import.meta.url).href;
  }
}
process.setSourceMapsEnabled?.(true);
await import(entry);
