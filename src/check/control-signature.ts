import type { Model } from '../model/model.ts';
import type { PairLink } from './pair-links.ts';

/**
 * Everything that routes host I/O or copies apart from bytes, bitmaps and positions and is
 * not one pair's own (CHK-4): systems, RAID health, paths, volume tables, relocations. When
 * it changes between two comparisons, every view is compared in full.
 */
export function globalSignature(model: Model): string {
  const parts: string[] = [];
  for (const s of model.systems.values()) {
    parts.push(`S${s.id}:${s.failed}`);
    for (const g of s.groups.values()) parts.push(`G${g.id}:${g.health.health.join(',')}`);
    for (const v of s.volumes.values()) parts.push(`V${v.id}:${v.version}:${v.capacityBytes}:${v.redirect !== null}`);
  }
  for (const [k, up] of model.paths) parts.push(`L${k}:${up}`);
  for (const [name, r] of model.placement.relocations) parts.push(`p${name}:${r.done}:${r.moves.filter((m) => m.done).length}`);
  return parts.join('|');
}

/** CHK-4: what of one pair routes its volumes' views: when it changes, those volumes are compared in full. */
export function linkSignature(l: PairLink): string {
  return `${l.state}|${l.volumes.map((v) => `${v.id}:${v.version}`).join(',')}`;
}
