import { eld } from 'eld';
import type { Stage } from '../../stage.ts';
import { mapItems } from '../../stage.ts';

/** Detects the language of short social texts; a source's own tag wins. */
export function detectLanguage(text: string): string {
  const r = eld.detect(text);
  return r.isReliable() && r.language ? r.language : 'und';
}

export function createDetectLanguageStage(): Stage {
  return {
    name: 'detect-language',
    run: (batch, ctx) =>
      mapItems('detect-language', batch, ctx, (m) => {
        if (!m.languageFromSource) m.language = detectLanguage(m.title ? `${m.title}. ${m.text}` : m.text);
        return m;
      }),
  };
}
