import { pieceLength, type StorageDevice } from '../device/storage-device.ts';
import type { Arena } from '../kernels/arena.ts';

/**
 * RAID-W-2: P (and Q) of media [at, at+length) from the data devices' bytes where they lie. Pieces
 * whose chunks follow one another in the arena on every device go to one kernel call.
 */
export function parityInPlace(arena: Arena, at: number, length: number, data: readonly StorageDevice[], p: StorageDevice, q: StorageDevice | null): void {
  const k = data.length;
  const base: number[] = [];
  const pointers: number[] = [];
  let pAt = 0;
  let qAt = 0;
  let span = 0;
  takeInOrder(p, at, length);
  if (q) takeInOrder(q, at, length);
  const flush = () => {
    if (span === 0) return;
    if (q) arena.genPQ(pAt, qAt, base, span);
    else arena.xorMany(pAt, base, span);
  };
  for (let rel = 0; rel < length; ) {
    const n = pieceLength(at + rel, length - rel);
    const pp = p.writeSpan(at + rel, n);
    const qp = q ? q.writeSpan(at + rel, n) : 0;
    let follows = span > 0 && pp === pAt + span && (!q || qp === qAt + span);
    for (let j = 0; j < k; j++) {
      pointers[j] = data[j]!.readPointer(at + rel);
      follows &&= pointers[j] === base[j]! + span;
    }
    if (follows) span += n;
    else {
      flush();
      for (let j = 0; j < k; j++) base[j] = pointers[j]!;
      pAt = pp;
      qAt = qp;
      span = n;
    }
    rel += n;
  }
  flush();
}

/** P's chunks, then Q's, taken before the loop: each is one arena run, so a later overwrite is one kernel call. */
function takeInOrder(device: StorageDevice, at: number, length: number): void {
  for (let rel = 0; rel < length; rel += pieceLength(at + rel, length - rel)) device.writePointer(at + rel);
}
