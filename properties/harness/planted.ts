/**
 * Planted failures: deliberately broken variants of the model, for testing the campaign
 * itself (README "Campaign": a planted failure makes the campaign fail, save a regression
 * trace, and `replay` explain it). Never active unless named by `--plant NAME` or by a
 * regression trace's `planted` header field. Each one patches a prototype and returns the
 * function that undoes it.
 */
import { LocalCopyManager } from '../../src/local-copy/local-copy-manager.ts';
import { LocalPair } from '../../src/local-copy/local-pair.ts';
import { HANDLERS } from '../../src/trace/handlers/index.ts';
import type { ReadStep } from '../../src/trace/schema.ts';

export interface PlantedFailure {
  readonly name: string;
  /** What is broken, in the spec's words. */
  readonly description: string;
  /** The property that should catch it (an id of properties/index.ts). */
  readonly caughtBy: string;
  /** Breaks the model; returns the undo. */
  readonly install: () => () => void;
}

type PairInternals = { copyTrack(track: number): void; machineState: string };

/** LC-W-2 skipped: a host write during division does not first copy the old track. */
function skipCopyBeforeWrite(): () => void {
  const proto = LocalPair.prototype as unknown as PairInternals;
  const write = LocalCopyManager.prototype.commitWrite;
  const copyTrack = proto.copyTrack;
  let inHostWrite = false;
  LocalCopyManager.prototype.commitWrite = function (this: LocalCopyManager, ...args: Parameters<typeof write>) {
    inHostWrite = true;
    try {
      return write.apply(this, args);
    } finally {
      inHostWrite = false;
    }
  };
  proto.copyTrack = function (this: PairInternals, track: number) {
    if (inHostWrite && this.machineState === 'dividing') return;
    copyTrack.call(this, track);
  };
  return () => {
    LocalCopyManager.prototype.commitWrite = write;
    proto.copyTrack = copyTrack;
  };
}

/**
 * Issue #12's broken variant: the `read` handler allocates a buffer of the requested length
 * before the volume checks the range and the transfer limit (LIM-2), so a read of -1, 2^40 or
 * 1e400 bytes throws a RangeError out of the model (INTERNAL_ERROR) instead of a refusal. The
 * handler is patched, not LogicalVolume.read: the host path checks a read before the volume
 * is asked, so an allocation there would never see a bad length.
 */
function readAllocatesBeforeChecking(): () => void {
  const read = HANDLERS.read;
  HANDLERS.read = (ctx, step) => {
    const buffer = new Uint8Array((step as ReadStep).length); // the bug: sized by the request, unchecked
    void buffer;
    return read(ctx, step);
  };
  return () => {
    HANDLERS.read = read;
  };
}

export const PLANTED: readonly PlantedFailure[] = [
  {
    name: 'lc-skip-copy-before-write',
    description: 'LC-W-2 skipped: a host write racing the division copy overwrites a track the copy still needs',
    caughtBy: 'LC-INV-1.pointInTime',
    install: skipCopyBeforeWrite,
  },
  {
    name: 'read-allocates-before-checking',
    description: 'LIM-2 undone: the read handler allocates the requested length before any check, so a huge or negative length crashes the model',
    caughtBy: 'LIM-INV-1.noCrashNoChange',
    install: readAllocatesBeforeChecking,
  },
];

/** Installs the planted failure `name`; NOT_FOUND-like error text lists the known names. */
export function plant(name: string): () => void {
  const p = PLANTED.find((x) => x.name === name);
  if (!p) throw new Error(`unknown planted failure "${name}" (known: ${PLANTED.map((x) => x.name).join(', ')})`);
  return p.install();
}
