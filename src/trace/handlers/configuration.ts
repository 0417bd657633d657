import type { Handler } from '../context.ts';
import type { SystemStep, VolumeStep } from '../schema.ts';

/** `system`: a storage system with its RAID groups, carved into LDEVs. */
export const onSystem: Handler<SystemStep> = (ctx, step) => {
  const system = ctx.model.defineSystem(step);
  const raidGroups = [...system.groups.values()].map((g) => ({
    id: g.id,
    level: g.level,
    devices: g.devices.length,
    stripeUnitBytes: g.stripeUnitBytes,
    capacityBytes: g.capacityBytes,
    ldevs: system.pool.inGroup(g).map((l) => l.number),
  }));
  return { fields: { system: system.id, ldevBytes: system.ldevBytes, raidGroups } };
};

/** `volume`: a logical volume formatted on free LDEVs, with designated areas (third embodiment). */
export const onVolume: Handler<VolumeStep> = (ctx, step) => {
  const system = ctx.model.system(step.system);
  const { volume, areas } = system.defineVolume(step);
  return {
    fields: {
      volume: volume.id,
      bytes: volume.bytes,
      tracks: volume.tracks,
      ldevs: volume.table.map((e) => e.ldev.number),
      areas,
    },
  };
};
