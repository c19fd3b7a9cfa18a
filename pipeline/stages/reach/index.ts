import type { Stage } from '../../stage.ts';
import { mapItems } from '../../stage.ts';
import { defaultUnderstander, type Understander } from '../../understand/index.ts';

/** Sets `reach` in [0, 1) from followers and engagement (formula in pipeline/understand/reach.ts). */
export function createReachStage(understander: Understander = defaultUnderstander()): Stage {
  return {
    name: 'reach',
    run: (batch, ctx) =>
      mapItems('reach', batch, ctx, (m) => {
        understander.reach(m);
        return m;
      }),
  };
}
