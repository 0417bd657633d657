import type { Arena } from '../kernels/arena.ts';
import { gfInv, gfMul, gfPow2 } from '../kernels/gf256.ts';
import { fail } from '../errors.ts';

/**
 * Images of one run in arena scratch: data units 0..k-1, then P, then Q (RAID6).
 * Each image is `length` bytes.
 */
export interface RunImages {
  readonly arena: Arena;
  readonly ptr: readonly number[];
  readonly dataCount: number;
  readonly length: number;
}

/** RAID-P-1 / RAID-P-2: recompute P (and Q) from the data images. */
export function computeParity(im: RunImages, parityCount: 1 | 2): void {
  const k = im.dataCount;
  const data = im.ptr.slice(0, k);
  if (parityCount === 1) im.arena.xorMany(im.ptr[k]!, data, im.length);
  else im.arena.genPQ(im.ptr[k]!, im.ptr[k + 1]!, data, im.length);
}

/**
 * RAID-D-1..RAID-D-4: rebuilds the missing data images from the present ones.
 * `missing` lists data unit indices; `pPresent`/`qPresent` say which parity images hold
 * valid bytes. Refuses with DATA_LOSS when the redundancy cannot cover the loss.
 */
export function recoverData(
  im: RunImages,
  missing: readonly number[],
  pPresent: boolean,
  qPresent: boolean,
): void {
  if (missing.length === 0) return;
  const [x, y] = missing;
  if (missing.length === 1 && pPresent) return fromP(im, x!);
  if (missing.length === 1 && qPresent) return fromQ(im, x!);
  if (missing.length === 2 && pPresent && qPresent) return fromPQ(im, x!, y!);
  fail('DATA_LOSS', `data units ${missing.join(', ')} cannot be reconstructed from the survivors`);
}

function others(im: RunImages, skip: readonly number[]): number[] {
  const list: number[] = [];
  for (let j = 0; j < im.dataCount; j++) if (!skip.includes(j)) list.push(j);
  return list;
}

/** RAID-D-1: D_x = P ^ XOR of the other data units. */
function fromP(im: RunImages, x: number): void {
  const srcs = [im.ptr[im.dataCount]!, ...others(im, [x]).map((j) => im.ptr[j]!)];
  im.arena.xorMany(im.ptr[x]!, srcs, im.length);
}

/** RAID-D-2: D_x = g^-x · (Q ^ Σ_{j≠x} g^j D_j). */
function fromQ(im: RunImages, x: number): void {
  const a = im.arena;
  const dst = im.ptr[x]!;
  a.bytes().copyWithin(dst, im.ptr[im.dataCount + 1]!, im.ptr[im.dataCount + 1]! + im.length);
  for (const j of others(im, [x])) a.mulXorInto(dst, im.ptr[j]!, im.length, gfPow2(j));
  a.mulInto(dst, dst, im.length, gfPow2(-x));
}

/**
 * RAID-D-3: two data units lost, x < y: with Pxy = P ^ Σ others and Qxy = Q ^ Σ g^j others,
 * D_x = A·Pxy ^ B·Qxy where A = g^(y-x)/(g^(y-x) ^ 1), B = g^-x/(g^(y-x) ^ 1); D_y = Pxy ^ D_x.
 */
function fromPQ(im: RunImages, x: number, y: number): void {
  const a = im.arena;
  const k = im.dataCount;
  const rest = others(im, [x, y]);
  a.xorMany(im.ptr[y]!, [im.ptr[k]!, ...rest.map((j) => im.ptr[j]!)], im.length);
  const q = im.ptr[k + 1]!;
  a.bytes().copyWithin(im.ptr[x]!, q, q + im.length);
  for (const j of rest) a.mulXorInto(im.ptr[x]!, im.ptr[j]!, im.length, gfPow2(j));
  const gyx = gfPow2(y - x);
  const denominator = gfInv(gyx ^ 1);
  const coefA = gfMul(gyx, denominator);
  const coefB = gfMul(gfPow2(-x), denominator);
  a.mulInto(im.ptr[x]!, im.ptr[x]!, im.length, coefB);
  a.mulXorInto(im.ptr[x]!, im.ptr[y]!, im.length, coefA);
  a.xorInto(im.ptr[y]!, im.ptr[x]!, im.length);
}
