import * as fc from 'fast-check';

/**
 * One global seed for every property of a test run, so CI is reproducible (STYLE.md: "CI
 * fixes a global seed and prints it"). `FC_SEED=<n>` picks another; `FC_SEED=random` draws
 * one from fast-check's default source, for exploratory runs. A failure prints its seed and
 * path either way.
 */
const chosen = process.env.FC_SEED;
if (chosen !== 'random') {
  const seed = chosen === undefined ? 20261125 : Number.parseInt(chosen, 10);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
