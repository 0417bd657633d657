/**
 * LIM-INV-1's observation: what a refused step may not change (spec/trace-format.md, "it
 * changes nothing in the model"), as a cheap fingerprint of a RunContext read from the model's
 * own state, never by running a step. Sections:
 *
 * - `systems`: failed or not, free LDEVs and idle bytes, pair tables in use, each RAID group's
 *   health and rebuild positions, and each device's writes, bytes written and bytes allocated
 *   (a refused step that stored one byte anywhere shows here, wherever it landed);
 * - `links`: every inter-controller path, up or down;
 * - `volumes`: every volume's volumeInfo facts (capacity, tracks, allocated bytes, table
 *   version, the LDEVs or ranges it maps);
 * - `pairs` and `processes`: every pair's state, extents, pointers and difference bitmaps
 *   (hashed), and every background process's position;
 * - `placement`: per system the host I/O count and per-LDEV statistics of the window (PL-S-1),
 *   the period and rounds of the planner (PL-P-2), and every relocation's progress;
 * - `bytes`: the sha256 of what the host reads now (readAgain: no statistics, no rounds) of
 *   every range a host wrote so far and of track 0 (the VTOC) of every volume, each range
 *   hashed at its head and tail (WINDOW_BYTES each), so a fingerprint costs little even when a
 *   write was long.
 */
import { createHash } from 'node:crypto';
import type { DifferenceBitmap } from '../../src/bitmap/difference-bitmap.ts';
import type { Model } from '../../src/model/model.ts';
import { processSnapshots } from '../../src/observe/process-snapshots.ts';
import { readAgain } from '../../src/observe/read-again.ts';
import type { RunContext } from '../../src/trace/context.ts';
import type { LogicalVolume } from '../../src/volume/logical-volume.ts';

/** Bytes hashed at each end of a written range (and of track 0). */
export const WINDOW_BYTES = 64 * 1024;

export type Fingerprint = Readonly<Record<'systems' | 'links' | 'volumes' | 'pairs' | 'processes' | 'placement' | 'bytes', string>>;

/** The byte ranges [offset, end) accepted host writes covered, per volume (`"SYSTEM:VOLUME"`), merged. */
export class WrittenRanges {
  private readonly byVolume = new Map<string, Array<[number, number]>>();

  add(system: string, volume: string, offset: number, length: number): void {
    if (length <= 0) return;
    const key = JSON.stringify([system, volume]); // names may hold ':' (a fuzzed name): no ambiguity
    const list = [...(this.byVolume.get(key) ?? []), [offset, offset + length] as [number, number]].sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const r of list) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    this.byVolume.set(key, merged);
  }

  *ranges(): Generator<{ system: string; volume: string; offset: number; end: number }> {
    for (const [key, list] of this.byVolume) {
      const [system, volume] = JSON.parse(key) as [string, string];
      for (const [offset, end] of list) yield { system, volume, offset, end };
    }
  }
}

function sha(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function bitsDigest(b: DifferenceBitmap): string {
  const words = b.wordsCopy();
  return `${b.bits}/${b.count()}/${sha(new Uint8Array(words.buffer, words.byteOffset, words.byteLength))}`;
}

function systemsPart(model: Model): string {
  const out: string[] = [];
  for (const s of model.systems.values()) {
    out.push(`S ${JSON.stringify(s.id)} failed=${s.failed} freeLdevs=${s.pool.freeCount()} idle=${s.idle.freeBytes()} tables=${s.pairTablePool.inUse}`);
    for (const g of s.groups.values()) {
      const devices = g.devices.map((d) => `${d.counters.writes}:${d.counters.bytesWritten}:${d.allocatedBytes}`).join(',');
      const rebuild = g.rebuildProgress().map((r) => `${r.device}@${r.done}/${r.total}`).join(',');
      out.push(`  G ${JSON.stringify(g.id)} ${g.health.health.join(',')} rebuild[${rebuild}] devices[${devices}]`);
    }
  }
  return out.join('\n');
}

function tableOf(v: LogicalVolume): string {
  const entries = v.table.map((t) => `${t.ldev.number ?? `${t.ldev.group.id}+${t.ldev.groupOffset}`}:${t.first}-${t.last}`).join(',');
  return entries.length > 256 ? sha(entries) : entries;
}

function volumesPart(model: Model): string {
  const out: string[] = [];
  for (const s of model.systems.values()) {
    for (const v of s.volumes.values()) {
      out.push(`V ${JSON.stringify(`${s.id}:${v.id}`)} ${v.emulation.type} bytes=${v.bytes} capacity=${v.capacityBytes} tracks=${v.tracks} allocated=${v.allocatedBytes} version=${v.version} redirect=${v.redirect !== null} table=${tableOf(v)}`);
    }
  }
  return out.join('\n');
}

function pairsPart(model: Model): string {
  const out: string[] = [];
  for (const p of model.localCopy.pairs.values()) {
    const bits = [p.bits.gen, p.bits.div, p.bits.upd].map(bitsDigest).join(' ');
    out.push(`L ${JSON.stringify(p.id)} ${p.machineState} area=${JSON.stringify(p.area)} divided=${JSON.stringify(p.dividedExtents)} update=${JSON.stringify(p.updateExtents)} bits=${bits}`);
  }
  for (const p of model.remote.pairs.values()) {
    const takeover = p.takeoverCopy ? `${p.takeoverCopy.pointer}/${bitsDigest(p.takeoverCopy.pending)}` : '-';
    out.push(`R ${JSON.stringify(p.id)} ${p.state} pointer=${p.pointer} suspend=${p.suspendReason} with=${p.takenOverWith} target=${p.targetKey} takeover=${takeover} bits=${bitsDigest(p.bits)}`);
  }
  for (const p of model.migration.pairs.values()) out.push(`M ${JSON.stringify(p.id)} ${p.state} pointer=${p.pointer} pending=${bitsDigest(p.pending)}`);
  return out.join('\n');
}

function placementPart(model: Model): string {
  const out: string[] = [];
  const { statistics, rounds } = model.placement;
  for (const id of model.systems.keys()) {
    const stats = statistics.of(id);
    out.push(`P ${JSON.stringify(id)} ios=${stats.hostIos} every=${rounds.every(id)} rounds=${rounds.rounds(id)} ldevs=${sha(JSON.stringify(stats.ldevs()))}`);
  }
  for (const [name, r] of model.placement.relocations) {
    out.push(`R ${JSON.stringify(name)} done=${r.done} pointer=${r.pointer} moved=${r.moves.filter((m) => m.done).length}/${r.moves.length}`);
  }
  return out.join('\n');
}

/** sha256 of the host's view of [offset, end) at both ends; `-` where the model refuses the read. */
function rangeDigest(model: Model, system: string, volume: string, offset: number, end: number): string {
  const windows = end - offset <= 2 * WINDOW_BYTES ? [[offset, end]] : [[offset, offset + WINDOW_BYTES], [end - WINDOW_BYTES, end]];
  return windows
    .map(([a, b]) => {
      const bytes = readAgain(model, system, volume, a!, b! - a!);
      return bytes === null ? '-' : sha(bytes);
    })
    .join('+');
}

function bytesPart(model: Model, written: WrittenRanges): string {
  const out: string[] = [];
  for (const r of written.ranges()) out.push(`W ${JSON.stringify(`${r.system}:${r.volume}`)} ${r.offset}-${r.end} ${rangeDigest(model, r.system, r.volume, r.offset, r.end)}`);
  for (const s of model.systems.values()) {
    if (s.failed) continue;
    for (const v of s.volumes.values()) {
      const { offset, length } = v.trackRange(0);
      out.push(`T0 ${JSON.stringify(`${s.id}:${v.id}`)} ${rangeDigest(model, s.id, v.id, offset, offset + Math.min(length, WINDOW_BYTES))}`);
    }
  }
  return out.join('\n');
}

/** The fingerprint of everything a refused step must leave as it was. */
export function fingerprint(ctx: RunContext, written: WrittenRanges): Fingerprint {
  const model = ctx.model;
  return {
    systems: systemsPart(model),
    links: [...model.paths].map(([k, up]) => `${k}=${up}`).join(','),
    volumes: volumesPart(model),
    pairs: pairsPart(model),
    processes: JSON.stringify(processSnapshots(model)),
    placement: placementPart(model),
    bytes: bytesPart(model, written),
  };
}

/** The first section two fingerprints differ in, with the first differing line of each; null when equal. */
export function fingerprintDiff(before: Fingerprint, after: Fingerprint): string | null {
  for (const section of Object.keys(before) as Array<keyof Fingerprint>) {
    if (before[section] === after[section]) continue;
    const a = before[section].split('\n');
    const b = after[section].split('\n');
    let i = 0;
    while (i < Math.max(a.length, b.length) && a[i] === b[i]) i++;
    return `${section} changed: before "${(a[i] ?? '(none)').slice(0, 300)}", after "${(b[i] ?? '(none)').slice(0, 300)}"`;
  }
  return null;
}
