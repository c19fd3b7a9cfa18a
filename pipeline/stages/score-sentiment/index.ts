import type { Stage } from '../../stage.ts';
import { mapItems } from '../../stage.ts';
import { defaultUnderstander, type Understander } from '../../understand/index.ts';

/** Sets `sentiment` {score in [-1, 1], label}; runs after match-brands so per-brand lexicons apply. */
export function createScoreSentimentStage(understander: Understander = defaultUnderstander()): Stage {
  return {
    name: 'score-sentiment',
    run: (batch, ctx) =>
      mapItems('score-sentiment', batch, ctx, (m) => {
        understander.scoreSentiment(m);
        return m;
      }),
  };
}
