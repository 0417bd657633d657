import { fail } from '../errors.ts';
import { type SystemSpec, StorageSystem } from '../system/storage-system.ts';
import { requirePositive } from '../validate.ts';
import type { BackgroundProcess } from './process.ts';
import { RebuildProcess } from './rebuild-process.ts';
import { PairProcess } from './pair-process.ts';
import { LocalCopyManager } from '../local-copy/local-copy-manager.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';

export type Variant = 'literal' | 'corrected';

/** Upper bound on the units one `settle` runs, so a process that never ends is reported. */
export const SETTLE_UNITS_MAX = 1e9;

/**
 * The whole model: storage systems and their background processes. Control requests
 * change it; host I/O goes straight to the volumes (data plane).
 */
export class Model {
  readonly systems = new Map<string, StorageSystem>();
  readonly localCopy: LocalCopyManager;

  constructor(readonly variant: Variant = 'corrected') {
    this.localCopy = new LocalCopyManager((key) => this.volumeByKey(key), variant);
  }

  /** `"SYSTEM:VOLUME"` as pairs name their volumes. */
  volumeByKey(key: string): { system: StorageSystem; volume: LogicalVolume } {
    const i = key.indexOf(':');
    if (i <= 0) fail('INVALID_ARGUMENT', `volume "${key}" must be named "SYSTEM:VOLUME"`);
    const system = this.system(key.slice(0, i));
    return { system, volume: system.volume(key.slice(i + 1)) };
  }

  defineSystem(spec: SystemSpec): StorageSystem {
    if (this.systems.has(spec.id)) fail('ALREADY_EXISTS', `system ${spec.id} already exists`);
    const system = StorageSystem.create(spec);
    this.systems.set(spec.id, system);
    return system;
  }

  system(id: string): StorageSystem {
    const s = this.systems.get(id);
    if (!s) fail('NOT_FOUND', `no system ${id}`);
    return s;
  }

  /** Running processes, in a stable order (systems, then groups, as defined). */
  processes(): BackgroundProcess[] {
    const list: BackgroundProcess[] = [];
    for (const s of this.systems.values()) {
      for (const g of s.groups.values()) {
        const p = new RebuildProcess(`rebuild:${s.id}:${g.id}`, g);
        if (!p.done) list.push(p);
      }
    }
    for (const pair of this.localCopy.pairs.values()) if (pair.running) list.push(new PairProcess(pair));
    return list;
  }

  /** A process by name; a finished rebuild is still found, and reports itself done. */
  process(name: string): BackgroundProcess {
    const pair = this.localCopy.pairs.get(name);
    if (pair) return new PairProcess(pair);
    const m = /^rebuild:([^:]+):(.+)$/.exec(name);
    if (!m) fail('NOT_FOUND', `no process "${name}" (processes are named by a pair id or rebuild:SYSTEM:RAIDGROUP)`);
    const group = this.system(m[1]!).group(m[2]!);
    return new RebuildProcess(name, group);
  }

  step(name: string, units: number): { process: BackgroundProcess; advanced: number } {
    requirePositive('tracks', units);
    const process = this.process(name);
    return { process, advanced: process.step(units) };
  }

  /** Runs every process to completion, in order; returns the units each one took. */
  settle(): Array<{ process: string; units: number }> {
    const ran: Array<{ process: string; units: number }> = [];
    for (let p = this.processes()[0]; p; p = this.processes()[0]) {
      let units = 0;
      while (!p.done && units < SETTLE_UNITS_MAX) units += Math.max(1, p.step(1 << 20));
      ran.push({ process: p.name, units });
      if (!p.done) fail('INVALID_STATE', `process ${p.name} did not finish within ${SETTLE_UNITS_MAX} units`);
    }
    return ran;
  }
}
