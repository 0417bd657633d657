import { checkModel } from '../../model/invariants.ts';
import { ModelError } from '../../errors.ts';
import type { Handler } from '../context.ts';
import { partialMismatch } from '../partial-match.ts';
import type { CheckStep, VolumeInfoStep } from '../schema.ts';

/** `check`: every invariant of spec/ holds now; a violation refuses with INVARIANT_VIOLATED. */
export const onCheck: Handler<CheckStep> = (ctx) => {
  const violations = [...checkModel(ctx.model), ...ctx.reference.compare(ctx.model), ...ctx.localCopyReference.compare(ctx.model)];
  if (violations.length > 0) {
    const first = violations[0]!;
    throw Object.assign(new ModelError('INVARIANT_VIOLATED', `${first.invariant}: ${first.message}`), { violations });
  }
  return { fields: { invariants: ['RAID-INV-1', 'VOL-INV-1', 'VOL-INV-2', 'LDEV-INV-1', 'LC-INV-1', 'LC-INV-4', 'LC-INV-5', 'LC-INV-6'] } };
};

/** `volumeInfo`: capacity, emulation and the LDEVs holding the volume. */
export const onVolumeInfo: Handler<VolumeInfoStep> = (ctx, step) => {
  const volume = ctx.model.system(step.system).volume(step.volume);
  const e = volume.emulation;
  const fields = {
    volume: volume.id,
    emulation: e.type,
    bytes: volume.bytes,
    tracks: volume.tracks,
    trackBytes: e.trackBytes,
    ...(e.cylinders === undefined ? {} : { cylinders: e.cylinders }),
    allocatedBytes: volume.allocatedBytes,
    ldevs: volume.table.map((t) => ({ ldev: t.ldev.number, raidGroup: t.ldev.group.id, first: t.first, last: t.last })),
  };
  return { fields, mismatch: step.expect === undefined ? null : partialMismatch(fields, step.expect) };
};
