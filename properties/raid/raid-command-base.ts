/**
 * The base of the RAID harness's commands (properties/raid/raid-model.ts): every command is
 * checked after it runs (raid-checks.ts); a read or write has a fixed range or an aim at the
 * rebuild position resolved when it runs (raid-aim.ts).
 */
import fc from 'fast-check';
import { aimToString, isAim, resolveTarget, type Target } from './raid-aim.ts';
import { checkInvariants } from './raid-checks.ts';
import { type Io, snapshot } from './raid-io.ts';
import type { Range } from './raid-ranges.ts';
import type { RaidCommand, RaidReal } from './raid-real.ts';
import type { RaidModel } from './raid-reference.ts';
import { bump } from '../harness/support.ts';

function bytes(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}

/** Host I/O while a rebuild is part way (some rows rebuilt, some not): RAID-F-5 interleaving. */
export function noteRebuildInterleave(m: RaidModel, r: RaidReal): void {
  if (!m.health.includes('rebuilding')) return;
  const progress = r.group.rebuildProgress();
  if (progress.some((p) => p.done > 0 && p.done < p.total)) {
    bump(m.reached, 'ioMidRebuild');
    if (progress.length > 1) bump(m.reached, 'ioMidRebuildOfTwo');
  }
}

export abstract class BaseCommand implements RaidCommand {
  check(_m: Readonly<RaidModel>): boolean {
    return true;
  }

  run(m: RaidModel, r: RaidReal): void {
    bump(m.reached, 'commands');
    const before = snapshot(r.group);
    this.apply(m, r, before);
    checkInvariants(m, r, this.toString());
  }

  protected abstract apply(m: RaidModel, r: RaidReal, before: readonly Io[]): void;
  abstract toString(): string;
}

/** A read or write: its range is fixed, or aimed (properties/raid/raid-aim.ts) and resolved when it runs. */
export abstract class RequestCommand extends BaseCommand {
  /** The range of the latest run (null before the first). */
  private range: Range | null;

  constructor(readonly target: Target) {
    super();
    this.range = isAim(target) ? null : target;
  }

  get offset(): number {
    return this.range?.offset ?? 0;
  }

  get length(): number {
    return this.range?.length ?? 0;
  }

  /** `write(100, 3 bytes)`; aimed: `write(rebuild-1..+2 = 99, 3 bytes)`. */
  protected describe(name: string, extra = ''): string {
    const aim = isAim(this.target) ? aimToString(this.target) : '';
    if (!this.range) return `${name}(${aim}${extra})`;
    return `${name}(${aim ? `${aim} = ` : ''}${this.offset}, ${bytes(this.length)}${extra})`;
  }

  override run(m: RaidModel, r: RaidReal): void {
    this.range = resolveTarget(this.target, m.layout, r.group.health);
    super.run(m, r);
  }

  /** A fresh, unresolved copy: fast-check clones commands per run, so a counterexample shows the ranges of its own run. */
  abstract [fc.cloneMethod](): RequestCommand;
}
