import type { Handler } from '../context.ts';
import type { DeviceFailStep, DeviceReplaceStep } from '../schema.ts';

/** `deviceFail`: a storage device of a RAID group fails (RAID-F-1, RAID-F-3). */
export const onDeviceFail: Handler<DeviceFailStep> = (ctx, step) => {
  const group = ctx.model.system(step.system).group(step.raidGroup);
  group.failDevice(step.device);
  return { fields: { health: [...group.health.health], lost: group.health.lost } };
};

/** `deviceReplace`: new media for a failed device; its rebuild is a background process. */
export const onDeviceReplace: Handler<DeviceReplaceStep> = (ctx, step) => {
  const recreated = ctx.model.replaceDevice(step.system, step.raidGroup, step.device); // RAID-F-6
  const group = ctx.model.system(step.system).group(step.raidGroup);
  return { fields: { process: `rebuild:${step.system}:${step.raidGroup}`, health: [...group.health.health], ...(recreated ? { recreated: true } : {}) } };
};
