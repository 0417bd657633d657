import { type CheckScope, FULL } from './check-scope.ts';
import type { Model } from '../model/model.ts';
import type { Violation } from '../violation.ts';
import type { Checker } from './checker.ts';

/**
 * PL-INV-2 (mapping sound): in every system of LDEV tables, an LDEV is owned once — by a
 * volume's table entry or as a running relocation's destination — and the free pool holds
 * exactly the LDEVs nobody owns; a relocation's finished entries map its group.
 */
export function checkPlacement(model: Model, scope: CheckScope = FULL): Violation[] {
  const found: Violation[] = [];
  if (!scope.tables) return found; // tables change only with the control signature (CHK-4)
  for (const system of model.liveSystems()) {
    if (system.design !== 'ldev') continue;
    const owner = new Map<number, string>();
    const own = (n: number, who: string) => {
      const prev = owner.get(n);
      if (prev !== undefined && prev !== who) found.push({ invariant: 'PL-INV-2', message: `${system.id}: LDEV ${n} is owned by ${prev} and by ${who}` });
      owner.set(n, who);
    };
    for (const v of system.volumes.values()) for (const e of v.table) if (e.ldev.number !== null) own(e.ldev.number, `volume ${v.id}`);
    for (const p of model.remote.pairs.values()) for (const s of p.takeoverCopy?.sources ?? []) for (const e of s.a.table) if (e.ldev.number !== null && p.targetSystem === system) own(e.ldev.number, `volume A of ${p.id}`);
    for (const n of model.placement.destinations(system)) own(n, 'a relocation');
    const free = system.pool.freeCount();
    const total = [...system.groups.values()].reduce((sum, g) => sum + system.pool.inGroup(g).length, 0);
    if (free + owner.size !== total) found.push({ invariant: 'PL-INV-2', message: `${system.id}: ${free} free + ${owner.size} owned LDEVs, of ${total}` });
  }
  for (const [name, r] of model.placement.relocations) {
    for (const mv of r.moves) {
      const ldev = r.volume.table[mv.index]?.ldev;
      if (mv.done && ldev !== mv.to) found.push({ invariant: 'PL-INV-2', message: `${name}: entry ${mv.index} finished but maps LDEV ${ldev?.number}, not ${mv.to.number}` });
    }
  }
  return found;
}

/** The `check` op's checker of checkPlacement. */
export const placementChecker: Checker = {
  name: 'placement tables',
  invariants: ['PL-INV-2'],
  check: (target, scope) => checkPlacement(target.model, scope),
};
