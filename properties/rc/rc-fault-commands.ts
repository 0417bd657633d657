/**
 * Fault commands of the remote-copy harness (properties/rc/rc-model.ts): the path going down
 * and up, a system failing (RC-F-1, RC-F-2), and devices failing and being replaced within
 * what the RAID level survives.
 */
import type { Outcome, TraceRun } from './rc-trace.ts';
import { S, T } from './rc-scenario.ts';
import type { RcModel } from './rc-reference.ts';
import { RcCommand, request } from './rc-command.ts';

export class LinkCommand extends RcCommand {
  constructor(readonly up: boolean) {
    super();
  }

  /** Only a change: a path already up (down) is refused INVALID_STATE, which tells nothing here. */
  override check(m: Readonly<RcModel>): boolean {
    return m.linkUp !== this.up;
  }

  protected apply(m: RcModel, r: TraceRun): void {
    request(m, r, { op: this.up ? 'linkUp' : 'linkDown', between: [S, T] }, ['ok']);
    m.applyLink(this.up);
  }

  toString(): string {
    return this.up ? 'linkUp' : 'linkDown';
  }
}

export class SystemFailCommand extends RcCommand {
  constructor(readonly system: 'S' | 'T') {
    super();
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const failed = this.system === S ? m.sFailed : m.tFailed;
    if (request(m, r, { op: 'systemFail', system: this.system }, failed ? ['SYSTEM_FAILED'] : ['ok']) === 'ok') m.applySystemFail(this.system);
  }

  toString(): string {
    return `systemFail(${this.system})`;
  }
}

/** A device failure the RAID level survives (no DATA_LOSS ever: a refusal would be a bug). */
export class DeviceFailCommand extends RcCommand {
  constructor(
    readonly system: 'S' | 'T',
    readonly device: number,
  ) {
    super();
  }

  override check(m: Readonly<RcModel>): boolean {
    return m.canFail(this.system, this.device);
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const h = m.health[this.system]!;
    const d = this.device % h.length;
    const failed = this.system === S ? m.sFailed : m.tFailed;
    if (request(m, r, { op: 'deviceFail', system: this.system, raidGroup: 'RG', device: d }, failed ? ['SYSTEM_FAILED'] : ['ok']) === 'ok') h[d] = 'failed';
  }

  toString(): string {
    return `deviceFail(${this.system}, ${this.device})`;
  }
}

export class DeviceReplaceCommand extends RcCommand {
  constructor(
    readonly system: 'S' | 'T',
    readonly device: number,
  ) {
    super();
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const h = m.health[this.system]!;
    const failedAt = h.map((x, i) => (x === 'failed' ? i : -1)).filter((i) => i >= 0);
    const d = failedAt.length > 0 ? failedAt[this.device % failedAt.length]! : this.device % h.length;
    const down = this.system === S ? m.sFailed : m.tFailed;
    const allowed: Outcome[] = down ? ['SYSTEM_FAILED'] : h[d] === 'failed' ? ['ok'] : ['INVALID_STATE'];
    if (request(m, r, { op: 'deviceReplace', system: this.system, raidGroup: 'RG', device: d }, allowed) === 'ok') h[d] = 'rebuilding';
  }

  toString(): string {
    return `deviceReplace(${this.system}, ${this.device})`;
  }
}
