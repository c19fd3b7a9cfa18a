import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root. Files the program reads at run time (the default
 * config, the intent model, the web page) are found from here, never from
 * `import.meta.url` of the module asking: the CLI runs from a bundle in
 * `dist/`, which sits at the same depth as `core/`, so this holds for both.
 */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function fromRoot(...parts: string[]): string {
  return join(ROOT, ...parts);
}
