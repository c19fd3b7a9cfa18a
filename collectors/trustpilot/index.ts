import { defineCollector } from '../types.ts';
import { TrustpilotCollector } from './client.ts';
import { trustpilotOptions } from './config.ts';

export default defineCollector({
  type: 'trustpilot',
  description: 'Trustpilot reviews of given business units (Business Units API, API key)',
  options: trustpilotOptions,
  create: (options, deps) => new TrustpilotCollector(options, deps),
});
