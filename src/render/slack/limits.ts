// Block Kit limits (docs.slack.dev/reference/block-kit). Slack rejects a whole message
// (invalid_blocks) when one field is over, so the renderer stays within every one.
export const BLOCK_KIT_LIMITS = Object.freeze({
  blocksPerMessage: 50,
  sectionText: 3000,
  contextElements: 10,
  contextText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonUrl: 3000,
  buttonValue: 2000,
  actionsElements: 25,
  /** Not a hard Slack limit: notifications and clients show a few lines at most. */
  fallbackText: 4000,
});

/** Our own budgets inside those limits, so one long field cannot crowd out the rest. */
export const BUDGETS = Object.freeze({
  title: 300,
  byline: 300,
  /** A title is linked only when the link markup stays this short; the button keeps the URL. */
  titleLinkUrl: 1500,
  topics: 500,
  /** Cards a message shows at most (the core pages by 3). */
  cardsPerMessage: 10,
});
