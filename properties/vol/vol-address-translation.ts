/**
 * VOL-INV-2.addressTranslation: OPEN-V volumes made of several LDEVs on several RAID groups
 * (random `areas` placing track ranges on named groups) behave like flat byte arrays.
 *
 * - Formation (VOL-F-1..4, LDEV-1..3): table entry i maps [i·L, min((i+1)·L, bytes)); entries
 *   an area touches take LDEVs of the area's group, others the default group; no LDEV serves
 *   twice; LDEV numbers run consecutively across groups in definition order, each a slice
 *   [k·L, (k+1)·L) of its group; the area reports name the right bytes and LDEVs.
 * - Translation (VOL-A-1, VOL-A-2): locate(addr) is (entry floor(addr/L), addr mod L);
 *   pieces() cut a request at LDEV boundaries.
 * - Data (VOL-A-3): reads and writes agree with a flat reference per volume. Once a group has
 *   lost data, a request with any piece touching a lost unit is refused whole with DATA_LOSS
 *   and changes nothing (the other pieces read back unchanged); requests avoiding lost units
 *   still work.
 *
 * The pieces live apart: the scenario (vol-scenario.ts), the reference model (vol-reference.ts),
 * the commands (vol-commands.ts), the generators (vol-generators.ts), formation and its checks
 * (vol-formation.ts) and the property (vol-property.ts); this file re-exports them.
 */
export { type AreaSpec, LDEV_SIZES, type SystemShape, type VolumeSpec } from './vol-scenario.ts';
export { VolModel, type VolReal } from './vol-reference.ts';
export { systemShapeArb, type VolScenario, volScenarioArb } from './vol-generators.ts';
export { buildSystem } from './vol-formation.ts';
export { volAddressTranslation, volumeProperty } from './vol-property.ts';
