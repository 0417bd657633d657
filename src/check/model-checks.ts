import { type CheckScope, FULL } from './check-scope.ts';
import type { StorageSystem } from '../system/storage-system.ts';
import type { Model } from '../model/model.ts';
import type { Checker } from './checker.ts';
import type { Violation } from '../violation.ts';

/**
 * Every invariant the model can check on itself (spec/raid.md, spec/volumes.md); under a
 * partial scope (CHK-3) the changed rows only, and no tables (they change only with the
 * control signature, CHK-4).
 */
export function checkModel(model: Model, scope: CheckScope = FULL): Violation[] {
  const found: Violation[] = [];
  for (const system of model.liveSystems()) {
    found.push(...redundancy(system, scope));
    if (scope.tables) found.push(...mappingSound(system), ...tablesSound(model, system));
  }
  return found;
}

/** The `check` op's checker of checkModel. */
export const modelChecker: Checker = {
  name: 'model tables and redundancy',
  invariants: ['RAID-INV-1', 'VOL-INV-1', 'LDEV-INV-1', 'LC-INV-6'],
  check: (target, scope) => checkModel(target.model, scope),
};

/** LC-INV-6 (TablesSound): the tables in use are held by live pairs, each local pair one per extent (LC-G-1, LC-G-2). */
function tablesSound(model: Model, system: StorageSystem): Violation[] {
  const found: Violation[] = [];
  const pool = system.pairTablePool;
  for (const owner of pool.owners()) {
    if (model.pairKind(owner) === undefined) found.push({ invariant: 'LC-INV-6', message: `${system.id}: pair ${owner} is gone but holds ${pool.heldBy(owner)} pair tables` });
  }
  for (const pair of model.localCopy.pairs.values()) {
    if (model.localCopy.systemOfPair(pair.id) !== system) continue;
    const tables = pair.area ? pair.area.length : 1;
    if (pool.heldBy(pair.id) !== tables) found.push({ invariant: 'LC-INV-6', message: `${system.id}: local pair ${pair.id} holds ${pool.heldBy(pair.id)} pair tables, not ${tables}` });
  }
  return found;
}

/** RAID-INV-1: parity (or every mirror copy) agrees with the data. */
function redundancy(system: StorageSystem, scope: CheckScope): Violation[] {
  const found: Violation[] = [];
  for (const g of system.groups.values()) {
    const stripes = scope.groupStripes(g);
    if (stripes !== 'all' && stripes.length === 0) continue;
    for (const message of g.checkRedundancy(stripes === 'all' ? undefined : stripes)) found.push({ invariant: 'RAID-INV-1', message: `${system.id}: ${message}` });
  }
  return found;
}

/** VOL-INV-1 and LDEV-INV-1: each LDEV belongs to one volume or to the free pool, never both. */
function mappingSound(system: StorageSystem): Violation[] {
  const found: Violation[] = [];
  const owner = new Map<number, string>();
  for (const v of system.volumes.values()) {
    v.table.forEach((entry, i) => {
      const n = entry.ldev.number;
      if (n === null) return; // an idle-range slice (RC-D-1)
      const where = `${system.id}:${v.id} entry ${i}`;
      if (owner.has(n) && !owner.get(n)!.startsWith(`${system.id}:${v.id} `)) found.push({ invariant: 'VOL-INV-1', message: `${where} maps LDEV ${n}, already mapped by ${owner.get(n)}` });
      if (!owner.has(n)) owner.set(n, where);
      if (system.pool.isFree(n)) found.push({ invariant: 'LDEV-INV-1', message: `${where} maps LDEV ${n}, which is in the free pool` });
      if (v.divisible && entry.first !== i * system.ldevBytes) found.push({ invariant: 'VOL-INV-1', message: `${where} starts at ${entry.first}, not ${i * system.ldevBytes}` });
    });
    const mapped = v.table.length * system.ldevBytes;
    if (v.divisible && mapped < v.bytes) found.push({ invariant: 'VOL-INV-1', message: `${system.id}:${v.id} maps ${mapped} of its ${v.bytes} bytes` });
  }
  return found;
}

