/**
 * The migration harness's reference model (properties/mg/mg-model.ts), independent of src/:
 * the source's bytes, the target's own bytes and the host's view of it (MG-INV-1's reference
 * volume), the running migration (area, copy pointer, pending tracks: MG-G-1, MG-C-1), MG-R-1's
 * and MG-W-1's routing, completion and abandonment (MG-C-1, MG-R-2), and device health.
 */
import { areaEnd, areaTracks, type Extent, nextAreaTrack, normalizeArea, touchedTracks } from '../rc/rc-area.ts';
import type { Level } from '../rc/rc-model.ts';
import type { Outcome, Variant } from '../rc/rc-trace.ts';
import type { Counters } from '../harness/support.ts';
import { type MgAvoid, type MgCreateSpec, type MgScenario, N, O } from './mg-scenario.ts';

const TOLERANCE: Readonly<Record<Level, number>> = { raid1: 1, raid5: 1, raid6: 2 };

interface RefMigration {
  readonly id: string;
  readonly area: readonly Extent[];
  pointer: number;
  readonly pending: Set<number>;
}

type Health = 'healthy' | 'failed' | 'rebuilding';

export interface MgOptions {
  readonly variant?: Variant;
  /** Literal only: errata to steer clear of. */
  readonly avoid?: readonly MgAvoid[];
  /** Compare only what the host sees (bytes read, refusals, `check`), not the pointer, the pending tracks or N's stored bytes. */
  readonly dataOnly?: boolean;
  readonly reached?: Counters | undefined;
}

export class MgModel {
  readonly tb: number;
  readonly src: Uint8Array;
  /** What N stores for the target. */
  readonly own: Uint8Array;
  /** MG-INV-1's reference volume: what the host must read from the target. */
  readonly view: Uint8Array;
  mig: RefMigration | null = null;
  /** Migrations that completed and are still known to N (status: simplex). */
  readonly completed: string[] = [];
  readonly deleted: string[] = [];
  created = 0;
  oFailed = false;
  linkUp = true;
  readonly health: Record<string, Health[]>;
  readonly tolerance: Record<string, number>;
  readonly literal: boolean;
  readonly avoid: ReadonlySet<MgAvoid>;
  readonly reached: Counters | undefined;
  readonly pairTables: number;
  readonly dataOnly: boolean;

  constructor(readonly scenario: MgScenario, o: MgOptions) {
    this.dataOnly = o.dataOnly ?? false;
    this.tb = scenario.trackBytes;
    this.src = new Uint8Array(scenario.srcTracks * this.tb);
    this.own = new Uint8Array(scenario.tgtTracks * this.tb);
    this.view = new Uint8Array(scenario.tgtTracks * this.tb);
    this.health = {
      [O]: Array.from({ length: scenario.devicesO }, (): Health => 'healthy'),
      [N]: Array.from({ length: scenario.devicesN }, (): Health => 'healthy'),
    };
    this.tolerance = { [O]: TOLERANCE[scenario.levelO], [N]: TOLERANCE[scenario.levelN] };
    this.literal = o.variant === 'literal';
    this.avoid = new Set(this.literal ? (o.avoid ?? []) : []);
    this.reached = o.reached;
    this.pairTables = scenario.pairTables ?? Number.POSITIVE_INFINITY;
  }

  get srcTracks(): number {
    return this.scenario.srcTracks;
  }

  get tgtTracks(): number {
    return this.scenario.tgtTracks;
  }

  /** The old system can serve a pending track now (MG-R-1, MG-W-1). */
  get reachable(): boolean {
    return !this.oFailed && this.linkUp;
  }

  oldRefusals(): Outcome[] {
    const codes: Outcome[] = [];
    if (this.oFailed) codes.push('SYSTEM_FAILED');
    if (!this.linkUp) codes.push('LINK_DOWN');
    return codes;
  }

  /** The id requests name: the running migration's, else the last one's. */
  get pairId(): string {
    return this.mig?.id ?? this.completed[this.completed.length - 1] ?? this.deleted[this.deleted.length - 1] ?? 'M1';
  }

  state(id: string): 'migrating' | 'simplex' | 'none' {
    if (this.mig?.id === id) return 'migrating';
    return this.completed.includes(id) ? 'simplex' : 'none';
  }

  resolveCreate(spec: MgCreateSpec): Extent[] {
    const limit = spec.beyond ? Math.max(this.srcTracks, this.tgtTracks) : Math.min(this.srcTracks, this.tgtTracks);
    const a = spec.start % limit;
    const b = Math.min(limit - 1, a + spec.len1 - 1);
    const extents: Extent[] = [[a, b]];
    const c = b + 1 + spec.gap;
    if (spec.len2 > 0 && c < limit) extents.push([c, Math.min(limit - 1, c + spec.len2 - 1)]);
    return extents;
  }

  expectCreate(extents: readonly Extent[]): Outcome[] {
    const codes: Outcome[] = [];
    if (this.oFailed) codes.push('SYSTEM_FAILED');
    if (extents.some(([, b]) => b >= Math.min(this.srcTracks, this.tgtTracks))) codes.push('OUT_OF_RANGE');
    if (!this.linkUp) codes.push('LINK_DOWN');
    if (this.mig) codes.push('INVALID_STATE');
    if ((this.mig ? 1 : 0) >= this.pairTables) codes.push('TABLES_EXHAUSTED');
    return codes.length > 0 ? codes : ['ok'];
  }

  applyCreate(id: string, extents: readonly Extent[]): void {
    const area = normalizeArea(extents);
    this.mig = { id, area, pointer: area[0]![0], pending: new Set(areaTracks(area)) };
    for (const t of areaTracks(area)) this.view.set(this.srcTrack(t), t * this.tb); // MG-INV-1: the source's bytes on the area
    this.created++;
  }

  srcTrack(t: number): Uint8Array {
    return this.src.subarray(t * this.tb, (t + 1) * this.tb);
  }

  pendingIn(offset: number, length: number): number[] {
    return this.mig ? touchedTracks(offset, length, this.tb).filter((t) => this.mig!.pending.has(t)) : [];
  }

  /** MG-W-1: a write to a pending track it covers only in part needs the old system's track. */
  expectTargetWrite(offset: number, length: number): Outcome[] {
    const partial = this.pendingIn(offset, length).some((t) => offset > t * this.tb || offset + length < (t + 1) * this.tb);
    const codes = partial ? this.oldRefusals() : [];
    return codes.length > 0 ? codes : ['ok'];
  }

  applyTargetWrite(offset: number, data: Uint8Array): void {
    const pending = this.pendingIn(offset, data.length);
    this.view.set(data, offset);
    this.own.set(data, offset);
    for (const t of pending) {
      this.own.set(this.view.subarray(t * this.tb, (t + 1) * this.tb), t * this.tb); // fetched, the write applied, stored
      this.mig!.pending.delete(t); // marked copied (the erratum MG-E-1 forgets this)
    }
  }

  /** MG-R-1: a read touching a pending track needs the old system. */
  expectTargetRead(offset: number, length: number): Outcome[] {
    const codes = this.pendingIn(offset, length).length > 0 ? this.oldRefusals() : [];
    return codes.length > 0 ? codes : ['ok'];
  }

  /** MG-G-2: the source is off line while it migrates. */
  expectSourceIo(): Outcome[] {
    const codes: Outcome[] = [];
    if (this.oFailed) codes.push('SYSTEM_FAILED');
    if (this.mig) codes.push('INVALID_STATE');
    return codes.length > 0 ? codes : ['ok'];
  }

  expectStep(id: string): Outcome[] {
    const state = this.state(id);
    if (state === 'none') return ['NOT_FOUND'];
    if (state === 'simplex') return ['ok']; // MG-C-1: a completed migration advances nothing
    const codes = this.oldRefusals();
    return codes.length > 0 ? codes : ['ok'];
  }

  /** MG-C-1; returns the tracks examined. */
  applyStep(units: number): number {
    const m = this.mig;
    if (!m) return 0;
    let examined = 0;
    const end = areaEnd(m.area);
    while (examined < units && m.pointer < end) {
      const t = m.pointer;
      if (m.pending.delete(t)) this.own.set(this.srcTrack(t), t * this.tb);
      m.pointer = nextAreaTrack(m.area, t + 1);
      examined++;
    }
    if (m.pointer >= end) {
      this.completed.push(m.id);
      this.mig = null;
    }
    return examined;
  }

  applySettle(): void {
    if (this.mig && this.reachable) this.applyStep(Number.MAX_SAFE_INTEGER);
    for (const sys of [O, N]) {
      if (sys === O && this.oFailed) continue;
      const h = this.health[sys]!;
      h.forEach((x, i) => {
        if (x === 'rebuilding') h[i] = 'healthy';
      });
    }
  }

  /** MG-R-2: the target keeps what it has; pending tracks are what N stores. */
  applyDelete(id: string): void {
    if (this.mig?.id === id) {
      for (const t of this.mig.pending) this.view.set(this.own.subarray(t * this.tb, (t + 1) * this.tb), t * this.tb);
      this.mig = null;
    } else this.completed.splice(this.completed.indexOf(id), 1);
    this.deleted.push(id);
  }

  canFail(sys: string, device: number): boolean {
    const h = this.health[sys]!;
    const d = device % h.length;
    const degraded = h.filter((x) => x !== 'healthy').length + (h[d] === 'healthy' ? 1 : 0);
    return h[d] !== 'failed' && degraded <= this.tolerance[sys]!;
  }
}
