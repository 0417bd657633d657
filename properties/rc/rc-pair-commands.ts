/**
 * Pair commands of the remote-copy harness (properties/rc/rc-model.ts): creation
 * (RC-G-1..RC-G-5), the copy's steps and settling (RC-C-1), suspension, resync and deletion
 * (RC-R-1..RC-R-3).
 */
import { inArea, normalizeArea } from './rc-area.ts';
import { CommandFailure, exec, type Step, type TraceRun } from './rc-trace.ts';
import { countCreate, countStep } from './rc-witnesses.ts';
import { bump } from '../harness/support.ts';
import { type CreateSpec, MAX_PAIRS, T } from './rc-scenario.ts';
import type { RefPair } from './rc-reference-core.ts';
import type { RcModel } from './rc-reference.ts';
import { PairCommand, type Prefer, RcCommand, request } from './rc-command.ts';

export class CreateCommand extends RcCommand {
  constructor(readonly spec: CreateSpec) {
    super();
  }

  override check(m: Readonly<RcModel>): boolean {
    return m.created < MAX_PAIRS;
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const c = m.resolveCreate(this.spec);
    const name = c.targetVolume ?? `${c.id}-T`;
    const step: Step = {
      op: 'pairCreate', id: c.id, kind: 'remote', source: c.vol.key, target: T, extents: c.extents,
      ...(c.allocate === 'full' ? { allocate: 'full' } : {}), ...(c.fence === 'data' ? { fence: 'data' } : {}),
      ...(c.targetVolume ? { targetVolume: c.targetVolume } : {}),
    };
    const area = normalizeArea(c.extents);
    const siblings = m.activePairs().filter((p) => p.vol === c.vol).length;
    if (!this.setup) bump(m.reached, `createTried:${this.spec.mode}:${siblings > 0 ? 'busy' : 'idle'}`);
    const got = request(m, r, step, m.expectCreate(c.vol, area, name), !this.setup);
    if (got !== 'ok') return;
    const others = m.activePairs().filter((p) => p.vol === c.vol).map((p) => p.area);
    m.applyCreate(c.id, c.vol, c.extents, c.fence, c.allocate, name);
    if (this.setup) return;
    countCreate(m.reached, area, others, c.vol.tracks, Math.max(1, Math.floor(m.scenario.ldevBytesT / m.tb)));
    if (siblings > 0) bump(m.reached, 'createdSibling');
    if (inArea(area, 0)) bump(m.reached, 'createdWithTrack0');
    bump(m.reached, `created:${m.design}:${c.allocate}:${c.fence}`);
  }

  toString(): string {
    const s = this.spec;
    return `pairCreate(V${s.vol}, ${s.mode} ${s.start}+${s.len1}${s.len2 ? ` gap ${s.gap} +${s.len2}` : ''}${s.reversed ? ' reversed' : ''}, ${s.fence}, ${s.allocate}, ${s.name})`;
  }
}

export class StepCommand extends PairCommand {
  /** `aim` (CHK-6): instead of `units`, to `aim` tracks past the next 32-track word boundary from the pointer. */
  constructor(
    pick: number,
    smart: boolean,
    readonly units: number,
    readonly aim: number | null = null,
  ) {
    super(pick, smart);
  }

  private unitsFor(pair: RefPair | undefined): number {
    if (this.aim === null || !pair) return this.units;
    return Math.max(1, (Math.floor(pair.pointer / 32) + 1) * 32 - pair.pointer + this.aim);
  }

  protected readonly prefer: Prefer = (p) => p.state === 'copying' || p.state === 'takingOver';

  protected apply(m: RcModel, r: TraceRun): void {
    const { id, pair } = this.target(m);
    const units = this.unitsFor(pair);
    const step: Step = { op: 'step', pair: id, tracks: units };
    const allowed = m.expectStep(pair);
    const out = exec(r, step, allowed);
    bump(m.reached, out.ok ? `accepted:step:${pair!.state}` : `refused:step:${out.error!.code}`);
    if (!out.ok) return;
    const from = pair!.pointer;
    const copying = pair!.state === 'copying';
    const advanced = m.applyStep(pair!, units);
    if (copying) countStep(m.reached, from, pair!.pointer);
    if (out.advanced !== advanced) throw new CommandFailure(`step: advanced ${String(out.advanced)}, expected ${advanced}`, [], false);
  }

  toString(): string {
    return `step(#${this.pick}${this.smart ? '' : ' any'}, ${this.aim === null ? this.units : `to ${this.aim} past a multiple of 32`})`;
  }
}

export class SettleCommand extends RcCommand {
  protected apply(m: RcModel, r: TraceRun): void {
    exec(r, { op: 'settle' }, ['ok']);
    m.applySettle();
    bump(m.reached, 'settles');
  }

  toString(): string {
    return 'settle';
  }
}

export class SuspendCommand extends PairCommand {
  protected readonly prefer: Prefer = (p) => p.state === 'copying' || p.state === 'duplex';

  protected apply(m: RcModel, r: TraceRun): void {
    const { id, pair } = this.target(m);
    if (request(m, r, { op: 'pairSuspend', pair: id }, m.expectSuspend(pair)) === 'ok') m.suspend(pair!, 'request');
  }

  toString(): string {
    return `pairSuspend(#${this.pick})`;
  }
}

export class ResyncCommand extends PairCommand {
  protected readonly prefer: Prefer = (p) => p.state === 'suspended';

  protected apply(m: RcModel, r: TraceRun): void {
    const { id, pair } = this.target(m);
    if (request(m, r, { op: 'pairResync', pair: id }, m.expectResync(pair)) === 'ok') m.applyResync(pair!);
  }

  toString(): string {
    return `pairResync(#${this.pick})`;
  }
}

export class DeleteCommand extends PairCommand {
  protected readonly prefer: Prefer = (p) => p.state !== 'takingOver';

  protected apply(m: RcModel, r: TraceRun): void {
    const { id, pair } = this.target(m);
    const state = pair?.state;
    if (request(m, r, { op: 'pairDelete', pair: id }, m.expectDelete(pair)) !== 'ok') return;
    m.applyDelete(pair!);
    bump(m.reached, `deleted:${state}`);
  }

  toString(): string {
    return `pairDelete(#${this.pick})`;
  }
}
