/**
 * The remote-copy reference model (properties/rc/rc-model.ts), on its state
 * (rc-reference-core.ts): the copy (RC-C-1) and the copy of A into B (RC-T-3), the requests
 * (RC-R-1..RC-R-3) and faults (RC-F-1, RC-F-2), the takeover (RC-T-1..RC-T-6) and the devices.
 */
import { areaEnd, areaTracks, inArea, nextAreaTrack, unionArea } from './rc-area.ts';
import { firstDiff, type Outcome } from './rc-trace.ts';
import { decodeRefVtoc, encodeRefVtoc, insideArea } from './rc-vtoc.ts';
import { active, KNOWN_MODEL_BUGS, S, T } from './rc-scenario.ts';
import { type RefPair, RcModelCore, type TVol } from './rc-reference-core.ts';

export class RcModel extends RcModelCore {

  // --- the copy (RC-C-1) and the copy of A into B (RC-T-3)

  expectStep(p: RefPair | undefined): Outcome[] {
    if (!p) return ['NOT_FOUND'];
    if (p.state === 'takingOver') return this.tFailed ? ['SYSTEM_FAILED'] : ['ok'];
    if (p.state !== 'copying') return ['ok']; // RC-C-1: no running process, nothing moves
    const codes: Outcome[] = [];
    if (this.sFailed || this.tFailed) codes.push('SYSTEM_FAILED');
    if (!this.linkUp) codes.push('LINK_DOWN');
    return codes.length > 0 ? codes : ['ok'];
  }

  /** Returns the tracks examined. */
  applyStep(p: RefPair, units: number): number {
    if (p.state === 'takingOver') return this.takeoverCopyStep(p, units);
    if (p.state !== 'copying') return 0;
    let examined = 0;
    const end = areaEnd(p.area);
    while (examined < units && p.pointer < end) {
      const t = p.pointer;
      if (p.bits[t] === 1) {
        p.tvol.known[t] = this.srcTrack(p.vol, t);
        p.bits[t] = 0;
      }
      p.pointer = nextAreaTrack(p.area, t + 1);
      examined++;
    }
    if (p.pointer >= end) {
      p.state = 'duplex';
      p.consistent = true;
      p.frozen = null;
    }
    return examined;
  }

  private takeoverCopyStep(p: RefPair, units: number): number {
    const copy = p.tvol.copy!;
    let examined = 0;
    const end = areaEnd(copy.area);
    while (examined < units && copy.pointer < end) {
      const t = copy.pointer;
      copy.pending.delete(t);
      copy.pointer = nextAreaTrack(copy.area, t + 1);
      examined++;
    }
    if (copy.pointer >= end) {
      p.state = 'takenOver';
      p.tvol.copy = null;
    }
    return examined;
  }

  applySettle(): void {
    for (const p of this.pairs) {
      if (p.state === 'copying' && !this.sFailed && !this.tFailed && this.linkUp) this.applyStep(p, Number.MAX_SAFE_INTEGER);
      if (p.state === 'takingOver' && !this.tFailed) this.applyStep(p, Number.MAX_SAFE_INTEGER);
    }
    for (const sys of [S, T]) {
      if ((sys === S ? this.sFailed : this.tFailed)) continue;
      const h = this.health[sys]!;
      h.forEach((x, i) => {
        if (x === 'rebuilding') h[i] = 'healthy';
      });
    }
  }

  // --- requests (RC-R-1..RC-R-3) and faults (RC-F-1, RC-F-2)

  private freeze(p: RefPair): void {
    if (p.state !== 'duplex') return;
    p.frozen = new Map(areaTracks(p.area).map((t) => [t, this.srcTrack(p.vol, t)]));
  }

  expectSuspend(p: RefPair | undefined): Outcome[] {
    if (!p) return ['NOT_FOUND'];
    const codes: Outcome[] = [];
    if (this.sFailed) codes.push('SYSTEM_FAILED');
    if (p.state !== 'copying' && p.state !== 'duplex') codes.push('INVALID_STATE');
    return codes.length > 0 ? codes : ['ok'];
  }

  suspend(p: RefPair, reason: 'request' | 'link' | 'system'): void {
    this.freeze(p);
    p.state = 'suspended';
    p.reason = reason;
  }

  expectResync(p: RefPair | undefined): Outcome[] {
    if (!p) return ['NOT_FOUND'];
    const codes: Outcome[] = [];
    if (p.state !== 'suspended') codes.push('INVALID_STATE');
    if (this.sFailed || this.tFailed) codes.push('SYSTEM_FAILED');
    if (!this.linkUp) codes.push('LINK_DOWN');
    return codes.length > 0 ? codes : ['ok'];
  }

  applyResync(p: RefPair): void {
    p.state = 'copying';
    p.pointer = p.area[0]![0];
    p.consistent = false;
    p.reason = null;
    p.frozen = null;
  }

  expectDelete(p: RefPair | undefined): Outcome[] {
    if (!p) return ['NOT_FOUND'];
    return p.state === 'takingOver' ? ['INVALID_STATE'] : ['ok'];
  }

  applyDelete(p: RefPair): void {
    if (p.tvol.owner === p) p.tvol.owner = null; // RC-R-3: the target takes host writes from now on
    this.pairs.splice(this.pairs.indexOf(p), 1);
    this.deleted.push(p.id);
  }

  applyLink(up: boolean): void {
    this.linkUp = up;
    if (up) return;
    for (const p of this.pairs) if (p.fence === 'never' && (p.state === 'copying' || p.state === 'duplex')) this.suspend(p, 'link');
  }

  applySystemFail(sys: string): void {
    if (sys === S) {
      this.sFailed = true;
      return;
    }
    this.tFailed = true;
    for (const p of this.pairs) if (p.fence === 'never' && (p.state === 'copying' || p.state === 'duplex')) this.suspend(p, 'system');
  }

  // --- takeover (RC-T-1..RC-T-6)

  siblingsOf(p: RefPair): RefPair[] {
    return [p, ...this.pairs.filter((q) => q !== p && q.vol === p.vol && active(q.state))];
  }

  expectTakeover(p: RefPair | undefined, extend: boolean): Outcome[] {
    if (!p) return ['NOT_FOUND'];
    const codes: Outcome[] = [];
    if (this.tFailed) codes.push('SYSTEM_FAILED');
    const group = extend ? this.siblingsOf(p) : [p];
    const accepts = (q: RefPair) => q.state === 'duplex' || (q.state === 'suspended' && q.consistent);
    if (!group.every(accepts)) codes.push('INVALID_STATE');
    else if (this.vtocOf(group) === 'damaged') codes.push('VTOC_DAMAGED');
    return codes.length > 0 ? codes : ['ok'];
  }

  /** RC-T-5: the datasets track 0 lists on the takeover's target (none when track 0 was not copied). */
  vtocOf(group: readonly RefPair[]): ReturnType<typeof decodeRefVtoc> {
    const holder = group.find((q) => inArea(q.area, 0));
    if (!holder) return [];
    const track0 = holder.tvol.known[0];
    if (!track0) throw new Error(`reference model: pair ${holder.id} takes over with track 0 never copied`);
    return decodeRefVtoc(track0, holder.vol.tracks);
  }

  /** Returns the datasets kept and erased. */
  applyTakeover(p: RefPair, extend: boolean): { kept: string[]; erased: string[]; group: RefPair[] } {
    const group = extend ? this.siblingsOf(p) : [p];
    const area = unionArea(group.map((q) => q.area));
    const entries = this.vtocOf(group);
    if (entries === 'damaged') throw new Error('reference model: takeover of a damaged VTOC');
    const kept = insideArea(entries, area);
    const erased = entries.filter((d) => !kept.includes(d));
    // RC-INV-1: each target's area holds what the host had acknowledged while the pair was consistent.
    for (const q of group) {
      for (const t of areaTracks(q.area)) {
        const want = q.state === 'duplex' ? this.srcTrack(q.vol, t) : q.frozen?.get(t);
        const got = q.tvol.known[t];
        if (!want || !got || firstDiff(want, got) >= 0) throw new Error(`reference model: pair ${q.id} track ${t}: its target image is not RC-INV-1's`);
      }
    }
    const name = p.tvol.name;
    let tv: TVol;
    if (!extend) {
      tv = p.tvol;
      tv.owner = null;
      p.state = 'takenOver';
    } else {
      // RC-T-2 (`ldev`), RC-T-3 (`group`): one volume of the source's capacity named by the pair's target.
      const space = p.vol.tracks * this.tb;
      const known = new Array<Uint8Array | null>(p.vol.tracks).fill(null);
      for (const q of group) for (const t of areaTracks(q.area)) known[t] = q.tvol.known[t]!;
      // RC-T-5: track 0 outside the copied area holds zeros (unknown while stale-volume-B stands, in the fifth embodiment's design).
      if (!inArea(area, 0) && !(this.design === 'group' && KNOWN_MODEL_BUGS.has('stale-volume-B'))) known[0] = new Uint8Array(this.tb);
      tv = { name, space, tracks: p.vol.tracks, mapped: [[0, space - 1]], capacityBytes: space, known, owner: null, copy: null, takenOver: false };
      for (const q of group) {
        this.tvols.delete(q.tvol.name);
        q.tvol = tv;
        q.state = 'takenOver';
        if (q !== p) q.takenOverWith = p.id;
      }
      this.tvols.set(name, tv);
      if (this.design === 'group') {
        p.state = 'takingOver';
        tv.copy = { area, pointer: area[0]![0], pending: new Set(areaTracks(area)) };
      }
    }
    if (erased.length > 0) {
      const bytes = encodeRefVtoc(kept);
      tv.known[0]!.set(bytes, 0);
    }
    tv.takenOver = true;
    return { kept: kept.map((d) => d.name).sort(), erased: erased.map((d) => d.name).sort(), group };
  }

  // --- devices

  canFail(sys: string, device: number): boolean {
    const h = this.health[sys]!;
    const d = device % h.length;
    const degraded = h.filter((x) => x !== 'healthy').length + (h[d] === 'healthy' ? 1 : 0);
    return h[d] !== 'failed' && degraded <= this.tolerance[sys]!;
  }
}
