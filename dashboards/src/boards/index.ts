import type { BoardSpec } from '../board.ts';
import { brandOverview } from './brand-overview.ts';
import { careSla } from './care.ts';
import { crisisRoom } from './crisis-room.ts';
import { leads } from './leads.ts';
import { pipelineHealth } from './pipeline-health.ts';

/** Every board, keyed by the JSON file name it is written to in dashboards/json/. */
export const BOARDS: Record<string, BoardSpec> = {
  'brand-overview': brandOverview,
  'crisis-room': crisisRoom,
  'care-sla': careSla,
  leads,
  'pipeline-health': pipelineHealth,
};
