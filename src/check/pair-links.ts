import type { DifferenceBitmap } from '../bitmap/difference-bitmap.ts';
import type { Model } from '../model/model.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';

/**
 * Two volumes whose tracks of one number read through each other (CHK-5): a local pair's
 * original and copy, a remote pair's source and target, a migration's old and new volume, a
 * takeover copy's A and B. A change to track t of one is a change to the other's view of t;
 * the link's bitmaps and positions route those views, its state the rest (CHK-4).
 */
export interface PairLink {
  /** `kind:id`, stable while the pair lives. */
  readonly id: string;
  readonly volumes: readonly LogicalVolume[];
  readonly bitmaps: readonly DifferenceBitmap[];
  /** Copy pointers and process positions (tracks; -1: none). */
  readonly positions: readonly number[];
  /** The pair's state, processes and extent information, as one string. */
  readonly state: string;
}

/** Every link of the model now, in a stable order. */
export function pairLinks(model: Model): PairLink[] {
  const links: PairLink[] = [];
  for (const p of model.localCopy.pairs.values()) {
    const state = `${p.machineState}:${p.processes.map((x) => x.kind).join(',')}:${JSON.stringify(p.updateExtents)}:${JSON.stringify(p.dividedExtents)}`;
    links.push({ id: `local:${p.id}`, volumes: [p.original, p.copy], bitmaps: [p.bits.gen, p.bits.div, p.bits.upd], positions: p.processes.map((x) => x.position), state });
  }
  for (const p of model.remote.pairs.values()) {
    const state = `${p.state}:${p.suspendReason}:${p.extended}:${p.takenOverWith}:${p.takeoverCopy !== null}`;
    links.push({ id: `remote:${p.id}`, volumes: [p.source.volume, p.target], bitmaps: [p.bits], positions: [p.pointer], state });
    const c = p.takeoverCopy;
    if (c) links.push({ id: `takeover:${p.id}`, volumes: [c.b, ...c.sources.map((s) => s.a)], bitmaps: [c.pending], positions: [c.pointer], state: `${c.done}` });
  }
  for (const p of model.migration.pairs.values()) {
    links.push({ id: `migration:${p.id}`, volumes: [p.source.volume, p.target.volume], bitmaps: [p.pending], positions: [p.pointer], state: p.state });
  }
  return links;
}
