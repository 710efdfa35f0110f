// The chat commands a search box cannot run: paging through a listing ("more", "page 2",
// "show 3"), a channel's subscription and watches, and "stop posting here". Typed on the
// search page they would be searched as words and answer "No talks found for “more”";
// the page says instead that they are for chat and what it offers for them. The
// one grammar (src/core/grammar.ts) decides, by the kinds of command it returns.
import { type Command, type CoreCommand, isCoreCommand, parseCommand } from "../core/grammar.ts";
import { wordData } from "../core/word-data.ts";
import { paths } from "../render/web/paths.ts";
import type { ChatOnly } from "../render/web/search.ts";

/** The family of a chat-only command the core would answer ("stop", "page 0"), or null. */
function coreChatOnly(command: CoreCommand): ChatOnly | null {
  if (command.kind !== "usage") return null;
  if (command.problem === "numbered-from-1") return "paging";
  return command.problem === "stop" ? "stop" : null;
}

/** The family of a command only chat has (the turn's, the features'). */
function chatOnlyKind(command: Exclude<Command, CoreCommand>): ChatOnly {
  switch (command.kind) {
    case "more":
    case "pick":
    case "page":
    case "previous":
      return "paging";
    case "subscribe":
    case "unsubscribe":
    case "subscription":
    case "subscription-usage":
      return "subscription";
    case "watch":
    case "watches":
    case "unwatch":
    case "watch-usage":
      return "watch";
  }
}

/**
 * The search box's `query`, read once by the chat's grammar (the catalog's word lists):
 * its chat-only family, or the command the core answers, run as it is (core.run).
 */
export type WebQuery =
  | { readonly chat: ChatOnly }
  | { readonly chat: null; readonly command: CoreCommand };

export function readWebQuery(query: string, dataDir?: string): WebQuery {
  const command = parseCommand(query, wordData(dataDir));
  if (!isCoreCommand(command)) return { chat: chatOnlyKind(command) };
  const chat = coreChatOnly(command);
  return chat ? { chat } : { chat: null, command };
}

/**
 * /api/search's error for a chat-only command: what it does in chat and what a client
 * of the API uses instead (the same as the search page says), with absolute addresses.
 */
export function chatOnlyApiError(chat: ChatOnly, query: string, publicUrl: string): string {
  const typed = JSON.stringify(query.trim().slice(0, 60));
  const instead: Record<ChatOnly, string> = {
    paging:
      "here, ask for a page with offset= and limit= (X-Total-Count has the number of matches)",
    subscription: `here, the talk of the day is at ${publicUrl}${paths.today}, and as iCalendar at ${publicUrl}${paths.todayCalendar}`,
    watch: `here, follow the feed of new talks: ${publicUrl}${paths.recentFeed}`,
    stop: "this API posts nothing, so there is nothing to stop",
  };
  return `${typed} is a chat command; ${instead[chat]}.`;
}
