/**
 * Compiles parity.wat into parity-wasm.ts (`npm run build:wasm`).
 *
 * The bytes are committed as base64 so that the model runs without wabt (a dev
 * dependency) and without reading files at run time. The drift test in
 * kernels.test.ts calls {@link compileWat} and compares, so the .wat and the
 * committed bytes cannot silently disagree.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import wabtInit from 'wabt';

const WAT_PATH = fileURLToPath(new URL('./parity.wat', import.meta.url));
const OUT_PATH = fileURLToPath(new URL('./parity-wasm.ts', import.meta.url));

/** Compiles parity.wat with SIMD enabled; deterministic, so it can be compared byte for byte. */
export async function compileWat(): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const source = await readFile(WAT_PATH, 'utf8');
  const module = wabt.parseWat('parity.wat', source, { simd: true });
  try {
    module.resolveNames();
    module.validate();
    return module.toBinary({ log: false, canonicalize_lebs: true, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

/** The text of parity-wasm.ts for the given module bytes. */
export function renderModuleFile(wasm: Uint8Array): string {
  const base64 = Buffer.from(wasm).toString('base64');
  return [
    '// GENERATED FILE - do not edit. Regenerate with `npm run build:wasm`',
    '// (src/kernels/build.ts compiles src/kernels/parity.wat with wabt, SIMD enabled).',
    '',
    '/** The compiled parity kernels (parity.wat), base64-encoded. */',
    `export const PARITY_WASM_BASE64 = '${base64}';`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const wasm = await compileWat();
  await writeFile(OUT_PATH, renderModuleFile(wasm));
  console.log(`wrote ${OUT_PATH} (${wasm.length} bytes of wasm)`);
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  await main();
}
