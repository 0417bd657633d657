/**
 * TERM-V-1 (spec/terminals.md; the table is in spec/glossary.md): the model's pair states as
 * CCI's pairdisplay names them, per side, and pairvolchk's `-ss` exit values.
 */

/** What pairdisplay shows on the P-VOL line and the S-VOL line. */
export interface CciStatus {
  readonly pvol: string;
  readonly svol: string;
}

const same = (s: string): CciStatus => ({ pvol: s, svol: s });

/** ShadowImage (local pairs): a quick split in progress is PSUS(SP), a resync COPY(RS). */
const LOCAL: Readonly<Record<string, CciStatus>> = {
  generating: same('COPY'),
  generated: same('PAIR'),
  dividing: same('PSUS(SP)'),
  divided: { pvol: 'PSUS', svol: 'SSUS' },
  extentUpdating: same('COPY(RS)'),
  extentDividing: same('PSUS(SP)'),
  extentDivided: { pvol: 'PSUS', svol: 'SSUS' },
  extentCoupling: same('COPY(RS)'),
  suspendedByError: same('PSUE'),
  formationCompleted: same('PAIR'),
  deleted: same('SMPL'),
};

/** TrueCopy (remote pairs): a split by request is PSUS/SSUS, any other suspension PSUE; a takeover SSWS. */
function remote(state: string, reason: string | undefined): CciStatus {
  switch (state) {
    case 'simplex': return same('SMPL');
    case 'copying': return same('COPY');
    case 'duplex': return same('PAIR');
    case 'suspended': return reason === 'request' ? { pvol: 'PSUS', svol: 'SSUS' } : same('PSUE');
    case 'suspendedByError': return same('PSUE');
    case 'takingOver':
    case 'takenOver': return { pvol: 'PSUE', svol: 'SSWS' };
    default: return same(state);
  }
}

/** A migration (second and sixth embodiments) copies like an initial copy, then the pair is gone. */
const MIGRATION: Readonly<Record<string, CciStatus>> = { migrating: same('COPY'), simplex: same('SMPL') };

/** TERM-T-3: every status `pairevtwait -s` knows: CCI's names and the model's states. */
export const KNOWN_STATUSES: ReadonlySet<string> = new Set([
  ...['SMPL', 'COPY', 'COPY(RS)', 'PAIR', 'PSUS', 'PSUS(SP)', 'SSUS', 'PSUE', 'SSWS'],
  ...Object.keys(LOCAL), ...Object.keys(MIGRATION), 'copying', 'duplex', 'suspended', 'takingOver', 'takenOver',
].map((n) => n.toLowerCase()));

export function cciStatus(kind: string, state: string, suspendReason?: string): CciStatus {
  if (kind === 'remote') return remote(state, suspendReason);
  const table = kind === 'local' ? LOCAL : MIGRATION;
  return table[state] ?? same(state);
}

/** pairvolchk `-ss` exit values (CCI): 11 SMPL; P-VOL 22 COPY, 23 PAIR, 24 PSUS, 25 PSUE; S-VOL 32..35. */
export function pairvolchkCode(side: 'pvol' | 'svol' | null, status: string): number {
  if (side === null || status === 'SMPL') return 11;
  const base = side === 'pvol' ? 20 : 30;
  const s = status.replace(/\(.*\)$/, '');
  if (s === 'COPY') return base + 2;
  if (s === 'PAIR') return base + 3;
  if (s === 'PSUE') return base + 5;
  return base + 4; // PSUS, SSUS, SSWS: suspended
}
