import type { Violation } from '../violation.ts';
import type { Plan, PlanInput } from './plan.ts';
import { MOVES_PER_ROUND_MAX } from './planner-bounds.ts';

/**
 * PL-INV-3 (planner safety), and the round rules PL-P-1 (one move a volume) and PL-P-3 (no
 * move back next round), checked on a plan against what it was planned from.
 */
export function planViolations(plan: Plan, input: PlanInput): Violation[] {
  const found: Violation[] = [];
  const v = (invariant: string, message: string) => found.push({ invariant, message });
  if (plan.moves.length > MOVES_PER_ROUND_MAX) v('PL-INV-3', `${plan.moves.length} moves in one round, at most ${MOVES_PER_ROUND_MAX}`);
  const taken = new Map<string, number>();
  for (const mv of plan.moves) taken.set(mv.to, (taken.get(mv.to) ?? 0) + 1);
  for (const [id, n] of taken) {
    const free = input.system.pool.freeCount(input.system.group(id));
    if (n > free) v('PL-INV-3', `${n} moves into raid group ${id}, which has ${free} free LDEVs`);
  }
  const volumes = new Set<string>();
  for (const mv of plan.moves) {
    if (input.relocating.get(mv.volume)?.has(mv.entry)) v('PL-INV-3', `entry ${mv.entry} of volume ${mv.volume} (LDEV ${mv.ldev}) is already moving`);
    if (input.recentlyMoved.get(mv.volume)?.has(mv.entry)) v('PL-P-3', `entry ${mv.entry} of volume ${mv.volume} was moved by the previous round`);
    if (volumes.has(mv.volume)) v('PL-P-1', `two moves of volume ${mv.volume} in one round`);
    volumes.add(mv.volume);
  }
  return found;
}

/** Throws (a model bug, not a refusal) when a plan breaks PL-INV-3. */
export function assertPlanSafe(plan: Plan, input: PlanInput): void {
  const found = planViolations(plan, input);
  if (found.length > 0) throw new Error(found.map((x) => `${x.invariant}: ${x.message}`).join('; '));
}
