/**
 * Every checker of the `check` op, in the order they report (spec/checking.md, CHK-6). The list
 * of invariants `check` answers with is derived from their declarations, never written twice.
 */
import type { Model } from '../model/model.ts';
import type { CheckScope } from './check-scope.ts';
import type { Checker } from './checker.ts';
import { type LocalCopyReference, localCopyChecker } from './local-copy-reference.ts';
import { migrationChecker } from './migration-checks.ts';
import { modelChecker } from './model-checks.ts';
import { placementChecker } from './placement-checks.ts';
import { hostViewChecker, type ReferenceVolumes } from './reference-volumes.ts';
import { groupChecker } from './group-checks.ts';
import { remoteCopyTablesChecker } from './remote-copy-checks.ts';
import { type RemoteCopyReference, remoteCopyChecker } from './remote-copy-reference.ts';
import type { Violation } from '../violation.ts';

/** What the checkers look at together: the model and the checker's references (a trace run's context has them all). */
export interface CheckTarget {
  readonly model: Model;
  readonly reference: ReferenceVolumes;
  readonly localCopyReference: LocalCopyReference;
  readonly remoteCopyReference: RemoteCopyReference;
}

export const CHECKERS: readonly Checker<CheckTarget>[] = [
  modelChecker,
  remoteCopyTablesChecker,
  placementChecker,
  migrationChecker,
  hostViewChecker,
  localCopyChecker,
  remoteCopyChecker,
  groupChecker,
];

/** Every checker's violations now, under `scope`. */
export function checkAll(target: CheckTarget, scope: CheckScope, consume: boolean): Violation[] {
  return CHECKERS.flatMap((c) => c.check(target, scope, consume));
}

/** The spec families in the order spec/README.md lists them; the `check` op lists invariants so. */
const FAMILIES = ['RAID', 'VOL', 'LDEV', 'LC', 'VTOC', 'RC', 'MG', 'PL', 'CG', 'LIM'];

function order(id: string): [number, number] {
  const m = /^([A-Z]+)-INV-(\d+)$/.exec(id);
  return m ? [FAMILIES.indexOf(m[1]!), Number(m[2])] : [FAMILIES.length, 0];
}

/** The invariants `check` checks: the union of the checkers' declarations, in family order. */
export function checkedInvariants(): string[] {
  const ids = [...new Set(CHECKERS.flatMap((c) => c.invariants))];
  return ids.sort((a, b) => {
    const [fa, na] = order(a);
    const [fb, nb] = order(b);
    return fa - fb || na - nb || (a < b ? -1 : a > b ? 1 : 0);
  });
}
