import type { CollectorDefinition } from './types.ts';
import demo from './demo/index.ts';
import rss from './rss/index.ts';
import jsonlImport from './jsonl-import/index.ts';
import reddit from './reddit/index.ts';
import hackernews from './hackernews/index.ts';
import mastodon from './mastodon/index.ts';
import bluesky from './bluesky/index.ts';
import x from './x/index.ts';
import youtube from './youtube/index.ts';
import appstore from './appstore/index.ts';
import trustpilot from './trustpilot/index.ts';
import webhook from './webhook/index.ts';
import googleplay from './googleplay/index.ts';
import genericJson from './generic-json/index.ts';
import facebook from './facebook/index.ts';

/** Every source type earshot knows: one line per collector. */
export const collectorTypes: Record<string, CollectorDefinition<unknown>> = {
  [demo.type]: demo,
  [rss.type]: rss,
  [jsonlImport.type]: jsonlImport,
  [reddit.type]: reddit,
  [hackernews.type]: hackernews,
  [mastodon.type]: mastodon,
  [bluesky.type]: bluesky,
  [x.type]: x,
  [youtube.type]: youtube,
  [appstore.type]: appstore,
  [trustpilot.type]: trustpilot,
  [webhook.type]: webhook,
  [googleplay.type]: googleplay,
  [genericJson.type]: genericJson,
  [facebook.type]: facebook,
};
