/**
 * What src/ may use of the test tooling, in one module (issue #13): the property definitions,
 * the planted failures, the conformance scenario generators. src/ reaches it only through
 * src/tooling.ts, so the product's code imports nothing from properties/.
 */
export { PROPERTIES } from './index.ts';
export { PLANTED, plant } from './harness/planted.ts';
export { scenarioArb } from './conformance-scenarios.ts';
