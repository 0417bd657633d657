/**
 * Child process for memory.sparse1TiB: one measurement per process, so the RSS it reports
 * is not disturbed by what other figures allocated and freed.
 *
 *   node --expose-gc --import tsx bench/sparse-child.ts <probe|track64k|block4k>
 *
 * Prints one JSON object on stdout.
 */
import { ParityGroup } from '../src/raid/parity-group.ts';
import { StorageSystem } from '../src/system/storage-system.ts';
import { Prng } from './prng.ts';
import { residentBytesOfMappingsSized } from './smaps.ts';
import { collectGarbage, GiB, MiB } from './timing.ts';

interface Usage {
  readonly rss: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

function usage(): Usage {
  collectGarbage();
  collectGarbage();
  const m = process.memoryUsage();
  return { rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

function growth(a: Usage, b: Usage): Usage {
  return { rss: b.rss - a.rss, heapTotal: b.heapTotal - a.heapTotal, heapUsed: b.heapUsed - a.heapUsed, external: b.external - a.external, arrayBuffers: b.arrayBuffers - a.arrayBuffers };
}

/**
 * Where does wasm memory show up? Grows a bare WebAssembly.Memory by 64 MiB and touches
 * 32 MiB of it: arrayBuffers should not move, external should follow the committed size,
 * rss the touched pages.
 */
function probe(): unknown {
  const before = usage();
  const mem = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
  mem.grow(1024);
  const grown = usage();
  new Uint8Array(mem.buffer, 0, 32 * MiB).fill(1);
  const touched = usage();
  return { grew: 64 * MiB, touched: 32 * MiB, afterGrow: growth(before, grown), afterTouch: growth(before, touched), keep: mem.buffer.byteLength };
}

/** Bytes per track/stripe row for the 8+1 group with an 8 KiB stripe unit: 64 KiB. */
const DEVICES = 9;
const UNIT_BYTES = 8 * 1024;
const TRACK_BYTES = 64 * 1024;
const VOLUME_BYTES = 1024 * GiB;
const LDEV_BYTES = 1 * GiB;
/** 128 GiB + 1 GiB per device: 8 × 129 GiB = 1032 LDEVs of 1 GiB, 1024 needed. */
const DEVICE_BYTES = 129 * GiB;
const WRITTEN_BYTES = 64 * MiB;

function sparse(writeBytes: number, written = WRITTEN_BYTES): Record<string, unknown> {
  const system = StorageSystem.create({
    id: 'sparse',
    ldevBytes: LDEV_BYTES,
    raidGroups: [{ id: 'rg', level: 'raid5', devices: DEVICES, deviceBytes: DEVICE_BYTES, stripeUnitBytes: UNIT_BYTES }],
  });
  const { volume } = system.defineVolume({ id: 'big', emulation: 'OPEN-V', bytes: VOLUME_BYTES, trackBytes: TRACK_BYTES, raidGroup: 'rg' });
  const group = system.group('rg');
  const arena = group instanceof ParityGroup ? group.arena : undefined;
  const prng = new Prng(writeBytes);
  const count = written / writeBytes;
  // Distinct writeBytes-aligned places, so every byte written is a distinct byte stored.
  const places = prng.distinct(count, VOLUME_BYTES / writeBytes);
  const data = new Uint8Array(writeBytes);
  const arenaBefore = arena?.memoryBytes ?? 0;

  const before = usage();
  const t0 = performance.now();
  for (const place of places) {
    volume.write(place * writeBytes, prng.fill(data));
  }
  const seconds = (performance.now() - t0) / 1000;
  const after = usage();

  // Spot check: the last write reads back.
  const last = places[places.length - 1]!;
  if (Buffer.compare(volume.read(last * writeBytes, writeBytes), data) !== 0) throw new Error('sparse bench: read-back mismatch');

  const arenaResident = arena ? residentBytesOfMappingsSized(arena.memoryBytes) : null;
  const deviceBytes = group.devices.reduce((s, d) => s + d.allocatedBytes, 0);
  return {
    writes: count,
    writeBytes,
    bytesWritten: written,
    seconds,
    growth: growth(before, after),
    deviceAllocatedBytes: deviceBytes,
    arenaMemoryBytesGrowth: (arena?.memoryBytes ?? 0) - arenaBefore,
    arenaMemoryBytes: arena?.memoryBytes ?? null,
    arenaResidentBytes: arenaResident,
    geometry: { level: 'raid5', devices: DEVICES, stripeUnitBytes: UNIT_BYTES, deviceBytes: DEVICE_BYTES, ldevBytes: LDEV_BYTES, volumeBytes: VOLUME_BYTES, trackBytes: TRACK_BYTES, ldevs: volume.table.length },
  };
}

/**
 * Warm-up: the same write loop on a throwaway system (1/8 of the bytes), so JIT code and
 * the young generation's growth land before the measurement, not in it. Its arena is
 * released once collected; the rss before/after the warm-up is reported to show that.
 */
function measured(writeBytes: number): unknown {
  const start = usage();
  sparse(writeBytes, WRITTEN_BYTES / 8);
  const afterWarmup = usage();
  return { ...sparse(writeBytes), warmupRetained: growth(start, afterWarmup) };
}

const mode = process.argv[2];
let result: unknown;
if (mode === 'probe') result = probe();
else if (mode === 'track64k') result = measured(TRACK_BYTES);
else if (mode === 'block4k') result = measured(4096);
else throw new Error(`unknown mode ${String(mode)} (probe, track64k, block4k)`);
process.stdout.write(`${JSON.stringify(result)}\n`);
