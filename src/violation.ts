/** A broken invariant, named by its spec ID. */
export interface Violation {
  readonly invariant: string;
  readonly message: string;
}
