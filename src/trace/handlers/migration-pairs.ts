import type { MigrationPair } from '../../migration/migration-pair.ts';
import { areaTracks, tracksBelow } from '../../remote-copy/area.ts';
import type { Handler, RunContext } from '../context.ts';
import type { MigrationPairCreateStep } from '../schema.ts';

/** `pairCreate` kind `migration` (MG-G-1, MG-G-2). */
export const onMigrationPairCreate: Handler<MigrationPairCreateStep> = (ctx, step) => {
  ctx.model.requireNewPairId(step.id);
  const pair = ctx.model.migration.create(step, (v) => ctx.model.remote.roleOf(v) ?? ctx.model.localRole(v));
  adoptArea(ctx, pair);
  return { fields: migrationStatus(pair) };
};

/** MG-INV-1: from now on the host sees the source's bytes on the area of the target. */
function adoptArea(ctx: RunContext, pair: MigrationPair): void {
  if (!ctx.reference.isTracked(pair.source.key)) return ctx.reference.forget(pair.target.key);
  ctx.reference.copyArea(pair.source.key, pair.target.key, pair.target.volume.emulation.trackBytes, pair.target.volume.bytes, pair.area); // LIM-8
}

/** MG-R-2: an abandoned migration leaves the target with what it has; the host now sees that. */
export function deleteMigration(ctx: RunContext, id: string): void {
  const pair = ctx.model.migration.pair(id);
  const pending = pair.migrating ? pair.pending : null;
  ctx.model.migration.delete(id);
  pending?.forEachSet((t) => {
    const { offset, length } = pair.target.volume.trackRange(t);
    ctx.reference.write(pair.target.key, offset, pair.target.volume.read(offset, length));
  });
}

export function migrationStatus(pair: MigrationPair): Record<string, unknown> {
  return {
    pair: pair.id,
    kind: 'migration',
    state: pair.state,
    source: pair.source.key,
    target: pair.target.key,
    extents: pair.area.map((e) => [...e]),
    copy: { pointer: pair.pointer, copied: tracksBelow(pair.area, pair.pointer), total: areaTracks(pair.area) },
    bits: { pending: pair.pending.count() },
  };
}
