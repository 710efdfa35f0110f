// action_ids of the buttons we render; the listeners match on the same constants.
// Each id carries a ":n" suffix so no two buttons of one message share an action_id.
export const ACTION = Object.freeze({
  more: "more_results",
  share: "share_card",
  link: "link",
});

export const actionId = (base: string, ...parts: readonly (string | number)[]): string =>
  [base, ...parts].join(":");

/** Matches an action_id built by actionId(base, ...). */
export const actionPattern = (base: string): RegExp => new RegExp(`^${base}(?::[\\w:-]*)?$`);
