import type { Model } from '../model/model.ts';
import type { RaidGroup } from '../raid/raid-group.ts';
import type { RaidGroupSnapshot, SystemSnapshot } from './snapshot.ts';

/**
 * Every system of the model, failed ones included (SYS-5), in definition order, with its
 * RAID groups' device health. Read from the health tables only: no device byte is read, so
 * it is safe on a failed system and changes nothing.
 */
export function systemSnapshots(model: Model): SystemSnapshot[] {
  return [...model.systems.values()].map((s) => ({ id: s.id, failed: s.failed, raidGroups: [...s.groups.values()].map(raidGroupSnapshot) }));
}

/** RAID-F-1..RAID-F-4 and RAID-R-1 as the group's health table holds them. */
export function raidGroupSnapshot(group: RaidGroup): RaidGroupSnapshot {
  const failed: number[] = [];
  group.health.health.forEach((h, device) => {
    if (h === 'failed') failed.push(device);
  });
  const rebuilding = group.rebuildProgress().map(({ device, done, total }) => ({ device, done, total }));
  return { id: group.id, level: group.level, devices: group.devices.length, survives: group.health.tolerance, failed, rebuilding };
}
