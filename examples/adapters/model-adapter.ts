/**
 * The model itself as a conformance adapter (spec/conformance.md): reads trace-v1 lines on
 * stdin; a header line `{"trace":1,...}` starts a new scenario on a fresh model, every other
 * line is a step, answered with exactly one result line on stdout (the runner's own result
 * line). A conformance run against it agrees by construction, which makes it the smoke test
 * of the protocol and the template for an adapter of your own.
 *
 *   npx tsx src/cli.ts conformance --adapter "npx tsx examples/adapters/model-adapter.ts"
 *
 * `serveAdapter` is exported so that a variant (examples/adapters/buggy-adapter.ts) can wrap
 * the answers; run as a script, this file serves stdin.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { newContext, type RunContext } from '../../src/trace/context.ts';
import { parseTrace, TraceSyntaxError } from '../../src/trace/parse.ts';
import { runStep, type StepOutcome } from '../../src/trace/runner.ts';
import type { TraceStep } from '../../src/trace/schema.ts';

/** Answers one step of the current scenario (default: the model's runner). */
export type Answer = (ctx: RunContext, line: number, step: TraceStep) => StepOutcome;

/**
 * Serves the protocol until `input` ends. `newAnswer` is called at each header, so an answer
 * may keep state of its own per scenario.
 */
export async function serveAdapter(input: Readable, output: Writable, newAnswer: () => Answer = () => runStep): Promise<void> {
  let ctx: RunContext | null = null;
  let answer = newAnswer();
  let line = 0;
  const say = (result: Record<string, unknown>) => output.write(`${JSON.stringify(result)}\n`);
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    line++;
    const obj = safeJson(text);
    if (obj !== null && 'trace' in obj && !('op' in obj)) {
      const variant = obj.variant === 'literal' ? 'literal' : 'corrected';
      ctx = newContext(variant);
      answer = newAnswer();
      line = 1;
      continue;
    }
    const op = typeof obj?.op === 'string' ? obj.op : 'trace';
    if (ctx === null) {
      say({ line, op, ok: false, error: { code: 'TRACE_INVALID', message: 'a step before any header {"trace":1}' } });
      continue;
    }
    let step: TraceStep;
    try {
      step = parseTrace(`{"trace":1}\n${text}`).steps[0]!.step;
    } catch (e) {
      if (!(e instanceof TraceSyntaxError)) throw e;
      say({ line, op, ok: false, error: { code: 'TRACE_INVALID', message: e.detail } });
      continue;
    }
    try {
      say(answer(ctx, line, step));
    } catch (e) {
      // A crash of the model is answered, not fatal: the run reports the step.
      say({ line, op, ok: false, error: { code: 'ADAPTER_ERROR', message: e instanceof Error ? e.message : String(e) } });
    }
  }
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await serveAdapter(process.stdin, process.stdout);
}
