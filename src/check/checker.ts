import type { Model } from '../model/model.ts';
import type { CheckScope } from './check-scope.ts';
import type { Violation } from '../violation.ts';

/**
 * One checker of the `check` op (spec/checking.md, CHK-6): the invariants it declares are the
 * only ones it reports, and `check`'s list of invariants is the union of the declarations.
 * `consume` hands out once what is found only at an instant (RC-INV-5 at a takeover). `T` is
 * what it looks at: the model and those of the checker's references it needs.
 */
export interface Checker<T extends { readonly model: Model } = { readonly model: Model }> {
  readonly name: string;
  readonly invariants: readonly string[];
  check(target: T, scope: CheckScope, consume: boolean): Violation[];
}
