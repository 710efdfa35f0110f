// Concepts said as alternatives ("sev-snp or tdx", "kata or firecracker") are one thing
// asked: a talk's information counts each group once, and a talk on several of them scores
// its best one and only EITHER_REST of the others. The scorer, the reference ranking and
// explain share these.

/**
 * What a talk's other concepts of a group said with "or" add beside its best one: one
 * thing asked, and a talk on both answers it only a little better.
 */
export const EITHER_REST = 0.25;

/** Concepts joined by "or" (a bit each), and the information matching any of them tells. */
export interface EitherGroup {
  readonly mask: number;
  readonly info: number;
}

/** The information the concepts of mask `m` carry, each group of alternatives once. */
export function matchedInfo(
  m: number,
  info: readonly number[],
  groups: readonly EitherGroup[],
  grouped: number,
): number {
  let got = 0;
  for (let b = m & ~grouped; b !== 0; b &= b - 1) got += info[31 - Math.clz32(b & -b)]!;
  for (const g of groups) if (m & g.mask) got += g.info;
  return got;
}

/** The concept bits of each group of two or more concepts (a group of one is no choice). */
export function groupMembers(groups: readonly EitherGroup[]): number[][] {
  const members: number[][] = [];
  for (const g of groups) {
    const bits: number[] = [];
    for (let m = g.mask; m !== 0; m &= m - 1) bits.push(31 - Math.clz32(m & -m));
    if (bits.length >= 2) members.push(bits);
  }
  return members;
}
