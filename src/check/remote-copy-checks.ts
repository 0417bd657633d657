import { type CheckScope, FULL } from './check-scope.ts';
import type { Model } from '../model/model.ts';
import type { Violation } from '../violation.ts';
import type { StorageSystem } from '../system/storage-system.ts';
import { RANGE_BLOCK_BYTES } from '../volume/idle-ranges.ts';
import type { RemotePair } from '../remote-copy/remote-pair.ts';
import { areaByteRanges } from '../remote-copy/target-allocation.ts';
import type { Checker } from './checker.ts';

/** RC-INV-4, RC-INV-5 (capacity), RC-INV-6: what the model can check on its own tables (which change only with the control signature: CHK-4). */
export function checkRemoteCopy(model: Model, scope: CheckScope = FULL): Violation[] {
  const found: Violation[] = [];
  if (!scope.tables) return found;
  const active = [...model.remote.pairs.values()].filter((p) => p.state !== 'takenOver' && p.state !== 'takingOver');
  for (const p of model.remote.pairs.values()) {
    if (p.targetSystem.failed) continue;
    found.push(...(active.includes(p) ? extentOnly(p) : extended(p)));
  }
  for (const problem of model.remote.tables.check(active)) found.push({ invariant: 'RC-INV-6', message: problem });
  for (const p of active) {
    const held = p.source.system.pairTablePool.heldBy(p.id);
    if (held !== 1) found.push({ invariant: 'RC-INV-6', message: `pair ${p.id} holds ${held} tables of ${p.source.system.id}'s pool, not 1` });
  }
  for (const m of model.migration.pairs.values()) {
    const held = m.target.system.pairTablePool.heldBy(m.id);
    if (held !== (m.migrating ? 1 : 0)) found.push({ invariant: 'RC-INV-6', message: `migration ${m.id} (${m.state}) holds ${held} tables of ${m.target.system.id}'s pool` });
  }
  for (const s of model.liveSystems()) if (s.design === 'group') found.push(...rangesDisjoint(model, s));
  return found;
}

/** RC-INV-4: an `extent` target holds no more than its area needs. */
function extentOnly(p: RemotePair): Violation[] {
  if (p.allocate === 'full') return [];
  const ranges = areaByteRanges(p.area, p.source.volume.emulation);
  if (p.targetSystem.design === 'ldev') {
    const L = p.targetSystem.ldevBytes;
    const bound = ranges.reduce((n, [a, b]) => n + Math.ceil((b - a + 1) / L), 0);
    const held = p.target.backings().length;
    return held <= bound ? [] : [{ invariant: 'RC-INV-4', message: `pair ${p.id}: target holds ${held} LDEVs, its area needs at most ${bound}` }];
  }
  const need = Math.ceil(ranges.reduce((n, [a, b]) => n + b - a + 1, 0) / RANGE_BLOCK_BYTES) * RANGE_BLOCK_BYTES;
  const held = p.target.allocatedBytes;
  return held === need ? [] : [{ invariant: 'RC-INV-4', message: `pair ${p.id}: target holds ${held} bytes of idle range, its area needs ${need}` }];
}

/** RC-INV-5: an extended target has the source's capacity and emulation and maps every address. */
function extended(p: RemotePair): Violation[] {
  if (!p.extended) return [];
  const t = p.target;
  const s = p.source.volume;
  const where = `pair ${p.id} (${p.state}): target ${p.targetKey}`;
  if (t.capacityBytes !== s.bytes) return [{ invariant: 'RC-INV-5', message: `${where} holds ${t.capacityBytes} bytes, the source ${s.bytes}` }];
  if (t.emulation.type !== s.emulation.type) return [{ invariant: 'RC-INV-5', message: `${where} emulates ${t.emulation.type}, the source ${s.emulation.type}` }];
  if (!t.whole) return [{ invariant: 'RC-INV-5', message: `${where} leaves addresses unmapped` }];
  return [];
}

/** RC-INV-6: no idle-range slice is held twice or while free (RC-D-1). */
function rangesDisjoint(model: Model, system: StorageSystem): Violation[] {
  const held: Array<{ group: string; a: number; b: number; who: string }> = [];
  const volumes = new Set(system.volumes.values());
  for (const p of model.remote.pairs.values()) for (const src of p.takeoverCopy?.sources ?? []) if (p.targetSystem === system) volumes.add(src.a);
  for (const v of volumes) for (const r of v.backings()) if (r.number === null) held.push({ group: r.group.id, a: r.groupOffset, b: r.groupOffset + r.bytes, who: `volume ${v.id}` });
  for (const g of system.groups.values()) for (const [a, b] of system.idle.ranges(g)) held.push({ group: g.id, a, b, who: 'the idle range' });
  held.sort((x, y) => (x.group < y.group ? -1 : x.group > y.group ? 1 : x.a - y.a));
  for (let i = 1; i < held.length; i++) {
    const [x, y] = [held[i - 1]!, held[i]!];
    if (x.group === y.group && y.a < x.b) return [{ invariant: 'RC-INV-6', message: `${system.id} group ${x.group}: ${x.who} and ${y.who} both hold bytes ${y.a}..${Math.min(x.b, y.b) - 1}` }];
  }
  return [];
}

/** The `check` op's checker of checkRemoteCopy. */
export const remoteCopyTablesChecker: Checker = {
  name: 'remote-copy tables',
  invariants: ['RC-INV-4', 'RC-INV-5', 'RC-INV-6'],
  check: (target, scope) => checkRemoteCopy(target.model, scope),
};
