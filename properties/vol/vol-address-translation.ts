/**
 * VOL-INV-2.addressTranslation: OPEN-V volumes made of several LDEVs on several RAID groups
 * (random `areas` placing track ranges on named groups) behave like flat byte arrays.
 *
 * - Formation (VOL-F-1..4, LDEV-1..3): table entry i maps [i·L, min((i+1)·L, bytes)); entries
 *   an area touches take LDEVs of the area's group, others the default group; no LDEV serves
 *   twice; LDEV numbers run consecutively across groups in definition order, each a slice
 *   [k·L, (k+1)·L) of its group; the area reports name the right bytes and LDEVs.
 * - Translation (VOL-A-1, VOL-A-2): locate(addr) is (entry floor(addr/L), addr mod L);
 *   pieces() cut a request at LDEV boundaries.
 * - Data (VOL-A-3): reads and writes agree with a flat reference per volume. Once a group has
 *   lost data, a request with any piece touching a lost unit is refused whole with DATA_LOSS
 *   and changes nothing (the other pieces read back unchanged); requests avoiding lost units
 *   still work.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RaidLevel } from '../../src/raid/levels.ts';
import type { RaidGroup } from '../../src/raid/raid-group.ts';
import { StorageSystem } from '../../src/system/storage-system.ts';
import type { LogicalVolume } from '../../src/volume/logical-volume.ts';
import {
  dataCountOf,
  DEFAULT_UNITS,
  type Geometry,
  LEVELS,
  MIN_DEVICES,
  type RefLayout,
  refLayout,
  survivingSpans,
  unitPieces,
} from '../raid/raid-model.ts';
import { assertBytes, bump, type Counters, DEFAULT_RUNS, expectCode, pattern, type PropertyDefinition, spread } from '../harness/support.ts';

export const LDEV_SIZES = [8192, 8704, 12288, 16384, 32768, 65536] as const;

export interface AreaSpec {
  readonly tracks: readonly [number, number];
  readonly group: number;
}

export interface VolumeSpec {
  readonly bytes: number;
  /** undefined: the OPEN-V default (65536). */
  readonly trackBytes: number | undefined;
  /** Default group of entries no area touches; undefined: any group. */
  readonly group: number | undefined;
  readonly areas: readonly AreaSpec[];
}

export interface SystemShape {
  readonly ldevBytes: number;
  readonly groups: readonly Geometry[];
  readonly volumes: readonly VolumeSpec[];
}

// ---------------------------------------------------------------------------
// The model's own account of formation (VOL-F) and translation (VOL-A)

function tracksOf(v: VolumeSpec): number {
  return Math.ceil(v.bytes / (v.trackBytes ?? 65536));
}

/** Inclusive table entries an area maps onto. */
function areaEntries(v: VolumeSpec, a: AreaSpec, L: number): [number, number] {
  const tb = v.trackBytes ?? 65536;
  const start = a.tracks[0] * tb;
  const end = Math.min((a.tracks[1] + 1) * tb, v.bytes);
  return [Math.floor(start / L), Math.floor((end - 1) / L)];
}

/** Areas whose entries overlap an earlier area's are dropped (the model refuses overlapping areas). */
function disjointAreas(v: Omit<VolumeSpec, 'areas'>, areas: readonly AreaSpec[], L: number): AreaSpec[] {
  const owner = new Set<number>();
  const kept: AreaSpec[] = [];
  for (const a of areas) {
    const [first, last] = areaEntries({ ...v, areas: [] }, a, L);
    let free = true;
    for (let e = first; e <= last; e++) if (owner.has(e)) free = false;
    if (!free) continue;
    for (let e = first; e <= last; e++) owner.add(e);
    kept.push(a);
  }
  return kept;
}

export function systemShapeArb(): fc.Arbitrary<SystemShape> {
  const groupShape = fc
    .constantFrom(...LEVELS)
    .chain((level: RaidLevel) => fc.record({ level: fc.constant(level), devices: fc.integer({ min: MIN_DEVICES[level], max: MIN_DEVICES[level] + 2 }), unit: fc.constantFrom(...DEFAULT_UNITS[level]) }));
  return fc
    .record({ ldevBytes: fc.constantFrom(...LDEV_SIZES), groups: fc.array(groupShape, { minLength: 2, maxLength: 3 }), volumeCount: fc.integer({ min: 1, max: 3 }) })
    .chain(({ ldevBytes: L, groups, volumeCount }) => {
      const volume = fc
        .record({
          // ≥ L bytes (the model requires it), whole 512-byte blocks, 1..4 LDEVs.
          blocks: fc.integer({ min: L / 512, max: (4 * L) / 512 }),
          trackBytes: fc.constantFrom<number | undefined>(undefined, 512, 4096, Math.max(512, Math.floor(L / 2 / 512) * 512), L, 3 * 512),
          group: fc.option(fc.nat({ max: groups.length - 1 }), { freq: 2, nil: undefined }),
          rawAreas: fc.array(fc.record({ first: fc.nat(), span: fc.nat({ max: 40 }), group: fc.nat({ max: groups.length - 1 }) }), { maxLength: 3 }),
        })
        .map(({ blocks, trackBytes, group, rawAreas }): VolumeSpec => {
          const base = { bytes: blocks * 512, trackBytes, group };
          const tracks = tracksOf({ ...base, areas: [] });
          const areas = rawAreas.map((a): AreaSpec => {
            const first = a.first % tracks;
            return { tracks: [first, Math.min(tracks - 1, first + a.span)], group: a.group };
          });
          return { ...base, areas: disjointAreas(base, areas, L) };
        });
      return fc.array(volume, { minLength: volumeCount, maxLength: volumeCount }).map((volumes): SystemShape => {
        // Every group can hold every LDEV of every volume, so any plan fits.
        const needed = volumes.reduce((n, v) => n + Math.ceil(v.bytes / L), 0);
        const geometries = groups.map((s): Geometry => {
          const k = dataCountOf(s.level, s.devices);
          const rowBytes = k * s.unit;
          const rows = Math.ceil((needed * L) / rowBytes);
          return { level: s.level, devices: s.devices, deviceBytes: rows * s.unit, stripeUnitBytes: s.unit };
        });
        return { ldevBytes: L, groups: geometries, volumes };
      });
    });
}

interface VolGroup {
  readonly id: string;
  readonly layout: RefLayout;
  readonly group: RaidGroup;
  readonly failed: Set<number>;
}

interface Vol {
  readonly id: string;
  readonly spec: VolumeSpec;
  readonly volume: LogicalVolume;
  readonly ref: Uint8Array;
  /** Group index of each table entry. */
  readonly entryGroups: number[];
}

export class VolModel {
  constructor(
    readonly L: number,
    readonly groups: readonly VolGroup[],
    readonly vols: readonly Vol[],
    readonly reached: Counters | undefined,
  ) {}

  lost(gi: number): boolean {
    const g = this.groups[gi]!;
    return g.failed.size > g.layout.tolerance;
  }

  /** The request cut at LDEV boundaries, with group and group offset of each piece (model's own account). */
  pieces(v: Vol, offset: number, length: number): { gi: number; at: number; groupOffset: number; length: number }[] {
    const list = [];
    for (let at = offset; at < offset + length; ) {
      const e = Math.floor(at / this.L);
      const len = Math.min((e + 1) * this.L, offset + length) - at;
      const ldev = v.volume.table[e]!.ldev;
      list.push({ gi: v.entryGroups[e]!, at, groupOffset: ldev.groupOffset + (at - e * this.L), length: len });
      at += len;
    }
    return list;
  }

  /** Whether a piece touches a lost unit (RAID-D-5): raid1 all of it, striped its units on failed devices. */
  pieceLost(p: { gi: number; groupOffset: number; length: number }): boolean {
    if (!this.lost(p.gi)) return false;
    const g = this.groups[p.gi]!;
    if (g.layout.level === 'raid1') return true;
    for (const u of unitPieces(g.layout, p.groupOffset, p.length)) if (g.failed.has(g.layout.dataDevice(u.row, u.unit))) return true;
    return false;
  }

  /** Reads every surviving byte of the range, piece by piece, and compares it with the reference. */
  verifySurvivors(v: Vol, offset: number, length: number, what: string): void {
    for (const p of this.pieces(v, offset, length)) {
      const g = this.groups[p.gi]!;
      const spans = this.lost(p.gi) ? survivingSpans(g.layout, p.groupOffset, p.length, g.failed) : [[p.groupOffset, p.length] as [number, number]];
      for (const [go, len] of spread(spans, 16)) {
        const at = p.at + (go - p.groupOffset);
        assertBytes(v.volume.read(at, len), v.ref.subarray(at, at + len), at, `${what}: ${v.id} bytes ${at}+${len} (${g.id})`);
      }
    }
  }
}

export interface VolReal {
  readonly system: StorageSystem;
}

type VolCommand = fc.Command<VolModel, VolReal>;

function bytes(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}

class VolWrite implements VolCommand {
  constructor(
    readonly vi: number,
    readonly offset: number,
    readonly length: number,
    readonly seed: number,
  ) {}

  check(m: Readonly<VolModel>): boolean {
    return this.vi < m.vols.length;
  }

  toString(): string {
    return `write(v${this.vi}, ${this.offset}, ${bytes(this.length)})`;
  }

  run(m: VolModel, _r: VolReal): void {
    const v = m.vols[this.vi]!;
    const what = this.toString();
    const data = pattern(this.length, this.seed);
    bump(m.reached, 'commands');
    if (this.offset + this.length > v.spec.bytes) {
      expectCode('OUT_OF_RANGE', () => v.volume.write(this.offset, data), what);
      bump(m.reached, 'outOfRangeRefusals');
      return;
    }
    const pieces = m.pieces(v, this.offset, this.length);
    const crossing = pieces.length > 1;
    if (pieces.some((p) => m.pieceLost(p))) {
      expectCode('DATA_LOSS', () => v.volume.write(this.offset, data), what);
      m.verifySurvivors(v, this.offset, this.length, `${what} refused, must change nothing`);
      bump(m.reached, 'writesRefused');
      if (crossing) bump(m.reached, 'crossingWritesRefused');
      if (crossing && pieces.some((p) => !m.pieceLost(p))) bump(m.reached, 'crossingRefusedWithGoodPiece');
      if (crossing && new Set(pieces.map((p) => p.gi)).size > 1) bump(m.reached, 'crossingRefusedAcrossGroups');
      return;
    }
    v.volume.write(this.offset, data);
    v.ref.set(data, this.offset);
    bump(m.reached, crossing ? 'crossingWrites' : 'writes');
    if (crossing && new Set(pieces.map((p) => p.gi)).size > 1) bump(m.reached, 'writesAcrossGroups');
    if (pieces.some((p) => m.lost(p.gi))) bump(m.reached, 'writesOnLostGroupSurvivors');
  }
}

class VolRead implements VolCommand {
  /** `into` > 0: readInto a buffer with `into` sentinel bytes on either side of the target. */
  constructor(
    readonly vi: number,
    readonly offset: number,
    readonly length: number,
    readonly into = 0,
  ) {}

  check(m: Readonly<VolModel>): boolean {
    return this.vi < m.vols.length;
  }

  toString(): string {
    const args = `v${this.vi}, ${this.offset}, ${bytes(this.length)}`;
    return this.into > 0 ? `readInto(${args}, at ${this.into})` : `read(${args})`;
  }

  private perform(v: Vol): Uint8Array {
    if (this.into === 0) return v.volume.read(this.offset, this.length);
    const buffer = new Uint8Array(this.length + 2 * this.into).fill(0xa5);
    v.volume.readInto(this.offset, this.length, buffer, this.into);
    for (let i = 0; i < buffer.length; i++) {
      if ((i < this.into || i >= this.into + this.length) && buffer[i] !== 0xa5) {
        assert.fail(`${this.toString()}: wrote byte ${i} of the buffer, outside [${this.into}, ${this.into + this.length})`);
      }
    }
    return buffer.subarray(this.into, this.into + this.length);
  }

  run(m: VolModel, _r: VolReal): void {
    const v = m.vols[this.vi]!;
    const what = this.toString();
    bump(m.reached, 'commands');
    if (this.offset + this.length > v.spec.bytes) {
      expectCode('OUT_OF_RANGE', () => this.perform(v), what);
      bump(m.reached, 'outOfRangeRefusals');
      return;
    }
    const pieces = m.pieces(v, this.offset, this.length);
    if (pieces.some((p) => m.pieceLost(p))) {
      expectCode('DATA_LOSS', () => this.perform(v), what);
      bump(m.reached, 'readsRefused');
      return;
    }
    assertBytes(this.perform(v), v.ref.subarray(this.offset, this.offset + this.length), this.offset, what);
    bump(m.reached, pieces.length > 1 ? 'crossingReads' : 'reads');
    if (this.into > 0) bump(m.reached, 'readIntos');
  }
}

class Locate implements VolCommand {
  constructor(
    readonly vi: number,
    readonly address: number,
    readonly length: number,
  ) {}

  check(m: Readonly<VolModel>): boolean {
    return this.vi < m.vols.length;
  }

  toString(): string {
    return `locate(v${this.vi}, ${this.address})`;
  }

  run(m: VolModel, _r: VolReal): void {
    const v = m.vols[this.vi]!;
    const what = this.toString();
    bump(m.reached, 'commands');
    bump(m.reached, 'locates');
    const { entry, ldevOffset } = v.volume.locate(this.address);
    const e = Math.floor(this.address / m.L);
    assert.equal(entry, v.volume.table[e], `${what}: entry ${e} = floor(address / ldevBytes)`);
    assert.equal(ldevOffset, this.address % m.L, `${what}: LDEV offset = address mod ldevBytes`);
    assert.ok(entry.first <= this.address && this.address <= entry.last, `${what}: address inside the entry's range [${entry.first}, ${entry.last}]`);
    const length = Math.min(this.length, v.spec.bytes - this.address);
    const pieces = v.volume.pieces(this.address, length);
    const mine = m.pieces(v, this.address, length);
    assert.equal(pieces.length, mine.length, `${what}: pieces(${this.address}, ${length}) count`);
    pieces.forEach((p, i) => {
      const q = mine[i]!;
      assert.equal(p.hostOffset, q.at - this.address, `${what}: piece ${i} host offset`);
      assert.equal(p.length, q.length, `${what}: piece ${i} length`);
      assert.equal(p.ldev.groupOffset + p.ldevOffset, q.groupOffset, `${what}: piece ${i} group offset`);
      assert.ok(p.ldevOffset + p.length <= m.L, `${what}: piece ${i} stays inside its LDEV`);
    });
  }
}

/** Fails the listed devices of a group that are not failed yet (a list past tolerance loses data). */
class FailDevices implements VolCommand {
  constructor(
    readonly gi: number,
    readonly devices: readonly number[],
  ) {}

  check(m: Readonly<VolModel>): boolean {
    const g = m.groups[this.gi];
    return g !== undefined && this.devices.some((d) => d < g.layout.devices && !g.failed.has(d));
  }

  toString(): string {
    return `failDevices(rg${this.gi}, [${this.devices.join(', ')}])`;
  }

  run(m: VolModel, _r: VolReal): void {
    const g = m.groups[this.gi]!;
    bump(m.reached, 'commands');
    const wasLost = m.lost(this.gi);
    for (const d of this.devices) {
      if (d >= g.layout.devices || g.failed.has(d)) continue;
      g.group.failDevice(d);
      g.failed.add(d);
    }
    assert.equal(g.group.health.lost, m.lost(this.gi), `${this.toString()}: health.lost`);
    if (!wasLost && m.lost(this.gi)) bump(m.reached, 'lostGroups');
  }
}

function volCommandArb(shape: SystemShape): fc.Arbitrary<VolCommand> {
  const L = shape.ldevBytes;
  const seed = fc.integer({ min: 1, max: 0x7fffffff });
  const perVolume = shape.volumes.map((v, vi) => {
    const B = v.bytes;
    const entries = Math.ceil(B / L);
    const tb = v.trackBytes ?? 65536;
    const clamp = ([o, len]: [number, number]): [number, number] => {
      const offset = Math.min(Math.max(0, o), B - 1);
      return [offset, Math.max(1, Math.min(len, B - offset))];
    };
    // Requests across an LDEV (or track) boundary: x bytes before it, y after.
    const crossing = fc
      .tuple(fc.integer({ min: 1, max: Math.max(1, entries - 1) }), fc.constantFrom(L, tb), fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 4096 }))
      .map(([i, base, x, y]) => clamp([(i * base) % B - x, x + y]));
    const anywhere = fc.tuple(fc.nat({ max: B - 1 }), fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 2 * L }))).map(clamp);
    const boundary = fc
      .tuple(fc.nat({ max: entries }), fc.constantFrom(-1, 0, 1), fc.constantFrom(1, 2, 512))
      .map(([i, d, len]) => clamp([i * L + d, len]));
    const range = fc.oneof({ weight: 4, arbitrary: crossing }, { weight: 3, arbitrary: anywhere }, { weight: 2, arbitrary: boundary }, { weight: 1, arbitrary: fc.constant(clamp([0, B])) });
    const outOfRange = fc.tuple(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 1, max: 64 })).map(([x, y]) => [B - x, x + y] as const);
    return fc.oneof(
      { weight: 6, arbitrary: fc.tuple(range, seed).map(([[o, len], s]): VolCommand => new VolWrite(vi, o, len, s)) },
      { weight: 4, arbitrary: fc.tuple(range, fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 9 }) })).map(([[o, len], into]): VolCommand => new VolRead(vi, o, len, into)) },
      { weight: 2, arbitrary: fc.tuple(range, fc.integer({ min: 1, max: 3 * L })).map(([[o], len]): VolCommand => new Locate(vi, o, len)) },
      { weight: 1, arbitrary: fc.tuple(outOfRange, fc.boolean(), seed).map(([[o, len], w, s]): VolCommand => (w ? new VolWrite(vi, o, len, s) : new VolRead(vi, o, len))) },
    );
  });
  const failures = shape.groups.map((g, gi) => {
    const devices = Array.from({ length: g.devices }, (_, d) => d);
    const tol = refLayout(g).tolerance;
    return fc.oneof(
      // One device (within tolerance at first), or enough to lose data at once.
      { weight: 2, arbitrary: fc.nat({ max: g.devices - 1 }).map((d): VolCommand => new FailDevices(gi, [d])) },
      { weight: 1, arbitrary: fc.shuffledSubarray(devices, { minLength: tol + 1, maxLength: tol + 1 }).map((ds): VolCommand => new FailDevices(gi, ds)) },
    );
  });
  return fc.oneof({ weight: 24, arbitrary: fc.oneof(...perVolume) }, { weight: 1, arbitrary: fc.oneof(...failures) });
}

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

export type VolScenario = [SystemShape, Iterable<VolCommand>];

export function volScenarioArb(): fc.Arbitrary<VolScenario> {
  return systemShapeArb().chain((shape) =>
    fc.commands([volCommandArb(shape)], { size: '+1', maxCommands: 80 }).map((cmds): VolScenario => [shape, cmds]),
  );
}

export function volumeProperty(reached?: Counters): fc.IPropertyWithHooks<[VolScenario]> {
  return fc.property(volScenarioArb(), ([shape, cmds]) => {
    const { model, real } = buildSystem(shape, reached);
    bump(reached, 'runs');
    fc.modelRun(() => ({ model, real }), cmds);
    for (const v of model.vols) model.verifySurvivors(v, 0, v.spec.bytes, 'end of run');
  });
}

export const volAddressTranslation: readonly PropertyDefinition[] = [
  {
    id: 'VOL-INV-2.addressTranslation',
    title: 'OPEN-V volumes on several LDEVs and groups: formation, locate/pieces, byte-exact I/O, whole-request DATA_LOSS refusal across LDEV boundaries',
    numRuns: DEFAULT_RUNS,
    // CHK-6: requests across LDEV and group boundaries, a refusal of a whole request by a lost group.
    witnesses: ['crossingWrites', 'writesAcrossGroups', 'crossingReads', 'lostGroups'],
    property: () => volumeProperty(),
    instrumented: (reached: Counters) => volumeProperty(reached),
  },
];
