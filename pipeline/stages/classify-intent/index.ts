import type { Stage } from '../../stage.ts';
import { mapItems } from '../../stage.ts';
import { defaultUnderstander, type Understander } from '../../understand/index.ts';

/** Sets `intents` (lead, complaint, question, praise, crisis_risk, spam, each with a confidence); runs after score-sentiment. */
export function createClassifyIntentStage(understander: Understander = defaultUnderstander()): Stage {
  return {
    name: 'classify-intent',
    run: (batch, ctx) =>
      mapItems('classify-intent', batch, ctx, (m) => {
        understander.classifyIntents(m);
        return m;
      }),
  };
}
