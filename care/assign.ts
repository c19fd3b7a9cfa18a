import type { CareAgent } from './config.ts';

/**
 * The agent who should take an item: among those whose languages and sources
 * cover it and who are under their `maxOpen`, the one with the least load
 * (ties: config order). Empty when no agent fits; the item stays unassigned.
 */
export function suggestAssignee(agents: readonly CareAgent[], load: Readonly<Record<string, number>>, language: string, source: string): string {
  let best: CareAgent | null = null;
  let bestLoad = Infinity;
  for (const a of agents) {
    if (a.languages.length && !a.languages.includes(language)) continue;
    if (a.sources.length && !a.sources.includes(source)) continue;
    const l = load[a.name] ?? 0;
    if (l >= a.maxOpen) continue;
    if (l < bestLoad) {
      best = a;
      bestLoad = l;
    }
  }
  return best?.name ?? '';
}
