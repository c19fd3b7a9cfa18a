import { defineCollector } from '../types.ts';
import { DemoCollector } from './client.ts';
import { demoOptions } from './config.ts';

export default defineCollector({
  type: 'demo',
  description: 'DEMO DATA: a generated trickle of de/en mentions about the configured brands (every mention has "demo": true)',
  options: demoOptions,
  create: (options, deps) => new DemoCollector(options, deps),
});
