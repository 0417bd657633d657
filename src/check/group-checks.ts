import type { Model } from '../model/model.ts';
import type { Violation } from '../violation.ts';
import type { Checker } from './checker.ts';

/** CG-INV-3: no remote consistency group has both a live and a suspended member (cheap: one pass over the pairs, whatever the scope). */
export function checkGroups(model: Model): Violation[] {
  const live = new Map<string, string>();
  const held = new Map<string, string>();
  for (const p of model.remote.pairs.values()) {
    if (p.group === null || !p.inGroup) continue;
    if (p.live) live.set(p.group, live.get(p.group) ?? `${p.id} ${p.state}`);
    if (p.suspended) held.set(p.group, held.get(p.group) ?? `${p.id} ${p.state}`);
  }
  return [...held].filter(([g]) => live.has(g)).map(([g, who]) => ({ invariant: 'CG-INV-3', message: `consistency group ${g}: pair ${who} while pair ${live.get(g)!}` }));
}

/** The `check` op's checker of checkGroups. */
export const groupChecker: Checker = {
  name: 'consistency groups',
  invariants: ['CG-INV-3'],
  check: (target) => checkGroups(target.model),
};
