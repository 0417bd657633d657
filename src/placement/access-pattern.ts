import type { RaidLevel } from '../raid/levels.ts';
import { type LdevCounters, randomShare } from './statistics.ts';

/** PL-P-1: "≥ 2/3 of its I/Os random" makes an LDEV random-heavy; the same share sequential, sequential-heavy. */
export const HEAVY_SHARE_MIN = 2 / 3;

export type AccessPattern = 'random' | 'sequential' | 'mixed';

/** PL-P-1 ("taking an access pattern into consideration"): the LDEV's pattern over the window. */
export function accessPattern(c: Readonly<LdevCounters>): AccessPattern {
  const r = randomShare(c);
  if (r >= HEAVY_SHARE_MIN) return 'random';
  if (1 - r >= HEAVY_SHARE_MIN) return 'sequential';
  return 'mixed';
}

/** PL-P-1: random-heavy LDEVs prefer RAID1 groups, sequential-heavy ones RAID5; mixed ones none. */
export function preferredLevel(pattern: AccessPattern): RaidLevel | null {
  return pattern === 'random' ? 'raid1' : pattern === 'sequential' ? 'raid5' : null;
}
