/**
 * A deliberately wrong adapter, to show what a conformance run catches and how small the
 * counterexample it reports is. It is the model (examples/adapters/model-adapter.ts) with one
 * storage bug: it FORGETS COPY-ON-WRITE after a pair division. A host read of the copy volume
 * of an in-system pair that is `dividing` or `divided` returns, for every track of the
 * original written since the division, the original's current bytes instead of the image
 * settled at the division (LC-W-2, LC-W-9, LC-INV-1).
 *
 * It shows only in some interleavings: a division, then a write to the original, then a read
 * of the copy over that track while the pair is still divided. Reads before any such write,
 * and every answer but a read's bytes, are the model's.
 *
 *   npx tsx src/cli.ts conformance --adapter "npx tsx examples/adapters/buggy-adapter.ts"
 */
import { pathToFileURL } from 'node:url';
import { sha256Hex, toHex } from '../../src/trace/data.ts';
import { runStep } from '../../src/trace/runner.ts';
import { type Answer, serveAdapter } from './model-adapter.ts';

/** The states in which the copy volume serves the division's settled image (spec/local-copy.md LC-W-9). */
const DIVIDED_STATES: ReadonlySet<string> = new Set(['dividing', 'divided']);

/** The model's answer, except a copy read after a division returns the original's bytes where it was written since. */
export function forgetfulAnswer(): Answer {
  /** Per pair: the original's tracks written since its last division. */
  const written = new Map<string, Set<number>>();
  return (ctx, line, step) => {
    const out = runStep(ctx, line, step);
    if (!out.ok) return out;
    if (step.op === 'pairDivide' && 'pair' in step) {
      written.set(step.pair, new Set());
      return out;
    }
    if (step.op !== 'write' && step.op !== 'read') return out;
    const volume = ctx.model.system(step.system).volume(step.volume);
    const pair = ctx.model.localCopy.pairOf(volume);
    if (!pair || !DIVIDED_STATES.has(pair.machineState)) return out;
    const tracks = written.get(pair.id) ?? new Set<number>();
    written.set(pair.id, tracks);
    const trackBytes = volume.emulation.trackBytes;
    const inArea = (t: number) => t < pair.original.tracks && (pair.area === null || pair.area.some(([a, b]) => t >= a && t <= b));
    const length = step.op === 'write' ? (out.bytes as number) : step.length;
    const first = Math.floor(step.offset / trackBytes);
    const last = Math.floor((step.offset + length - 1) / trackBytes);
    if (step.op === 'write') {
      if (volume === pair.original) for (let t = first; t <= last; t++) if (inArea(t)) tracks.add(t);
      return out;
    }
    if (volume !== pair.copy || length === 0) return out;
    // The bug: these tracks are served from the original as it is now.
    const bytes = ctx.model.localCopy.read(volume, step.offset, length);
    for (let t = first; t <= last; t++) {
      if (!tracks.has(t)) continue;
      const a = Math.max(step.offset, t * trackBytes);
      const b = Math.min(step.offset + length, (t + 1) * trackBytes);
      bytes.set(pair.original.read(a, b - a), a - step.offset);
    }
    const sha256 = sha256Hex(bytes);
    return typeof out.hex === 'string' ? { ...out, hex: toHex(bytes), sha256 } : { ...out, sha256 };
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await serveAdapter(process.stdin, process.stdout, forgetfulAnswer);
}
