import type { MigrationManager } from '../migration/migration-manager.ts';
import type { MigrationPair } from '../migration/migration-pair.ts';
import type { RemoteCopyManager } from '../remote-copy/remote-copy-manager.ts';
import type { RemotePair } from '../remote-copy/remote-pair.ts';
import type { BackgroundProcess } from './process.ts';

/** A remote pair's copy (RC-C-1) or its copy of A into B (RC-T-3), named by the pair's id. */
export class RemotePairProcess implements BackgroundProcess {
  constructor(
    private readonly manager: RemoteCopyManager,
    private readonly pair: RemotePair,
  ) {}

  get name(): string {
    return this.pair.id;
  }

  step(units: number): number {
    return this.manager.step(this.pair.id, units);
  }

  get done(): boolean {
    return !this.manager.running().includes(this.pair);
  }

  progress(): Record<string, unknown> {
    return { state: this.pair.state, ...this.pair.progress() };
  }
}

/** A migration's copy (MG-C-1), named by the pair's id. */
export class MigrationProcess implements BackgroundProcess {
  constructor(
    private readonly manager: MigrationManager,
    private readonly pair: MigrationPair,
  ) {}

  get name(): string {
    return this.pair.id;
  }

  step(units: number): number {
    return this.manager.step(this.pair.id, units);
  }

  get done(): boolean {
    return !this.pair.migrating;
  }

  progress(): Record<string, unknown> {
    return { state: this.pair.state, ...this.pair.progress() };
  }
}
