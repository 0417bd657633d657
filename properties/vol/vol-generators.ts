/**
 * The generators of VOL-INV-2.addressTranslation (properties/vol/vol-address-translation.ts):
 * system shapes (groups, volumes, areas), requests across LDEV and track boundaries, device
 * failures, and scenarios (a shape, then commands drawn for it).
 */
import fc from 'fast-check';
import type { RaidLevel } from '../../src/raid/levels.ts';
import { dataCountOf, DEFAULT_UNITS, type Geometry, LEVELS, MIN_DEVICES, refLayout } from '../raid/raid-model.ts';
import { FailDevices, Locate, VolRead, VolWrite } from './vol-commands.ts';
import type { VolCommand } from './vol-reference.ts';
import { type AreaSpec, disjointAreas, LDEV_SIZES, type SystemShape, tracksOf, type VolumeSpec } from './vol-scenario.ts';

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

export type VolScenario = [SystemShape, Iterable<VolCommand>];

export function volScenarioArb(): fc.Arbitrary<VolScenario> {
  return systemShapeArb().chain((shape) =>
    fc.commands([volCommandArb(shape)], { size: '+1', maxCommands: 80 }).map((cmds): VolScenario => [shape, cmds]),
  );
}
