import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBoard } from './board.ts';
import { BOARDS } from './boards/index.ts';

/** Where Grafana's file provider reads boards from (mounted at the provider path). */
export const JSON_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'json');

/** The exact bytes each board file must hold. */
export function renderBoards(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, spec] of Object.entries(BOARDS)) out.set(`${name}.json`, `${JSON.stringify(buildBoard(spec), null, 2)}\n`);
  return out;
}

// `node --import tsx dashboards/src/generate.ts` rewrites dashboards/json/.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(JSON_DIR, { recursive: true });
  for (const [file, text] of renderBoards()) writeFileSync(join(JSON_DIR, file), text);
  console.log(`wrote ${renderBoards().size} boards to ${JSON_DIR}`);
}
