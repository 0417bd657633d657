import { datasetsInside } from '../vtoc/datasets.ts';
import { type DatasetEntry, decodeVtoc, encodeVtoc } from '../vtoc/vtoc-format.ts';
import { type Area, inArea, unionArea } from './area.ts';
import { planExtension } from './extension.ts';
import type { RemotePair } from './remote-pair.ts';
import { allocateWhole } from './target-allocation.ts';
import { TakeoverCopy, type Variant } from './takeover-copy.ts';

export interface TakeoverResult {
  readonly pairs: readonly string[];
  readonly volume: string;
  readonly kept: readonly string[];
  readonly erased: readonly string[];
}

/**
 * RC-T-2..RC-T-5: operation switching of `pair` and the pairs taken over with it. Every
 * refusal (VTOC_DAMAGED, NO_CAPACITY) comes before the first change.
 */
export function takeOver(pair: RemotePair, group: readonly RemotePair[], extend: boolean, variant: Variant): TakeoverResult {
  const area = unionArea(group.map((p) => p.area));
  const entries = vtocOf(group, area);
  const kept = datasetsInside(entries, area);
  const erased = entries.filter((d) => !kept.includes(d)).map((d) => d.name);
  const system = pair.targetSystem;
  const name = pair.target.id;
  if (!extend) {
    pair.send({ type: 'TAKEOVER', copiesToB: false });
  } else if (system.design === 'ldev') {
    const plan = planExtension(system, group, pair.source.volume.bytes);
    system.pool.take(plan.fresh);
    system.pool.release(plan.unused);
    for (const p of group) {
      p.send({ type: 'TAKEOVER', copiesToB: false });
      if (p !== pair) system.volumes.delete(p.target.id);
    }
    pair.target.remap(plan.entries, pair.source.volume.bytes);
    for (const p of group) p.target = pair.target;
  } else {
    const b = allocateWhole(system, name, pair.source.volume.emulation);
    const copy = new TakeoverCopy(b, group.map((p) => ({ a: p.target, area: p.area })), area, variant);
    for (const p of group) {
      p.send({ type: 'TAKEOVER', copiesToB: p === pair });
      system.volumes.delete(p.target.id);
      p.target = b;
    }
    system.volumes.set(name, b);
    pair.takeoverCopy = copy;
  }
  for (const p of group) p.extended = extend;
  if (erased.length > 0) writeVtoc(pair, kept);
  return { pairs: group.map((p) => p.id), volume: name, kept: kept.map((d) => d.name).sort(), erased: erased.sort() };
}

/** RC-T-5: the VTOC the taken-over volume will show; track 0 outside the copied area is zeros. */
function vtocOf(group: readonly RemotePair[], area: Area): DatasetEntry[] {
  if (!inArea(area, 0)) return [];
  const holder = group.find((p) => inArea(p.area, 0))!;
  const { offset, length } = holder.target.trackRange(0);
  return decodeVtoc(holder.target.read(offset, length), holder.source.volume.tracks);
}

/** RC-T-5 through the host path of RC-T-4 (so a copy still running carries it, or not: RC-E-1). */
function writeVtoc(pair: RemotePair, kept: readonly DatasetEntry[]): void {
  const bytes = encodeVtoc(kept);
  const volume = pair.takeoverCopy ? pair.takeoverCopy.volumeFor(0) : pair.target;
  volume.write(0, bytes);
}
