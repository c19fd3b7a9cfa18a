// Bundles the CLI's own sources into dist/ (packages stay external; each
// command's heavy modules are split into chunks loaded on use). Loading a few
// files instead of hundreds of TypeScript modules through a loader hook cuts
// start-up from seconds to a fraction; bin/earshot.js rebuilds whenever a
// source file is newer than the bundle. Chunks sit directly in dist/, at the
// same depth as core/, which core/paths.ts relies on.
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildCli() {
  const tmp = join(root, `dist.tmp-${process.pid}`);
  const old = join(root, `dist.old-${process.pid}`);
  await build({
    entryPoints: { earshot: join(root, 'bin', 'earshot.ts') },
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
  });
  // Swap in the new build whole, so a process starting meanwhile never sees half of one.
  try {
    renameSync(join(root, 'dist'), old);
  } catch {
    // no earlier build
  }
  renameSync(tmp, join(root, 'dist'));
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
