/**
 * Formation for VOL-INV-2.addressTranslation (properties/vol/vol-address-translation.ts): the
 * system and its volumes defined, every table entry, LDEV and area report checked against the
 * model's own account (VOL-F-1..4, LDEV-1..3).
 */
import assert from 'node:assert/strict';
import { StorageSystem } from '../../src/system/storage-system.ts';
import { refLayout } from '../raid/raid-model.ts';
import { bump, type Counters } from '../harness/support.ts';
import { type Vol, type VolGroup, VolModel, type VolReal } from './vol-reference.ts';
import { areaEntries, type SystemShape } from './vol-scenario.ts';

/** Defines the system and its volumes, checking formation against the model's own account. */
export function buildSystem(shape: SystemShape, reached?: Counters): { model: VolModel; real: VolReal } {
  const L = shape.ldevBytes;
  const system = StorageSystem.create({
    id: 'sys',
    ldevBytes: L,
    raidGroups: shape.groups.map((g, gi) => ({ id: `rg${gi}`, ...g })),
  });
  const groups: VolGroup[] = shape.groups.map((g, gi) => ({ id: `rg${gi}`, layout: refLayout(g), group: system.group(`rg${gi}`), failed: new Set() }));
  // LDEV-1/2: numbered consecutively across groups in definition order; slice k of a group is [k·L, (k+1)·L).
  const ldevHome: { gi: number; groupOffset: number }[] = [];
  groups.forEach((g, gi) => {
    for (let k = 0; k < Math.floor(g.layout.capacity / L); k++) ldevHome.push({ gi, groupOffset: k * L });
  });
  const used = new Set<number>();
  const vols = shape.volumes.map((spec, vi): Vol => {
    const id = `v${vi}`;
    const { volume, areas } = system.defineVolume({
      id,
      emulation: 'OPEN-V',
      bytes: spec.bytes,
      trackBytes: spec.trackBytes,
      raidGroup: spec.group === undefined ? undefined : `rg${spec.group}`,
      areas: spec.areas.map((a) => ({ tracks: [a.tracks[0], a.tracks[1]] as const, raidGroup: `rg${a.group}` })),
    });
    const entries = Math.ceil(spec.bytes / L);
    assert.equal(volume.table.length, entries, `${id}: ${entries} table entries for ${spec.bytes} bytes of ${L}-byte LDEVs`);
    const wanted: (number | undefined)[] = Array.from({ length: entries }, () => spec.group);
    spec.areas.forEach((a, ai) => {
      const [first, last] = areaEntries(spec, a, L);
      for (let e = first; e <= last; e++) wanted[e] = a.group;
      const report = areas[ai]!;
      assert.equal(report.raidGroup, `rg${a.group}`, `${id} area ${ai}: group`);
      assert.deepEqual([...report.mappedBytes], [first * L, Math.min((last + 1) * L, spec.bytes) - 1], `${id} area ${ai}: mapped bytes`);
      assert.deepEqual([...report.ldevs], volume.table.slice(first, last + 1).map((t) => t.ldev.number), `${id} area ${ai}: LDEVs`);
      bump(reached, 'areas');
    });
    const entryGroups = volume.table.map((t, e) => {
      const n = t.ldev.number;
      assert.ok(n !== null, `${id} entry ${e}: maps an LDEV`);
      assert.equal(t.first, e * L, `${id} entry ${e}: first`);
      assert.equal(t.last, Math.min((e + 1) * L, spec.bytes) - 1, `${id} entry ${e}: last`);
      assert.ok(!used.has(n), `${id} entry ${e}: LDEV ${n} already serves another entry`);
      used.add(n);
      const home = ldevHome[n];
      assert.ok(home, `${id} entry ${e}: LDEV ${t.ldev.number} does not exist`);
      const gi = home.gi;
      assert.equal(t.ldev.group, groups[gi]!.group, `${id} entry ${e}: LDEV ${t.ldev.number} belongs to rg${gi}`);
      assert.equal(t.ldev.groupOffset, home.groupOffset, `${id} entry ${e}: LDEV ${t.ldev.number} group offset`);
      assert.equal(t.ldev.bytes, L, `${id} entry ${e}: LDEV size`);
      const w = wanted[e];
      if (w !== undefined) assert.equal(gi, w, `${id} entry ${e}: placed on rg${gi}, the area/default group is rg${w}`);
      return gi;
    });
    if (new Set(entryGroups).size > 1) bump(reached, 'multiGroupVolumes');
    return { id, spec, volume, ref: new Uint8Array(spec.bytes), entryGroups };
  });
  return { model: new VolModel(L, groups, vols, reached), real: { system } };
}
