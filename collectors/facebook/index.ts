import { defineCollector } from '../types.ts';
import { FacebookCollector } from './client.ts';
import { facebookOptions } from './config.ts';

export default defineCollector({
  type: 'facebook',
  description: "Comments and mentions on the brand's own Facebook Page and Instagram account (Graph API, Page token)",
  options: facebookOptions,
  create: (options, deps) => new FacebookCollector(options, deps),
});
