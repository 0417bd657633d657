import { loadTooling } from '../tooling.ts';
import { writeFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { narrate } from '../observe/narrative.ts';
import { observeTrace } from '../observe/observe-trace.ts';
import { parseTrace } from '../trace/parse.ts';
import { failureTrace, firstLine } from './campaign/failure-trace.ts';
import { readTraceFile } from './read-trace-file.ts';
import { recheck } from './campaign/recheck.ts';

export interface ReplayOptions {
  readonly json?: string | undefined;
  /** Replay a property's counterexample from its seed and path instead of a file. */
  readonly property?: string | undefined;
  readonly seed?: number | undefined;
  readonly path?: string | undefined;
  /** With `property`: the planted failure the token was found on. */
  readonly plant?: string | undefined;
}

interface HeaderInfo {
  readonly property?: string;
  readonly planted?: string;
  readonly seed?: number;
  readonly path?: string;
  readonly steps: number;
}

function headerOf(text: string): HeaderInfo {
  try {
    const t = parseTrace(text);
    return { ...t.header, steps: t.steps.length };
  } catch {
    return { steps: 0 }; // observeTrace reports the syntax error
  }
}

/**
 * `replay FILE [--json OUT]`: runs a trace step by step and tells what happened at each step
 * (src/observe/narrative.ts), so a failing regression can be read instead of guessed at.
 * A campaign regression's planted failure (header `planted`) is installed first; one without
 * steps (header `property`, `seed`, `path`) is re-run with fast-check. With `json`, the
 * snapshots behind the narrative are written there. Returns the trace's exit code (0 held,
 * 1 expectation failed or the property fails, 2 invalid trace).
 */
export async function replayCommand(file: string | undefined, o: ReplayOptions): Promise<number> {
  if (file === undefined) return replayProperty(o);
  const read = readTraceFile(file);
  if ('error' in read) {
    process.stdout.write(`${read.error}\n`);
    return 2;
  }
  const text = read.text;
  const h = headerOf(text);
  const unplant = await plantFor(h.planted);
  if (!unplant) return 2;
  try {
    const snapshots = observeTrace(text, file);
    process.stdout.write(`${narrate(snapshots).join('\n')}\n`);
    if (o.json !== undefined) writeFileSync(o.json, `${JSON.stringify(snapshots)}\n`);
    if (h.steps > 0 || h.property === undefined || h.seed === undefined) return snapshots.exitCode;
    return await rerun(h.property, h.seed, h.path ?? '', h.planted);
  } finally {
    unplant();
  }
}

/** Installs the planted failure `name` (none: nothing); null when there is no such one (said on stdout). */
async function plantFor(name: string | undefined): Promise<(() => void) | null> {
  if (name === undefined) return () => {};
  const { PLANTED, plant } = await loadTooling();
  if (!PLANTED.some((p) => p.name === name)) {
    process.stdout.write(`unknown planted failure "${name}" (known: ${PLANTED.map((p) => p.name).join(', ')})\n`);
    return null;
  }
  process.stdout.write(`planted failure "${name}" is active for this replay: ${PLANTED.find((p) => p.name === name)?.description ?? '(unknown)'}\n`);
  return plant(name);
}

/** `replay --property ID --seed S --path P`: the counterexample as a trace, told step by step. */
async function replayProperty(o: ReplayOptions): Promise<number> {
  if (o.property === undefined || o.seed === undefined) {
    process.stdout.write('replay needs a FILE, or --property ID with --seed (and --path)\n');
    return 2;
  }
  const unplant = await plantFor(o.plant);
  if (!unplant) return 2;
  try {
    return await rerun(o.property, o.seed, o.path ?? '', o.plant, o.json);
  } finally {
    unplant();
  }
}

async function rerun(id: string, seed: number, path: string, planted: string | undefined, json?: string): Promise<number> {
  const { PROPERTIES } = await loadTooling();
  const def = PROPERTIES.find((d) => d.id === id);
  if (!def) {
    process.stdout.write(`no property "${id}" in properties/index.ts\n`);
    return 2;
  }
  const { details, by } = await recheck(def, seed, path);
  if (by === 'seed' && path !== '') process.stdout.write(`(the path does not replay this property directly: fc.commands keeps its own; re-ran from the seed, which draws and shrinks the same way)\n`);
  process.stdout.write(`\nproperty ${id}, seed ${seed}, path "${path}": ${details.failed ? 'FAILS' : 'holds on this path'}\n`);
  if (!details.failed) return 0;
  process.stdout.write(`  ${firstLine(details.errorInstance)}\n  counterexample: ${fc.stringify(details.counterexample)}\n`);
  const text = failureTrace({ property: id, title: def.title, seed, path, error: details.errorInstance, counterexample: fc.stringify(details.counterexample), planted });
  if (parseTrace(text).steps.length === 0) return 1;
  const snapshots = observeTrace(text, `${id} (seed ${seed})`);
  process.stdout.write(`\nthe counterexample as a trace:\n${narrate(snapshots).join('\n')}\n`);
  if (json !== undefined) writeFileSync(json, `${JSON.stringify(snapshots)}\n`);
  return 1;
}
