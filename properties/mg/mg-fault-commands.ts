/**
 * The migration harness's faults (properties/mg/mg-model.ts): the path between the systems down
 * and up, the old system failed (MG-R-1's refusals, MG-INV-2), devices failed and replaced.
 */
import type { Outcome, TraceRun } from '../rc/rc-trace.ts';
import { bump } from '../harness/support.ts';
import { MgCommand, request } from './mg-command.ts';
import type { MgModel } from './mg-reference.ts';
import { N, O } from './mg-scenario.ts';

export class LinkCommand extends MgCommand {
  constructor(readonly up: boolean) {
    super();
  }

  override check(m: Readonly<MgModel>): boolean {
    return m.linkUp !== this.up;
  }

  protected apply(m: MgModel, r: TraceRun): void {
    request(m, r, { op: this.up ? 'linkUp' : 'linkDown', between: [O, N] }, ['ok']);
    m.linkUp = this.up;
  }

  toString(): string {
    return this.up ? 'linkUp' : 'linkDown';
  }
}

export class FailOldCommand extends MgCommand {
  /** While a migration runs (MG-R-1's refusals), or after one completed (MG-INV-2: nothing changes). */
  override check(m: Readonly<MgModel>): boolean {
    return m.mig !== null || m.completed.length > 0;
  }

  protected apply(m: MgModel, r: TraceRun): void {
    if (request(m, r, { op: 'systemFail', system: O }, m.oFailed ? ['SYSTEM_FAILED'] : ['ok']) !== 'ok') return;
    m.oFailed = true;
    bump(m.reached, m.mig ? 'oldFailedWhileMigrating' : 'oldFailedAfterCompletion');
  }

  toString(): string {
    return `systemFail(${O})`;
  }
}

export class DeviceCommand extends MgCommand {
  constructor(
    readonly replace: boolean,
    readonly system: 'O' | 'N',
    readonly device: number,
  ) {
    super();
  }

  override check(m: Readonly<MgModel>): boolean {
    return this.replace || m.canFail(this.system, this.device);
  }

  protected apply(m: MgModel, r: TraceRun): void {
    const h = m.health[this.system]!;
    const down = this.system === O && m.oFailed;
    if (!this.replace) {
      const d = this.device % h.length;
      if (request(m, r, { op: 'deviceFail', system: this.system, raidGroup: 'RG', device: d }, down ? ['SYSTEM_FAILED'] : ['ok']) === 'ok') h[d] = 'failed';
      return;
    }
    const failedAt = h.map((x, i) => (x === 'failed' ? i : -1)).filter((i) => i >= 0);
    const d = failedAt.length > 0 ? failedAt[this.device % failedAt.length]! : this.device % h.length;
    const allowed: Outcome[] = down ? ['SYSTEM_FAILED'] : h[d] === 'failed' ? ['ok'] : ['INVALID_STATE'];
    if (request(m, r, { op: 'deviceReplace', system: this.system, raidGroup: 'RG', device: d }, allowed) === 'ok') h[d] = 'rebuilding';
  }

  toString(): string {
    return `${this.replace ? 'deviceReplace' : 'deviceFail'}(${this.system}, ${this.device})`;
  }
}
