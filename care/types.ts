import type { IntentName, SentimentLabel } from '../core/mention.ts';
import type { Channel } from './config.ts';

/**
 * A care item is one case: the first qualifying mention of an author plus the
 * ones that joined it while it was open (case stickiness).
 *
 *   new ──claim──> claimed ──respond──> responded ──resolve──> resolved
 *    │               │  └──resolve/dismiss──> resolved | dismissed
 *    └──resolve/dismiss (without claiming)
 * `snoozedUntil` hides an open item from the default list; the SLA keeps running.
 */
export const CARE_STATES = ['new', 'claimed', 'responded', 'resolved', 'dismissed'] as const;
export type CareState = (typeof CARE_STATES)[number];
/** States in which an item counts as open: on the SLA clock, in an agent's load, joined by the author's new mentions. */
export const OPEN_STATES: readonly CareState[] = ['new', 'claimed'];

export interface CareMention {
  id: string;
  source: string;
  url: string;
  title: string;
  /** Capped; hostile: render as text only. */
  text: string;
  language: string;
  publishedAt: number;
  sentiment: SentimentLabel;
  reach: number;
}

export interface CareItem {
  id: string;
  state: CareState;
  brand: string;
  source: string;
  channel: Channel;
  language: string;
  /** The intent that put the item in the queue (highest weight among qualifying ones). */
  intent: IntentName;
  /** Rank of `intent` (crisis 4, complaint 3, question/lead 2), so a joining mention can only raise it. */
  intentWeight: number;
  /** 1 (low) … 4 (crisis), from intent and sentiment. */
  severity: number;
  /** Highest reach among the item's mentions. */
  reach: number;
  authorKey: string;
  authorName: string;
  /** The author's public profile link, when known. */
  authorUrl: string;
  mentions: CareMention[];
  createdAt: number;
  updatedAt: number;
  slaMs: number;
  dueAt: number;
  breached: boolean;
  /** Suggested owner by skills and load; does not claim. */
  assignee: string;
  claimedBy: string;
  claimedAt: number;
  respondedAt: number;
  closedAt: number;
  closedBy: string;
  dismissReason: string;
  note: string;
  snoozedUntil: number;
}

/** An item as the API returns it: with its current priority and SLA time left. */
export interface CareItemView extends CareItem {
  priority: number;
  slaLeftMs: number;
}
