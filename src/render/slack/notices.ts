// Short fixed texts the listeners send besides rendered answers.
export const NOTICES = Object.freeze({
  error: "Sorry, something went wrong while answering. Please try again in a moment.",
  postFailed: "Sorry, I couldn't post the answer in this channel.",
  expiredButton: "That button has expired; please run the search again.",
  unknownTalk: "That talk is no longer in the catalog.",
  shareFailed: "Sorry, I couldn't share that talk in this channel.",
});
