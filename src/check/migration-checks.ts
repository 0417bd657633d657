import type { Model } from '../model/model.ts';
import { firstDifference } from './bytes-equal.ts';
import { isUnavailable, viewRead } from '../model/host-io.ts';
import type { Violation } from '../violation.ts';
import type { MigrationPair } from '../migration/migration-pair.ts';
import type { ReferenceVolumes } from './reference-volumes.ts';
import { type CheckScope, forEachScoped, FULL } from './check-scope.ts';
import type { Checker } from './checker.ts';

/**
 * MG-INV-1 (the host's view of the area equals the reference volume) and MG-INV-2 (a track
 * marked copied holds it on the target itself), for every running migration.
 */
export function checkMigrations(model: Model, reference: ReferenceVolumes, scope: CheckScope = FULL): Violation[] {
  const found: Violation[] = [];
  for (const pair of model.migration.running()) {
    if (pair.target.system.failed || !reference.isTracked(pair.target.key)) continue;
    const problem = firstViolation(model, reference, pair, scope);
    if (problem) found.push(problem);
  }
  return found;
}

function firstViolation(model: Model, reference: ReferenceVolumes, pair: MigrationPair, scope: CheckScope): Violation | null {
  const { system, volume, key } = pair.target;
  let found: Violation | null = null;
  forEachScoped(scope, volume, pair.area, (t) => {
    if (found) return;
    const { offset, length } = volume.trackRange(t);
    const expected = reference.bytes(key, offset, length);
    const view = tryRead(() => viewRead(model, system.id, volume.id, offset, length));
    if (view && !equal(view, expected)) found = { invariant: 'MG-INV-1', message: `migration ${pair.id}: the host sees track ${t} of ${key} differ from what it wrote` };
    else if (!pair.pending.get(t)) {
      const own = tryRead(() => volume.read(offset, length));
      if (own && !equal(own, expected)) found = { invariant: 'MG-INV-2', message: `migration ${pair.id}: track ${t} is marked copied but ${key} does not hold it` };
    }
  });
  return found;
}

function tryRead(read: () => Uint8Array): Uint8Array | null {
  try {
    return read();
  } catch (e) {
    if (isUnavailable(e)) return null;
    throw e;
  }
}

function equal(x: Uint8Array, y: Uint8Array): boolean {
  return firstDifference(x, y) < 0;
}

/** The `check` op's checker of checkMigrations. */
export const migrationChecker: Checker<{ readonly model: Model; readonly reference: ReferenceVolumes }> = {
  name: 'migrations',
  invariants: ['MG-INV-1', 'MG-INV-2'],
  check: (target, scope) => checkMigrations(target.model, target.reference, scope),
};
