/**
 * The compiled parity module and the shape of its exports.
 *
 * Compiling is the expensive step, so it happens once per process (lazily, on
 * the first arena); instantiating is cheap and synchronous, which lets every
 * arena own a private memory without making construction async.
 */
import { PARITY_WASM_BASE64 } from './parity-wasm.ts';

/** The exports of parity.wat; every pointer and length is an unsigned i32. */
export interface ParityExports {
  readonly memory: WebAssembly.Memory;
  xor_into(dst: number, src: number, len: number): void;
  xor_many(dst: number, list: number, count: number, len: number): void;
  gen_pq(p: number, q: number, list: number, count: number, len: number): void;
  mul_xor_into(dst: number, src: number, len: number, tables: number): void;
  mul_into(dst: number, src: number, len: number, tables: number): void;
  is_zero(ptr: number, len: number): number;
}

const FUNCTIONS = ['xor_into', 'xor_many', 'gen_pq', 'mul_xor_into', 'mul_into', 'is_zero'] as const;

let compiled: WebAssembly.Module | undefined;

/** The parity module, compiled on first use. */
export function parityModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(PARITY_WASM_BASE64, 'base64'));
  return compiled;
}

/** A fresh instance with its own memory, checked to export what {@link ParityExports} promises. */
export function instantiateParity(): ParityExports {
  const exports = new WebAssembly.Instance(parityModule(), {}).exports;
  if (!(exports['memory'] instanceof WebAssembly.Memory)) {
    throw new Error('parity module does not export its memory');
  }
  for (const name of FUNCTIONS) {
    if (typeof exports[name] !== 'function') throw new Error(`parity module lacks ${name}`);
  }
  return exports as unknown as ParityExports;
}
