import type { Model } from '../model/model.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import type { PairLink } from './pair-links.ts';

/**
 * Everything that routes host I/O or copies apart from bytes, bitmaps and positions and is
 * neither one volume's nor one pair's own (CHK-4): systems, RAID health, relocations, and
 * the paths while a migration reads through them. When it changes, every view is compared
 * in full.
 */
export function globalSignature(model: Model): string {
  const parts: string[] = [];
  for (const s of model.systems.values()) {
    parts.push(`S${s.id}:${s.failed}`);
    for (const g of s.groups.values()) parts.push(`G${g.id}:${g.health.health.join(',')}`);
  }
  if (model.migration.pairs.size > 0) for (const [k, up] of model.paths) parts.push(`L${k}:${up}`);
  for (const [name, r] of model.placement.relocations) parts.push(`p${name}:${r.done}:${r.moves.filter((m) => m.done).length}`);
  return parts.join('|');
}

/** CHK-4: what routes one volume's view: its table (version), capacity and relocation. */
export function volumeSignature(v: LogicalVolume): string {
  return `${v.version}:${v.capacityBytes}:${v.redirect !== null}`;
}

/** CHK-4: what of one pair routes its volumes' views: when it changes, those volumes are compared in full. */
export function linkSignature(l: PairLink): string {
  return `${l.state}|${l.volumes.map((v) => `${v.id}:${v.version}`).join(',')}`;
}
