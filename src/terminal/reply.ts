/** What a terminal command answers (TERM-T-1): lines to show and an exit value, as CCI commands have. */
import type { StepOutcome } from '../trace/runner.ts';
import type { Invalid } from './session.ts';

export interface Reply {
  readonly lines: readonly string[];
  /** 0 done; 1 refused by the model; 2 bad command or trace line; CCI's values where CCI has them (spec/glossary.md). */
  readonly rc: number;
  readonly quit?: boolean;
}

/** CCI's EX_INVSTP (invalid pair status): a request the pair's state does not accept. */
export const EX_INVSTP = 228;
/** CCI's EX_EWSTOT: the status was not reached (here: no step can move the pair there). */
export const EX_EWSTOT = 233;
/** CCI's EX_EWSUSE: the pair suspended while waiting. */
export const EX_EWSUSE = 234;

export const usage = (message: string): Reply => ({ lines: [message], rc: 2 });

/** The exit value of a step's outcome: refusals by code, bad lines 2. */
export function rcOf(out: StepOutcome | Invalid): number {
  if (out.ok) return out.expectFailed === undefined ? 0 : 1;
  const code = out.error!.code;
  if (code === 'TRACE_INVALID') return 2;
  if (code === 'INTERNAL_ERROR') return 4;
  return code === 'INVALID_STATE' ? EX_INVSTP : 1;
}

/** A refusal as one line: the command, the model's code and message, the exit value. */
export function refusal(command: string, out: StepOutcome | Invalid): string {
  return `${command}: refused ${out.error!.code}: ${out.error!.message} [rc=${rcOf(out)}]`;
}
