// A talk a schedule lists more than once (a session repeated on another day, a workshop
// in two slots: the same title and the same speakers) is one card, as the catalog allows
// one talk per title and speakers. The card is the earliest slot's, wherever the schedule
// lists it (Indico exports contributions in no particular order), so its date says when
// the talk can first be seen and the same schedule always gives the same card.

/** When a slot is: its date in the conference's zone, and its start if it has one. */
export interface Slot {
  readonly date?: string | undefined;
  readonly start?: string | undefined;
}

/** The day of a slot (YYYY-MM-DD in the conference's zone); "\uffff" for none (last). */
export const dayOf = (s: Slot) => s.date ?? s.start?.slice(0, 10) ?? "\uffff";

/** Whether slot `a` comes before `b`; a slot without a date or time comes last. */
export function isEarlier(a: Slot, b: Slot): boolean {
  if (dayOf(a) !== dayOf(b)) return dayOf(a) < dayOf(b);
  const at = (s: Slot) => (s.start ? Date.parse(s.start) : Number.POSITIVE_INFINITY);
  return at(a) < at(b);
}

export interface Repeats<T> {
  /** One item per talk, in the schedule's order of the slots kept. */
  readonly kept: T[];
  /** Each other slot, with the slot kept for its talk. */
  readonly merged: { readonly item: T; readonly into: T }[];
}

/** The earliest slot of each talk (ties: the first listed); `talkOf` names the talk. */
export function earliestSlots<T>(
  items: readonly T[],
  talkOf: (item: T) => string,
  slotOf: (item: T) => Slot,
): Repeats<T> {
  const first = new Map<string, T>();
  for (const item of items) {
    const talk = talkOf(item);
    const held = first.get(talk);
    if (!held || isEarlier(slotOf(item), slotOf(held))) first.set(talk, item);
  }
  const kept = items.filter((item) => first.get(talkOf(item)) === item);
  const merged = items
    .filter((item) => first.get(talkOf(item)) !== item)
    .map((item) => ({ item, into: first.get(talkOf(item))! }));
  return { kept, merged };
}
