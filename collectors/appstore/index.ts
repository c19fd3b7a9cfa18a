import { defineCollector } from '../types.ts';
import { AppstoreCollector } from './client.ts';
import { appstoreOptions } from './config.ts';

export default defineCollector({
  type: 'appstore',
  description: 'App Store customer reviews of given apps per country (the public reviews feed)',
  options: appstoreOptions,
  create: (options, deps) => new AppstoreCollector(options, deps),
});
