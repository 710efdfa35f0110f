// The ways people address the bot in text, stripped so the same words reach the grammar
// from every surface: "/virt numa" (Slack), "!virt numa" and "virt-talks: numa" (Matrix),
// "@virt-talks numa" (a typed mention), or just "numa" (the console, a DM). The console
// accepts every form so an admin can rehearse what they will type in their room. Pure.

/** The Slack slash command, and the Matrix (and console) command prefix. */
const SLASH_COMMAND = "/virt";
export const BANG_COMMAND = "!virt";

/** The bot's name as people type it. */
const BOT_NAME = "virt-talks";

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** "/virt", "!virt", "@virt-talks", or "virt-talks" followed by ":" or ",". */
const ADDRESS = new RegExp(
  `^(?:(?:${literal(SLASH_COMMAND)}|${literal(BANG_COMMAND)}|@${literal(BOT_NAME)})(?![\\p{L}\\p{N}_-])[:,]?|${literal(BOT_NAME)}\\s*[:,])\\s*`,
  "iu",
);

/** The question with any leading address removed (once), trimmed. */
export function stripAddress(text: string): string {
  const trimmed = text.trim();
  return trimmed.replace(ADDRESS, "").trim();
}
