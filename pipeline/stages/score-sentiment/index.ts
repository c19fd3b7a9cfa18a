import Sentiment from 'sentiment';
import type { SentimentLabel } from '../../../core/mention.ts';
import type { Stage } from '../../stage.ts';
import { mapItems } from '../../stage.ts';

const afinn = new Sentiment();

export function scoreSentiment(text: string): { score: number; label: SentimentLabel } {
  const r = afinn.analyze(text);
  const score = Math.max(-1, Math.min(1, r.comparative));
  return { score, label: score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral' };
}

export function createScoreSentimentStage(): Stage {
  return {
    name: 'score-sentiment',
    run: (batch, ctx) =>
      mapItems('score-sentiment', batch, ctx, (m) => {
        m.sentiment = scoreSentiment(m.text);
        return m;
      }),
  };
}
