import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTransitionSink } from '../../../machines/inspection.ts';
import { runTrace } from '../../trace/runner.ts';

/** A trace the campaign replayed: the examples and the saved regressions must all exit 0. */
export interface TraceReplay {
  readonly file: string;
  readonly steps: number;
  readonly exitCode: number;
  readonly firstProblem?: string;
}

export interface TraceReplays {
  readonly traces: TraceReplay[];
  readonly transitions: Map<string, number>;
  readonly states: Set<string>;
}

/** The `.jsonl` files of the folders, sorted per folder; a missing folder has none. */
export function traceFiles(dirs: readonly string[]): string[] {
  return dirs.flatMap((d) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(d, f)) : []));
}

/** Runs each trace against a fresh model, recording the machine transitions it takes (coverage counts them too). */
export function replayTraces(files: readonly string[]): TraceReplays {
  const transitions = new Map<string, number>();
  const states = new Set<string>();
  const sink = (t: { machine: string; edge: string; from: string; to: string }): void => {
    const key = `${t.machine}:${t.edge}`;
    transitions.set(key, (transitions.get(key) ?? 0) + 1);
    states.add(`${t.machine}:${t.from}`).add(`${t.machine}:${t.to}`);
  };
  const traces = files.map((file) => {
    const run = withTransitionSink(sink, () => runTrace(readFileSync(file, 'utf8')));
    const bad = run.results.find((r) => r.expectFailed !== undefined || (run.exitCode === 2 && r.error));
    const firstProblem = bad ? `line ${bad.line}: ${bad.expectFailed ?? bad.error?.message}` : undefined;
    return { file, steps: run.results.length, exitCode: run.exitCode, ...(firstProblem ? { firstProblem } : {}) };
  });
  return { traces, transitions, states };
}
