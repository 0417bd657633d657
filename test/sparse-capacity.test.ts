import { describe, expect, it } from 'vitest';
import { StorageSystem } from '../src/system/storage-system.ts';

const GiB = 2 ** 30;
const TiB = 2 ** 40;

describe('capacity: a 1 TiB OPEN-V volume is written sparsely (DEV-1, RAID-R-2)', () => {
  it('memory follows the bytes written, not the capacity', () => {
    // RAID5 8+1 with an 8 KiB stripe unit: a 64 KiB track is one full stripe (parity = 1/8).
    const system = StorageSystem.create({
      id: 'S',
      ldevBytes: GiB,
      raidGroups: [{ id: 'RG', level: 'raid5', devices: 9, deviceBytes: 128 * GiB + 8192, stripeUnitBytes: 8192 }],
    });
    const { volume } = system.defineVolume({ id: 'BIG', emulation: 'OPEN-V', bytes: TiB }); // 2^24 tracks: volumeTracksMax
    expect(volume.tracks).toBe(TiB / 65536);
    const track = new Uint8Array(65536);
    const tracks = [0, 1, 12345, 2 ** 23, volume.tracks - 1];
    for (const t of tracks) volume.write(t * 65536, track.fill((t % 251) + 1));
    for (const t of tracks) expect(volume.read(t * 65536 + 100, 1)[0]).toBe((t % 251) + 1);
    const group = system.group('RG');
    const stored = group.devices.reduce((sum, d) => sum + d.allocatedBytes, 0);
    expect(stored).toBe(tracks.length * 65536 * (9 / 8));
    volume.write(2 ** 30, new Uint8Array(65536)); // DEV-5: zeros on unwritten space store no data (only the parity computed in place)
    expect(group.devices.reduce((sum, d) => sum + d.allocatedBytes, 0)).toBeLessThanOrEqual(stored + 65536 / 8);
    group.failDevice(4);
    for (const t of tracks) expect(volume.read(t * 65536, 65536).every((b) => b === (t % 251) + 1)).toBe(true);
    group.replaceDevice(4);
    let units = 0;
    while (group.health.nextRebuilding() >= 0) units += group.rebuildStep(1000);
    expect(units).toBe(4); // RAID-R-2: unwritten space costs nothing (tracks 0 and 1 share a unit)
    expect(group.checkRedundancy()).toEqual([]);
  });
});
