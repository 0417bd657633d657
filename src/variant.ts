/** The header's `variant` (spec/trace-format.md, "Variants"): the seed's flowcharts as written, or with the errata of spec/ applied. */
export type Variant = 'literal' | 'corrected';
