/** The planner's thresholds (spec/placement.md), apart so the planner and its safety check share them without importing each other. */

/** PL-P-1: the planner acts when max/mean utilization exceeds this. */
export const SPREAD_TRIGGER = 1.2;
/** PL-P-1: a move is kept only if it lowers the spread by at least this share. */
export const SPREAD_GAIN_MIN = 0.05;
/** PL-P-1, PL-INV-3. */
export const MOVES_PER_ROUND_MAX = 2;
