import type { RaidGroup } from '../raid/raid-group.ts';
import type { BackgroundProcess } from './process.ts';

/** The rebuild of a RAID group's replaced devices, named `rebuild:SYSTEM:RAIDGROUP` (RAID-R-1). */
export class RebuildProcess implements BackgroundProcess {
  constructor(
    readonly name: string,
    private readonly group: RaidGroup,
  ) {}

  step(units: number): number {
    return this.group.rebuildStep(units);
  }

  get done(): boolean {
    return this.group.health.nextRebuilding() < 0;
  }

  progress(): Record<string, unknown> {
    return { devices: this.group.rebuildProgress(), health: [...this.group.health.health] };
  }
}
