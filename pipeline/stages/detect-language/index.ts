import type { Stage } from '../../stage.ts';
import { mapItems } from '../../stage.ts';
import { defaultUnderstander, type Understander } from '../../understand/index.ts';

export { detectLanguage } from '../../understand/language.ts';

/** Sets `language` (ISO 639-1 or `und`) unless the source tagged it. */
export function createDetectLanguageStage(understander: Understander = defaultUnderstander()): Stage {
  return {
    name: 'detect-language',
    run: (batch, ctx) =>
      mapItems('detect-language', batch, ctx, (m) => {
        understander.detectLanguage(m);
        return m;
      }),
  };
}
