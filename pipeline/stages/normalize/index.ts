import { toMention, type Mention } from '../../../core/mention.ts';
import type { StageContext } from '../../stage.ts';
import { cleanText } from './clean-text.ts';

export interface NormalizeOptions {
  maxTextLength: number;
  /** `classify` accepts objects with only `text`. */
  lenient?: boolean;
}

export interface RawItem {
  value: unknown;
  /** Where it came from (line number, position), for the dead-letter reason. */
  position: number;
}

/**
 * The first stage: interchange objects → validated, cleaned Mentions. An
 * invalid object is dead-lettered with the field and the fix; the rest go on.
 */
export function normalize(items: readonly unknown[], ctx: StageContext, source: string, options: NormalizeOptions): Mention[] {
  const out: Mention[] = [];
  const now = ctx.clock.now();
  items.forEach((value, i) => {
    try {
      const m = toMention(value, { now, maxTextLength: options.maxTextLength * 4, lenient: options.lenient ?? false, fallbackId: `${ctx.batchId}-${i}` });
      m.text = cleanText(m.text, options.maxTextLength);
      m.title = cleanText(m.title, 1000);
      m.author.name = cleanText(m.author.name, 200);
      if (!m.text && !m.title && !options.lenient) throw Object.assign(new Error('text: is empty after removing markup; nothing to analyse'), { code: 'empty_text' });
      out.push(m);
    } catch (err) {
      ctx.deadLetter(placeholder(value, source, i), 'normalize', err);
    }
  });
  return out;
}

/** A stand-in carrying the raw payload, so the dead letter keeps everything the sender gave us. */
function placeholder(value: unknown, source: string, index: number): Mention {
  const obj = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const id = typeof obj.id === 'string' || typeof obj.id === 'number' ? String(obj.id) : `#${index}`;
  return {
    id: `${typeof obj.source === 'string' ? obj.source : source}:${id}`,
    source: typeof obj.source === 'string' ? obj.source.slice(0, 64) : source,
    nativeId: id,
    url: '', title: '', text: '', language: 'und', languageFromSource: false,
    publishedAt: 0, collectedAt: 0,
    author: { id: '', name: '', followers: null, url: '' },
    engagement: { likes: 0, shares: 0, replies: 0 },
    rating: null, parentId: '', country: '', raw: { payload: value },
    brands: [], sentiment: { score: 0, label: 'neutral' }, intents: [], reach: 0,
  };
}
