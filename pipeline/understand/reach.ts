/**
 * Reach: an influence score in [0, 1) from what the source tells us.
 *
 *   raw   = log10(1 + followers) + 1.5 · log10(1 + likes + 2·shares + replies)
 *   reach = 1 − exp(−raw / 8)
 *
 * Log-scaled (10× the followers adds a constant), monotone in every input,
 * bounded below 1. Shares count double: they carry the post to new audiences.
 * Examples: 100 followers → 0.22; 10 000 → 0.39; 1 M → 0.53; 1 M with 1 000
 * likes → 0.73. Nothing known → 0.
 */
export function reachScore(followers: number | null, engagement: { likes: number; shares: number; replies: number }): number {
  const f = followers && followers > 0 && Number.isFinite(followers) ? followers : 0;
  const e = Math.max(0, engagement.likes || 0) + 2 * Math.max(0, engagement.shares || 0) + Math.max(0, engagement.replies || 0);
  const raw = Math.log10(1 + f) + 1.5 * Math.log10(1 + (Number.isFinite(e) ? e : 0));
  return Math.round((1 - Math.exp(-raw / 8)) * 1e4) / 1e4;
}
