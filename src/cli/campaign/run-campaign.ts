import * as fc from 'fast-check';
import type { PropertyDefinition } from './property-definition.ts';

export interface CampaignOptions {
  readonly runs: number;
  readonly seed: number;
  /** Called after each run of a property (shrinking runs included). */
  readonly onRun?: (id: string, runs: number) => void;
  /** Called when a property has finished (passed, or failed and shrunk). */
  readonly onDone?: (outcome: PropertyOutcome) => void;
}

export interface PropertyOutcome {
  readonly id: string;
  readonly title: string;
  readonly runs: number;
  readonly failed: boolean;
  /** Replay with fc.assert(property, { seed, path, endOnFailure: true }). */
  readonly replay?: { seed: number; path: string };
  readonly counterexample?: string;
  readonly error?: string;
  readonly millis: number;
}

/** Counts the runs of a property as fast-check makes them. */
function counted<P extends object>(property: P, onRun: (runs: number) => void): P {
  let runs = 0;
  return new Proxy(property, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'run' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (...args: unknown[]) => {
        onRun(++runs);
        return value.apply(target, args);
      };
    },
  });
}

/** Runs each property for `runs` runs from one seed; a failure keeps its replay token. */
export async function runCampaign(defs: readonly PropertyDefinition[], opts: CampaignOptions): Promise<PropertyOutcome[]> {
  const outcomes: PropertyOutcome[] = [];
  for (const def of defs) {
    const started = performance.now();
    const property = counted(def.property(opts.runs), (n) => opts.onRun?.(def.id, n));
    const details = await fc.check(property, { numRuns: opts.runs, seed: opts.seed });
    const outcome: PropertyOutcome = {
      id: def.id,
      title: def.title,
      runs: details.numRuns,
      failed: details.failed,
      ...(details.failed
        ? {
            replay: { seed: details.seed, path: details.counterexamplePath ?? '' },
            counterexample: fc.stringify(details.counterexample),
            error: String(details.errorInstance ?? ''),
          }
        : {}),
      millis: performance.now() - started,
    };
    outcomes.push(outcome);
    opts.onDone?.(outcome);
  }
  return outcomes;
}
