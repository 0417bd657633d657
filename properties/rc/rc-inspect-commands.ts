/**
 * Commands of the remote-copy harness (properties/rc/rc-model.ts) that only look: a pair's
 * status, the datasets of a source or T volume (RC-T-5, RC-INV-5), and the trace's `check`.
 */
import { CommandFailure, exec, json, type Outcome, type Step, type TraceRun } from './rc-trace.ts';
import { decodeRefVtoc } from './rc-vtoc.ts';
import { bump } from '../harness/support.ts';
import { S, T } from './rc-scenario.ts';
import type { RcModel } from './rc-reference.ts';
import { STATUS } from './rc-verify.ts';
import { PairCommand, type Prefer, RcCommand } from './rc-command.ts';
import { resolveTgt } from './rc-target-commands.ts';

export class StatusCommand extends PairCommand {
  protected readonly prefer: Prefer = () => true;

  protected apply(m: RcModel, r: TraceRun): void {
    const { id, pair } = this.target(m);
    const out = exec(r, { op: 'status', pair: id }, pair ? ['ok'] : ['NOT_FOUND']);
    if (out.ok && out.state !== pair!.state) throw new CommandFailure(`status: ${String(out.state)}, expected ${pair!.state}`, [{ actual: STATUS(id, { state: out.state }), expected: STATUS(id, { state: pair!.state }) }], true);
  }

  toString(): string {
    return `status(#${this.pick})`;
  }
}

/** `datasets` of a source volume or of a T volume (RC-T-5, RC-INV-5). */
export class DatasetsCommand extends RcCommand {
  constructor(
    readonly onTarget: boolean,
    readonly pick: number,
  ) {
    super();
  }

  override check(m: Readonly<RcModel>): boolean {
    return !(this.onTarget && m.avoid.has('RC-E-1') && [...m.tvols.values()].some((tv) => tv.copy));
  }

  protected apply(m: RcModel, r: TraceRun): void {
    let system: string;
    let volume: string;
    let allowed: Outcome[];
    let track0: Uint8Array | null = null;
    let tracks: number;
    if (!this.onTarget || m.tvols.size === 0) {
      const v = m.vols[this.pick % m.vols.length]!;
      [system, volume, tracks] = [S, v.id, v.tracks];
      track0 = m.sFailed ? null : m.srcTrack(v, 0);
      allowed = m.sFailed ? ['SYSTEM_FAILED'] : ['ok'];
    } else {
      const { tv, name } = resolveTgt(m, this.pick, { kind: 'any', t: 0 });
      [system, volume, tracks] = [T, name, tv!.tracks];
      allowed = m.expectTargetIo(tv, 0, m.tb, false);
      track0 = allowed[0] === 'ok' ? tv!.known[0] ?? null : null;
      if (allowed[0] === 'ok' && !track0) allowed = ['ok', 'VTOC_DAMAGED'];
    }
    const decoded = track0 ? decodeRefVtoc(track0, tracks) : null;
    if (decoded === 'damaged') allowed = ['VTOC_DAMAGED'];
    const step: Step = { op: 'datasets', system, volume };
    const out = exec(r, step, allowed);
    bump(m.reached, out.ok ? `datasets:${system}` : `datasetsRefused:${out.error!.code}`);
    if (!out.ok || !decoded || decoded === 'damaged') return;
    const want = decoded.map((d) => d.name).sort();
    if (json(out.datasets) !== json(want)) {
      throw new CommandFailure(`datasets of ${system}:${volume}: ${json(out.datasets)}, expected ${json(want)}`, [{ actual: { ...step, expect: out.datasets }, expected: { ...step, expect: want } }], true);
    }
  }

  toString(): string {
    return `datasets(${this.onTarget ? 'T' : 'S'} #${this.pick})`;
  }
}

export class CheckCommand extends RcCommand {
  protected override readonly full = true;

  protected apply(_m: RcModel, r: TraceRun): void {
    exec(r, { op: 'check' }, ['ok']);
  }

  toString(): string {
    return 'check';
  }
}
