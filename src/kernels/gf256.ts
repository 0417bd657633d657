/**
 * GF(2^8) with polynomial 0x11d and generator 2: the field of Linux md RAID6,
 * so Q = D0 ^ 2·D1 ^ 4·D2 ^ ... matches what md would write to disk.
 *
 * Scalar and table-driven: this is the reference the wasm kernels are tested
 * against, and the source of the constants (nibble tables, recovery
 * coefficients) that the RAID code hands to those kernels.
 */

/** The reduction polynomial x^8 + x^4 + x^3 + x^2 + 1. */
export const GF_POLY = 0x11d;

/** The multiplicative group has 255 elements, so exponents are taken mod 255. */
const ORDER = 255;

/** EXP[i] = 2^i for i < 510, doubled so that EXP[LOG[a] + LOG[b]] needs no mod. */
const EXP = new Uint8Array(2 * ORDER);
/** LOG[a] = i with 2^i = a, for a != 0 (LOG[0] is unused). */
const LOG = new Uint8Array(256);

function fillTables(): void {
  let x = 1;
  for (let i = 0; i < ORDER; i++) {
    EXP[i] = x;
    EXP[i + ORDER] = x;
    LOG[x] = i;
    x = mul2(x);
  }
}

/** 2·a: shift, and reduce when the top bit falls off. */
function mul2(a: number): number {
  return ((a << 1) ^ (a & 0x80 ? GF_POLY : 0)) & 0xff;
}

fillTables();

function requireElement(name: string, a: number): void {
  if (!Number.isInteger(a) || a < 0 || a > 255) {
    throw new RangeError(`${name} must be a GF(2^8) element 0..255, got ${a}`);
  }
}

/** a·b via log/exp tables. */
export function gfMul(a: number, b: number): number {
  requireElement('a', a);
  requireElement('b', b);
  if (a === 0 || b === 0) return 0;
  return EXP[LOG[a]! + LOG[b]!]!;
}

/**
 * a·b by shift-and-add, sharing nothing with the tables: an independent
 * reference used to check them.
 */
export function gfMulSlow(a: number, b: number): number {
  let product = 0;
  for (let x = a, y = b; y !== 0; y >>= 1, x = mul2(x)) {
    if (y & 1) product ^= x;
  }
  return product;
}

/** The multiplicative inverse; 0 has none, and asking for it is a bug. */
export function gfInv(a: number): number {
  requireElement('a', a);
  if (a === 0) throw new RangeError('0 has no inverse in GF(2^8)');
  return EXP[(ORDER - LOG[a]!) % ORDER]!;
}

/** g^n for any integer n (negative, or ≥ 255): g has order 255. */
export function gfPow2(n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`exponent must be an integer, got ${n}`);
  return EXP[((n % ORDER) + ORDER) % ORDER]!;
}

/**
 * The 32 bytes the multiply kernels take for constant c: c·x for x = 0..15, then
 * c·(x << 4) for x = 0..15. Multiplication distributes over XOR, so
 * c·x = lo[x & 15] ^ hi[x >> 4], which SIMD looks up with one swizzle per half.
 */
export function nibbleTables(c: number): Uint8Array {
  requireElement('c', c);
  const tables = new Uint8Array(32);
  for (let x = 0; x < 16; x++) {
    tables[x] = gfMul(c, x);
    tables[16 + x] = gfMul(c, x << 4);
  }
  return tables;
}

/**
 * The coefficients of the classic two-data-failure recovery (H. P. Anvin, "The
 * mathematics of RAID-6"): with Pxy = P ^ (P of the survivors) = Dx ^ Dy and
 * Qxy = Q ^ (Q of the survivors) = g^x·Dx ^ g^y·Dy,
 *   Dx = a·Pxy ^ b·Qxy,   Dy = Pxy ^ Dx,
 * where a = g^(y-x) / (g^(y-x) ^ 1) and b = g^(-x) / (g^(y-x) ^ 1).
 */
export function recoveryCoefficients(x: number, y: number): { a: number; b: number } {
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || x >= y || y >= ORDER) {
    throw new RangeError(`need data indices 0 <= x < y < 255, got x=${x} y=${y}`);
  }
  const gyx = gfPow2(y - x);
  const denominator = gfInv(gyx ^ 1);
  return { a: gfMul(gyx, denominator), b: gfMul(gfPow2(-x), denominator) };
}

// ---------------------------------------------------------------------------
// Scalar references over plain arrays: slow and obvious, for tests.

/** XOR of equally long buffers (zeros when there are none). */
export function refXor(sources: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (const source of sources) {
    for (let i = 0; i < length; i++) out[i]! ^= source[i]!;
  }
  return out;
}

/** c·source, byte by byte. */
export function refMul(c: number, source: Uint8Array): Uint8Array {
  return source.map((byte) => gfMul(c, byte));
}

/** RAID6 P and Q straight from the definition: P = XOR D_j, Q = XOR g^j·D_j. */
export function refGenPQ(
  sources: readonly Uint8Array[],
  length: number,
): { p: Uint8Array; q: Uint8Array } {
  const p = refXor(sources, length);
  const q = new Uint8Array(length);
  sources.forEach((source, j) => {
    const coefficient = gfPow2(j);
    for (let i = 0; i < length; i++) q[i]! ^= gfMul(coefficient, source[i]!);
  });
  return { p, q };
}
