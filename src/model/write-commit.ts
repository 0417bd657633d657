import { migrationWriteBytes, settleMigrationWrite } from '../migration/migration-routing.ts';
import { commitTakeoverWrite } from '../remote-copy/takeover-routing.ts';
import type { Model } from './model.ts';
import type { WritePlan } from './write-plan.ts';

/**
 * Stores a planned host write in one pass over the data plane (spec/architecture.md, step 3):
 * the source's bytes with their copy-before-writes and bits, then the remote transfers and
 * records. Returns the volumes the write was stored on before it was acknowledged.
 */
export function commitWrite(model: Model, plan: WritePlan, data: Uint8Array): string[] {
  switch (plan.road) {
    case 'migration': {
      model.localCopy.commitWrite(plan.local, migrationWriteBytes(plan.migration, data)); // MG-W-1
      settleMigrationWrite(plan.migration);
      return [plan.key];
    }
    case 'takeover':
      commitTakeoverWrite(plan.pieces, plan.offset, data); // RC-T-4
      return [plan.key];
    case 'pairs':
      model.localCopy.commitWrite(plan.local, data); // LC-W-*
      const targets = model.remote.commitWrite(plan.remote, plan.offset, data); // RC-W-3..RC-W-5
      targets.unshift(plan.key);
      return targets;
  }
}
