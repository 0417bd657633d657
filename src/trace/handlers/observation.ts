import { type CheckScope, FULL } from '../../check/check-scope.ts';
import { checkAll, checkedInvariants } from '../../check/checkers.ts';
import type { Violation } from '../../violation.ts';
import { isUnavailable, viewRead } from '../../model/host-io.ts';
import type { LogicalVolume } from '../../volume/logical-volume.ts';
import { decodeVtoc } from '../../vtoc/vtoc-format.ts';
import { ModelError } from '../../errors.ts';
import type { Handler, RunContext } from '../context.ts';
import { partialMismatch } from '../partial-match.ts';
import type { CheckStep, VolumeInfoStep } from '../schema.ts';

/**
 * Every invariant of spec/ that does not hold now. `consume` (what `check` does) hands out the
 * RC-INV-5 violations found at a takeover once; an observer (replay, the report) peeks instead.
 * A partial `scope` (a property's per-command check, CHK-1) looks only at what changed.
 */
export function violationsNow(ctx: RunContext, consume: boolean, scope: CheckScope = FULL): Violation[] {
  return checkAll(ctx, scope, consume);
}

/** `check`: every invariant of spec/ holds now; a violation refuses with INVARIANT_VIOLATED. */
export const onCheck: Handler<CheckStep> = (ctx) => {
  const violations = violationsNow(ctx, true);
  if (violations.length > 0) {
    const first = violations[0]!;
    throw Object.assign(new ModelError('INVARIANT_VIOLATED', `${first.invariant}: ${first.message}`), { violations });
  }
  return { fields: { invariants: CHECKED } };
};

const CHECKED = checkedInvariants();

/** RC-INV-5: the datasets a volume's VTOC lists in the host's view, or null when it cannot be read. */
export function datasetsNow(ctx: RunContext, key: string): string[] | null {
  const i = key.indexOf(':');
  const system = ctx.model.systems.get(key.slice(0, i));
  const volume = system?.volumes.get(key.slice(i + 1));
  if (!system || system.failed || !volume) return null;
  try {
    const { offset, length } = volume.trackRange(0);
    return decodeVtoc(viewRead(ctx.model, system.id, volume.id, offset, length), volume.tracks).map((d) => d.name).sort();
  } catch (e) {
    if (isUnavailable(e)) return null;
    throw e;
  }
}

/** `volumeInfo`: capacity, emulation and the LDEVs holding the volume. */
export const onVolumeInfo: Handler<VolumeInfoStep> = (ctx, step) => {
  const volume = ctx.model.system(step.system).volume(step.volume);
  const e = volume.emulation;
  const whole = volume.whole;
  const fields = {
    volume: volume.id,
    emulation: e.type,
    bytes: volume.capacityBytes,
    tracks: whole ? volume.tracks : Math.ceil(volume.capacityBytes / e.trackBytes),
    trackBytes: e.trackBytes,
    ...(e.cylinders === undefined || !whole ? {} : { cylinders: e.cylinders }),
    allocatedBytes: volume.allocatedBytes,
    // RC-G-2, RC-G-3: a partial volume lives in the source's address space and maps only some of it.
    ...(whole ? {} : { partial: true, addressSpaceBytes: volume.bytes, mapped: volume.mappedRanges() }),
    ldevs: volume.table.filter((t) => t.ldev.number !== null).map((t) => ({ ldev: t.ldev.number, raidGroup: t.ldev.group.id, first: t.first, last: t.last })),
    ...(volume.table.some((t) => t.ldev.number === null) ? { raidGroupRanges: rangesOf(volume) } : {}),
    placement: placementOf(volume),
    ...relocationOf(ctx, step.system, volume.id),
  };
  return { fields, mismatch: step.expect === undefined ? null : partialMismatch(fields, step.expect) };
};

/** RC-D-1: the idle-range slices a volume of the fifth embodiment's design holds. */
function rangesOf(volume: LogicalVolume): Array<{ raidGroup: string; first: number; last: number }> {
  return volume.backings().filter((b) => b.number === null).map((b) => ({ raidGroup: b.group.id, first: b.groupOffset, last: b.groupOffset + b.bytes - 1 }));
}

/** Third embodiment: consecutive entries on one RAID group, as byte and track ranges. */
function placementOf(volume: LogicalVolume): Array<{ raidGroup: string; first: number; last: number; tracks: [number, number] }> {
  const T = volume.emulation.trackBytes;
  const runs: Array<{ raidGroup: string; first: number; last: number; tracks: [number, number] }> = [];
  for (const e of volume.table) {
    const last = Math.min(e.last, volume.bytes - 1);
    if (last < e.first) continue;
    const prev = runs[runs.length - 1];
    if (prev && prev.raidGroup === e.ldev.group.id && prev.last + 1 === e.first) {
      prev.last = last;
      prev.tracks[1] = Math.floor(last / T);
    } else runs.push({ raidGroup: e.ldev.group.id, first: e.first, last, tracks: [Math.floor(e.first / T), Math.floor(last / T)] });
  }
  return runs;
}

/** PL-R-2: a relocation in progress. */
function relocationOf(ctx: RunContext, systemId: string, volumeId: string): Record<string, unknown> {
  const r = ctx.model.placement.of(systemId, volumeId);
  return r && !r.done ? { relocation: r.progress() } : {};
}
