// PURE: the help and the usage line as a Slack message, worded for the surface they are
// shown on (a /virt command, a mention, a direct message): each says how to ask there and
// where else the bot answers. Apart from answer.ts, which renders the other answers.
import type { HELP } from "../../core/help.ts";
import { context, type SlackMessage, section } from "./blocks.ts";
import { clip } from "./escape.ts";
import { BLOCK_KIT_LIMITS } from "./limits.ts";
import { askOn, type Surface } from "./surface.ts";

/** Where else the bot answers, as each surface's help tells it. */
const ELSEWHERE: Readonly<Record<Surface, string>> = {
  command:
    "Only you see answers to `/virt`; *Share in channel* shows a card to everyone. Mention me (`@virt-talks numa`) to answer in a thread, or send me a direct message.",
  mention:
    "I answer mentions in a thread, for everyone. `/virt QUERY` answers only you, with More results and Share buttons.",
  dm: "Just type a query here, e.g. `numa`. In a channel: `/virt numa` (only you see the answer) or mention me, `@virt-talks numa`.",
};

/** The help: its commands and examples as typed on `surface`. */
export function renderHelp(help: typeof HELP, surface: Surface): SlackMessage {
  const ask = (query: string) => askOn(surface, query);
  // Raw here and escaped once, by clip: escaping each piece as well showed "&amp;amp;".
  const lines = help.commands.map((c) => `\`${ask(c.syntax)}\` — ${c.description}`);
  const examples = help.examples.map((e) => `\`${ask(e)}\``).join(" · ");
  return {
    text: clip(
      `${help.intro} Try ${help.examples.map(ask).join(", ")}.`,
      BLOCK_KIT_LIMITS.fallbackText,
    ),
    blocks: [
      section(clip(help.intro, BLOCK_KIT_LIMITS.sectionText)),
      section(clip(lines.join("\n"), BLOCK_KIT_LIMITS.sectionText)),
      context(clip(`Examples: ${examples}`, BLOCK_KIT_LIMITS.contextText), ELSEWHERE[surface]),
    ],
  };
}

/** A query the grammar refused: why, and how to see the syntax on `surface`. */
export function renderUsage(message: string, surface: Surface): SlackMessage {
  const help = askOn(surface, "help");
  return {
    text: clip(`${message} Type ${help} for the query syntax.`, BLOCK_KIT_LIMITS.fallbackText),
    blocks: [
      section(`:warning: ${clip(message, BLOCK_KIT_LIMITS.sectionText - 20)}`),
      context(`Type \`${help}\` for the query syntax.`),
    ],
  };
}
