import { fail } from '../../errors.ts';
import type { RunContext } from '../context.ts';

type Kind = 'local' | 'remote' | 'migration';

/** A request for another kind of pair is INVALID_STATE (the contract: "the pair's kind ... does not accept the request"). */
export function requirePairKind(ctx: RunContext, id: string, kinds: Kind | readonly Kind[], op: string): Kind {
  const kind = ctx.model.pairKind(id);
  if (kind === undefined) fail('NOT_FOUND', `no pair ${id}`);
  const accepted = typeof kinds === 'string' ? [kinds] : kinds;
  if (!accepted.includes(kind)) fail('INVALID_STATE', `pair ${id} is a ${kind} pair; ${op} is for ${accepted.join(' or ')} pairs`);
  return kind;
}
