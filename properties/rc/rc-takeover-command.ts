/**
 * The takeover command of the remote-copy harness (properties/rc/rc-model.ts; RC-T-1..RC-T-6),
 * with RC-T-2's check in the `ldev` design that an extension keeps the copied tracks' LDEVs
 * and maps the rest on fresh ones.
 */
import { areaTracks, rangesCover } from './rc-area.ts';
import { attempt, CommandFailure, exec, json, type Step, type TraceRun } from './rc-trace.ts';
import { countTakeover } from './rc-witnesses.ts';
import { bump } from '../harness/support.ts';
import { T } from './rc-scenario.ts';
import type { RefPair, TVol } from './rc-reference-core.ts';
import type { RcModel } from './rc-reference.ts';
import { PairCommand, type Prefer } from './rc-command.ts';

export class TakeoverCommand extends PairCommand {
  constructor(
    pick: number,
    smart: boolean,
    readonly extend: boolean,
  ) {
    super(pick, smart);
  }

  protected readonly prefer: Prefer = (p) => p.state === 'duplex' || (p.state === 'suspended' && p.consistent);

  override check(m: Readonly<RcModel>): boolean {
    return !(m.avoid.has('RC-E-1') && this.extend && m.design === 'group');
  }

  /** Smart: a pair whose takeover (with its siblings, when extending) the spec accepts. */
  protected override target(m: RcModel): { id: string; pair: RefPair | undefined } {
    if (!this.smart) return m.pickPair(this.pick);
    // CHK-6: a pair suspended a moment ago first, accepted or not (a takeover before the copy finished is refused).
    if (m.pairs.some((p) => m.justSuspended(p)) && this.pick % 2 === 0) return m.pickPair(this.pick >> 1, (p) => m.justSuspended(p));
    const ok = (p: RefPair) => (this.extend ? m.siblingsOf(p) : [p]).every(this.prefer);
    return m.pickPair(this.pick, (p) => this.prefer(p) && ok(p));
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const { id, pair } = this.target(m);
    if (pair && m.justSuspended(pair)) bump(m.reached, 'takeoverAfterSuspend');
    const step: Step = { op: 'takeover', pair: id, ...(this.extend ? {} : { extend: false }) };
    const allowed = m.expectTakeover(pair, this.extend);
    const ldevs = allowed[0] === 'ok' && this.extend && m.design === 'ldev' ? ldevsBefore(m, r, m.siblingsOf(pair!)) : null;
    const out = exec(r, step, allowed);
    if (!out.ok) {
      bump(m.reached, `refused:takeover:${out.error!.code}`);
      return;
    }
    const source = pair!.state;
    countTakeover(m.reached, pair!.area, m.scenario.datasets.filter((d) => d.vol === pair!.vol.idx));
    const { kept, erased, group } = m.applyTakeover(pair!, this.extend);
    if (ldevs) ldevsAfter(m, r, pair!.tvol, ldevs);
    const got = { kept: out.datasetsKept, erased: out.datasetsErased, pairs: out.takenOver };
    const want = { kept, erased, pairs: group.map((q) => q.id) };
    if (json(got) !== json(want)) throw new CommandFailure(`takeover: ${json(got)}, expected ${json(want)} (RC-T-1, RC-T-5)`, [], false);
    bump(m.reached, `takeover:${m.design}:${this.extend ? 'extend' : 'noExtend'}`);
    bump(m.reached, `takeover:from:${source}`);
    if (m.sFailed) bump(m.reached, 'takeover:afterSourceFailure');
    if (group.length > 1) bump(m.reached, 'takeover:withSiblings');
    if (erased.length > 0) bump(m.reached, 'takeover:datasetsErased');
    if (kept.length > 0) bump(m.reached, 'takeover:datasetsKept');
  }

  toString(): string {
    return `takeover(#${this.pick}${this.extend ? '' : ', extend false'})`;
  }
}

/** Where an address of a T volume lives: `LDEV@offset`, or null when it is not mapped. */
function backing(r: TraceRun, volume: string, address: number): { ldev: number | null; at: string } | null {
  const v = r.ctx.model.systems.get(T)!.volumes.get(volume);
  const got = v ? attempt(() => v.locate(address)) : null;
  if (!got?.ok) return null;
  const { entry, ldevOffset } = got.value;
  return { ldev: entry.ldev.number, at: `${entry.ldev.number}@${ldevOffset}` };
}

interface LdevsBefore {
  /** Per copied track of the pair and its siblings: where its first byte lived. */
  readonly copied: Map<number, string>;
  /** Tracks some target of the group mapped before. */
  readonly mapped: Set<number>;
  readonly free: (n: number) => boolean;
}

/** RC-T-2, before an extension in the `ldev` design: where the copied tracks live, which LDEVs are free. */
function ldevsBefore(m: RcModel, r: TraceRun, group: readonly RefPair[]): LdevsBefore {
  const copied = new Map<number, string>();
  const mapped = new Set<number>();
  for (const q of group) {
    for (const t of areaTracks(q.area)) copied.set(t, backing(r, q.tvol.name, t * m.tb)?.at ?? 'unmapped');
    for (let t = 0; t < q.tvol.tracks; t++) if (rangesCover(q.tvol.mapped, t * m.tb, t * m.tb)) mapped.add(t);
  }
  const system = r.ctx.model.systems.get(T)!;
  const freeNow = new Set<number>();
  for (const g of system.groups.values()) for (const l of system.pool.inGroup(g)) if (system.pool.isFree(l.number)) freeNow.add(l.number);
  return { copied, mapped, free: (n) => freeNow.has(n) };
}

/** RC-T-2: the copied addresses keep their LDEVs; every address no target of the group mapped is on a fresh (then free) LDEV. */
function ldevsAfter(m: RcModel, r: TraceRun, tv: TVol, before: LdevsBefore): void {
  for (const [t, at] of before.copied) {
    const now = backing(r, tv.name, t * m.tb)?.at ?? 'unmapped';
    if (now !== at) throw new CommandFailure(`RC-T-2: copied track ${t} of ${T}:${tv.name} moved from LDEV ${at} to ${now}`, [], false);
  }
  for (let t = 0; t < tv.tracks; t++) {
    if (before.mapped.has(t)) continue;
    const now = backing(r, tv.name, t * m.tb);
    if (!now || now.ldev === null || !before.free(now.ldev)) throw new CommandFailure(`RC-T-2: track ${t} of ${T}:${tv.name}, unmapped before, is on ${now?.at ?? 'nothing'}, not a fresh LDEV`, [], false);
  }
  bump(m.reached, 'takeover:ldevsKept');
}
