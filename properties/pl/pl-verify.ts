/** What the relocation harness compares after every command (properties/pl/pl-model.ts; spec/checking.md). */
import { type CheckScope, FULL } from '../../src/check/check-scope.ts';
import { ScratchBuffer } from '../../src/check/scratch-buffer.ts';
import type { LogicalVolume } from '../../src/volume/logical-volume.ts';
import { runStep, type StepOutcome } from '../../src/trace/runner.ts';
import type { TraceStep } from '../../src/trace/schema.ts';
import { attempt, checkWitness, diffWitness, firstDiff, json, CommandFailure, type Step, TraceRun, type Witness } from '../rc/rc-trace.ts';
import { SYSTEM } from './pl-vocabulary.ts';
import { PlModel } from './pl-reference.ts';

// After every command

export const VOLUME_INFO = (volume: string, expect: Record<string, unknown>): Step => ({ op: 'volumeInfo', system: SYSTEM, volume, expect });

/** A step the checker runs without logging it (it changes nothing). */
export function observe(r: TraceRun, step: Step): StepOutcome {
  return runStep(r.ctx, r.log.length + 2, step as unknown as TraceStep);
}

/** Index of the first byte where `got` and `want` differ on a known byte, -1 when none. */
export function firstKnownDiff(got: Uint8Array, want: Uint8Array, known: Uint8Array): number {
  if (firstDiff(got, want) < 0) return -1;
  for (let i = 0; i < want.length; i++) if (known[i] && got[i] !== want[i]) return i;
  return -1;
}

/** What the checker reads host views into (valid until the next read). */
const scratch = new ScratchBuffer();

/** A volume's bytes [0, length) as the host reads them (the local copy's road), in the scratch buffer. */
function hostView(r: TraceRun, volume: LogicalVolume, length: number): Uint8Array {
  const out = scratch.take(length);
  r.ctx.model.localCopy.readInto(volume, 0, length, out);
  return out;
}

/** A read witness for the run of known, differing bytes from `i`. */
export function knownDiffWitness(volume: string, offset: number, got: Uint8Array, want: Uint8Array, known: Uint8Array, i: number): Witness | null {
  let end = i + 1;
  while (end < want.length && end - i < 4096 && known[end] && got[end] !== want[end]) end++;
  return diffWitness(SYSTEM, volume, offset + i, got.subarray(i, end), want.subarray(i, end));
}

/** After every command; the `check` part under `scope` (CHK-1: what changed since the last command). */
export function verifyPl(m: PlModel, r: TraceRun, scope: CheckScope = FULL): void {
  const witnesses: Witness[] = [];
  const why: string[] = [];
  const note = (message: string, w: Witness | null) => {
    why.push(message);
    if (w) witnesses.push(w);
  };
  const system = r.ctx.model.systems.get(SYSTEM)!;
  // The mapping: each entry's LDEV, the placement runs, the relocation (PL-C-2, PL-INV-2).
  const owned = m.groupIds.map(() => 0);
  for (const v of m.volumes) {
    const info = observe(r, { op: 'volumeInfo', system: SYSTEM, volume: v.id });
    if (!info.ok) {
      note(`volumeInfo ${v.id} refused with ${info.error!.code}: ${info.error!.message}`, null);
      continue;
    }
    const ldevs = info.ldevs as Array<{ ldev: number; raidGroup: string }>;
    const wantLdevs = m.ldevsView(v);
    if (json(ldevs) !== json(wantLdevs)) note(`PL-INV-2: ${v.id} maps ${json(ldevs)}, expected ${json(wantLdevs)}`, { actual: VOLUME_INFO(v.id, { ldevs }), expected: VOLUME_INFO(v.id, { ldevs: wantLdevs }) });
    const placement = info.placement;
    const wantPlacement = m.placementView(v);
    if (json(placement) !== json(wantPlacement)) note(`${v.id}: placement ${json(placement)}, expected ${json(wantPlacement)}`, { actual: VOLUME_INFO(v.id, { placement }), expected: VOLUME_INFO(v.id, { placement: wantPlacement }) });
    const relocation = (info.relocation ?? null) as { entries?: Array<{ to: number; done: boolean }> } | null;
    const wantRelocation = m.relocationView(v);
    if (json(relocation) !== json(wantRelocation)) {
      note(`${v.id}: relocation ${json(relocation)}, expected ${json(wantRelocation)}`, relocation && wantRelocation ? { actual: VOLUME_INFO(v.id, { relocation }), expected: VOLUME_INFO(v.id, { relocation: wantRelocation }) } : null);
    }
    for (const l of ldevs) owned[m.groupIds.indexOf(l.raidGroup)]!++;
    for (const e of relocation?.entries ?? []) if (!e.done) owned[m.ldevGroup[e.to] ?? 0]!++;
  }
  // The free pool: as the trace shows it (carved less owned), and the pool itself (PL-INV-2).
  m.groupIds.forEach((id, g) => {
    const derived = m.carved[g]! - owned[g]!;
    if (derived !== m.freeIn(g)) note(`PL-INV-2: group ${id} shows ${derived} free LDEVs (${m.carved[g]} carved less ${owned[g]} owned), expected ${m.freeIn(g)}`, null);
    const pooled = system.pool.freeCount(system.group(id));
    if (pooled !== m.freeIn(g)) note(`PL-INV-2: group ${id}'s pool holds ${pooled} free LDEVs, expected ${m.freeIn(g)}`, null);
  });
  for (let n = 0; n < m.ldevGroup.length; n++) {
    if (system.pool.isFree(n) === m.free.has(n)) continue;
    note(`PL-INV-2: LDEV ${n} is ${m.free.has(n) ? 'not ' : ''}in the free pool`, null);
    break;
  }
  // PL-INV-1: each volume's host view is the reference volume (no statistics counted: the checker is no host).
  m.volumes.forEach((v, vi) => {
    const volume = system.volume(v.id);
    const want = m.view(vi, 0, v.bytes);
    if (!want) return; // the copy volume before its division: refused (LC-W-9), checked by the read command
    const got = attempt(() => hostView(r, volume, v.bytes));
    if (!got.ok) {
      note(`PL-INV-1: reading ${v.id} refused with ${got.code}: ${got.message}`, { actual: { op: 'read', system: SYSTEM, volume: v.id, offset: 0, length: v.bytes, expectError: got.code }, expected: { op: 'read', system: SYSTEM, volume: v.id, offset: 0, length: v.bytes } });
      return;
    }
    const i = firstKnownDiff(got.value, want.bytes, want.known);
    if (i >= 0) note(`PL-INV-1: ${v.id} byte ${i} reads ${got.value[i]}, expected ${want.bytes[i]}`, knownDiffWitness(v.id, 0, got.value, want.bytes, want.known, i));
  });
  const c = checkWitness(r, scope);
  if (c) note(c.message, c.witness);
  if (why.length > 0) throw new CommandFailure(why.join('; '), witnesses, false);
}

// ---------------------------------------------------------------------------
