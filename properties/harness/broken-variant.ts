/**
 * The shared body of the broken-variant tests (properties/*\/…broken….test.ts): a property run
 * on a deliberately broken model must fail with a trace counterexample and shrink it to a
 * handful of commands. `breakIt` patches the model (vi.spyOn); the patches are restored
 * before the counterexample is judged.
 */
import fc from 'fast-check';
import { expect, vi } from 'vitest';
import { ranCommands, TraceError } from './trace-failure.ts';

export function expectCaughtAndShrunk(name: string, property: () => fc.IProperty<any>, breakIt: (() => void) | undefined, shrunkMax: number): void {
  breakIt?.();
  const details = fc.check(property(), { numRuns: 500 });
  vi.restoreAllMocks();
  const replay = `seed ${details.seed}, path ${details.counterexamplePath}`;
  expect(details.failed, 'the property must fail on a broken variant').toBe(true);
  expect(details.errorInstance, replay).toBeInstanceOf(TraceError);
  const ran = ranCommands((details.counterexample![0] as [unknown, Iterable<unknown>])[1]);
  const message = (details.errorInstance as Error).message;
  expect(ran.length, `${replay}: ${ran.join(', ')}\n${message}`).toBeGreaterThanOrEqual(1);
  expect(ran.length, `${replay}: ${ran.join(', ')}\n${message}`).toBeLessThanOrEqual(shrunkMax);
  if (process.env.PROPERTIES_REPORT) console.log(`${name}: ${ran.length} commands: ${ran.join(', ')}\n${message.split('\n')[0]}`);
}
