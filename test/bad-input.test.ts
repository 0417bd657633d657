import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isModelError, type ErrorCode } from '../src/errors.ts';
import { createRaidGroup } from '../src/raid/create-group.ts';
import { StorageSystem } from '../src/system/storage-system.ts';
import { StorageDevice } from '../src/device/storage-device.ts';

function codeOf(fn: () => unknown): ErrorCode | 'none' | 'crash' {
  try {
    fn();
    return 'none';
  } catch (e) {
    return isModelError(e) ? e.code : 'crash';
  }
}

function newSystem(): StorageSystem {
  const s = StorageSystem.create({
    id: 'S',
    ldevBytes: 8192,
    raidGroups: [
      { id: 'R5', level: 'raid5', devices: 4, deviceBytes: 32768, stripeUnitBytes: 2048 },
      { id: 'R6', level: 'raid6', devices: 5, deviceBytes: 32768, stripeUnitBytes: 1536 },
    ],
  });
  s.defineVolume({ id: 'V', emulation: 'OPEN-V', bytes: 65536, trackBytes: 4096, raidGroup: 'R5' });
  return s;
}

/** Everything a refusal must leave unchanged: bytes and I/O counters. */
function snapshot(s: StorageSystem): string {
  const v = s.volume('V');
  const devices = [...s.groups.values()].flatMap((g) => g.devices);
  const counters = devices.map((d) => ({ ...d.counters }));
  const bytes = Buffer.from(v.read(0, v.bytes)).toString('base64');
  devices.forEach((d, i) => Object.assign(d.counters, counters[i])); // the snapshot's own read does not count
  return JSON.stringify({ bytes, counters, free: s.pool.freeCount(), volumes: [...s.volumes.keys()] });
}

const badNumber = fc.oneof(
  fc.constantFrom(-1, 0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 31)),
  fc.double({ noInteger: true }),
  fc.integer({ max: -1 }),
);

describe('bad input: a stable code, and nothing changes (DEV-2, VOL-A-3, RAID-G-2, SYS-1)', () => {
  it('group geometry refusals', () => {
    expect(codeOf(() => createRaidGroup({ id: 'G', level: 'raid5', devices: 2, deviceBytes: 4096 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createRaidGroup({ id: 'G', level: 'raid6', devices: 3, deviceBytes: 4096 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createRaidGroup({ id: 'G', level: 'raid0', devices: 3, deviceBytes: 4096 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createRaidGroup({ id: 'G', level: 'raid1', devices: 0, deviceBytes: 4096 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createRaidGroup({ id: 'G', level: 'raid1', devices: 2, deviceBytes: 0 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createRaidGroup({ id: 'G', level: 'raid5', devices: 3, deviceBytes: 4096, stripeUnitBytes: 8192 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createRaidGroup({ id: 'G', level: 'raid5', devices: 3, deviceBytes: 4096, stripeUnitBytes: 1.5 }))).toBe('INVALID_ARGUMENT');
  });

  it('system and volume refusals', () => {
    const group = { id: 'G', level: 'raid1', devices: 2, deviceBytes: 65536 };
    expect(codeOf(() => StorageSystem.create({ id: 'S', ldevBytes: 1000, raidGroups: [group] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => StorageSystem.create({ id: 'S', ldevBytes: 8192, raidGroups: [] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => StorageSystem.create({ id: 'S', ldevBytes: 8192, raidGroups: [group, group] }))).toBe('ALREADY_EXISTS');
    const s = newSystem();
    const before = snapshot(s);
    expect(codeOf(() => s.defineVolume({ id: 'V', emulation: 'OPEN-V', bytes: 8192 }))).toBe('ALREADY_EXISTS');
    expect(codeOf(() => s.defineVolume({ id: 'W', emulation: 'OPEN-V', bytes: 4096 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => s.defineVolume({ id: 'W', emulation: 'OPEN-V', bytes: 8193 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => s.defineVolume({ id: 'W', emulation: '3390-99' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => s.defineVolume({ id: 'W', emulation: '3390-1', bytes: 5 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => s.defineVolume({ id: 'W', emulation: 'OPEN-V', bytes: 16384, raidGroup: 'NOPE' }))).toBe('NOT_FOUND');
    expect(codeOf(() => s.defineVolume({ id: 'W', emulation: 'OPEN-V', bytes: 16384, areas: [{ tracks: [3, 1], raidGroup: 'R6' }] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => s.defineVolume({ id: 'W', emulation: 'OPEN-V', bytes: 16384, areas: [{ tracks: [0, 99], raidGroup: 'R6' }] }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => s.defineVolume({ id: 'W', emulation: 'OPEN-V', bytes: 1 << 20 }))).toBe('NO_CAPACITY');
    expect(snapshot(s)).toBe(before);
  });

  it('a device refuses bad ranges and every access once failed (DEV-3)', () => {
    const d = new StorageDevice(8192);
    expect(codeOf(() => d.read(-1, 1))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => d.read(8000, 193))).toBe('OUT_OF_RANGE');
    d.write(10, new Uint8Array([1, 2, 3]));
    expect([...d.read(9, 5)]).toEqual([0, 1, 2, 3, 0]);
    d.fail();
    expect(codeOf(() => d.read(0, 1))).toBe('DEVICE_FAILED');
    expect(codeOf(() => d.write(0, new Uint8Array(1)))).toBe('DEVICE_FAILED');
    d.replaceMedia();
    expect([...d.read(9, 5)]).toEqual([0, 0, 0, 0, 0]);
  });

  it('property: any malformed offset, length or device index is refused with a stable code and changes nothing', () => {
    const s = newSystem();
    s.volume('V').write(100, new Uint8Array(3000).fill(7));
    const before = snapshot(s);
    const v = s.volume('V');
    const g = s.group('R5');
    const request = fc.oneof(
      fc.record({ kind: fc.constant('read' as const), offset: badNumber, length: fc.integer({ min: 0, max: 10 }) }),
      fc.record({ kind: fc.constant('read' as const), offset: fc.integer({ min: 0, max: 10 }), length: badNumber }),
      fc.record({ kind: fc.constant('write' as const), offset: badNumber, length: fc.integer({ min: 1, max: 10 }) }),
      fc.record({ kind: fc.constant('read' as const), offset: fc.integer({ min: 65536 - 10, max: 70000 }), length: fc.integer({ min: 11, max: 100 }) }),
      fc.record({ kind: fc.constant('write' as const), offset: fc.integer({ min: 65536 - 10, max: 70000 }), length: fc.integer({ min: 11, max: 100 }) }),
      fc.record({ kind: fc.constant('fail' as const), offset: fc.oneof(badNumber, fc.integer({ min: 4, max: 100 })), length: fc.constant(0) }),
    );
    fc.assert(
      fc.property(request, (r) => {
        const code =
          r.kind === 'read' ? codeOf(() => v.read(r.offset, r.length))
          : r.kind === 'write' ? codeOf(() => v.write(r.offset, new Uint8Array(r.length)))
          : codeOf(() => g.failDevice(r.offset));
        if (!['INVALID_ARGUMENT', 'OUT_OF_RANGE', 'NOT_FOUND'].includes(code)) return false;
        return snapshot(s) === before;
      }),
      { numRuns: 300 },
    );
  });
});
