/**
 * The migration harness's pair requests (properties/mg/mg-model.ts): create a migration, step
 * and settle its copy (MG-C-1), delete it (MG-R-2), ask its status, and the trace's `check`.
 */
import { CommandFailure, exec, type Step, type TraceRun } from '../rc/rc-trace.ts';
import { bump } from '../harness/support.ts';
import { MgCommand, request } from './mg-command.ts';
import type { MgModel } from './mg-reference.ts';
import { MAX_MIGRATIONS, type MgCreateSpec, SRC_KEY, TGT_KEY } from './mg-scenario.ts';
import { STATUS } from './mg-verify.ts';

export class CreateCommand extends MgCommand {
  constructor(readonly spec: MgCreateSpec) {
    super();
  }

  /** While one runs, only one creation in two is tried (refused INVALID_STATE). */
  override check(m: Readonly<MgModel>): boolean {
    return m.created < MAX_MIGRATIONS && (m.mig === null || this.spec.start % 2 === 0);
  }

  protected apply(m: MgModel, r: TraceRun): void {
    const id = `M${m.created + 1}`;
    const extents = m.resolveCreate(this.spec);
    const step: Step = { op: 'pairCreate', id, kind: 'migration', source: SRC_KEY, target: TGT_KEY, extents };
    if (request(m, r, step, m.expectCreate(extents), !this.setup) === 'ok') m.applyCreate(id, extents);
  }

  toString(): string {
    const s = this.spec;
    return `pairCreate(migration ${s.start}+${s.len1}${s.len2 ? ` gap ${s.gap} +${s.len2}` : ''}${s.beyond ? ' beyond' : ''})`;
  }
}

export class StepCommand extends MgCommand {
  constructor(readonly units: number) {
    super();
  }

  override check(m: Readonly<MgModel>): boolean {
    return m.mig !== null || this.units === 2;
  }

  protected apply(m: MgModel, r: TraceRun): void {
    const id = m.pairId;
    const allowed = m.expectStep(id);
    const out = exec(r, { op: 'step', pair: id, tracks: this.units }, allowed);
    bump(m.reached, out.ok ? `accepted:step:${m.state(id)}` : `refused:step:${out.error!.code}`);
    if (!out.ok) return;
    const advanced = m.state(id) === 'migrating' ? m.applyStep(this.units) : 0;
    if (out.advanced !== advanced) throw new CommandFailure(`step: advanced ${String(out.advanced)}, expected ${advanced}`, [], false);
  }

  toString(): string {
    return `step(${this.units})`;
  }
}

export class SettleCommand extends MgCommand {
  protected apply(m: MgModel, r: TraceRun): void {
    exec(r, { op: 'settle' }, ['ok']);
    m.applySettle();
  }

  toString(): string {
    return 'settle';
  }
}

export class DeleteCommand extends MgCommand {
  protected apply(m: MgModel, r: TraceRun): void {
    const id = m.pairId;
    const state = m.state(id);
    if (request(m, r, { op: 'pairDelete', pair: id }, state === 'none' ? ['NOT_FOUND'] : ['ok']) !== 'ok') return;
    m.applyDelete(id);
    bump(m.reached, `deleted:${state}`);
  }

  toString(): string {
    return 'pairDelete';
  }
}

export class StatusCommand extends MgCommand {
  protected apply(m: MgModel, r: TraceRun): void {
    const id = m.pairId;
    const state = m.state(id);
    const out = exec(r, { op: 'status', pair: id }, state === 'none' ? ['NOT_FOUND'] : ['ok']);
    if (out.ok && out.state !== state) throw new CommandFailure(`status: ${String(out.state)}, expected ${state}`, [{ actual: STATUS(id, { state: out.state }), expected: STATUS(id, { state }) }], true);
  }

  toString(): string {
    return 'status';
  }
}

export class CheckCommand extends MgCommand {
  protected apply(_m: MgModel, r: TraceRun): void {
    exec(r, { op: 'check' }, ['ok']);
  }

  toString(): string {
    return 'check';
  }
}
