// Permalinks for chat: with PUBLIC_URL set, every card the conversation turn (and the daily
// post) hands an adapter carries the address of its talk's page, which the Slack, Matrix and
// console renderers link the title to; and a link to a talk page posted in Slack is looked
// up for its unfurl.
import { toCard } from "../core/card.ts";
import type { Library } from "../core/library.ts";
import { type TalkPages, withPermalink } from "../core/permalink.ts";
import type { Reply } from "../core/reply.ts";
import type { ConversationTurn } from "../core/turn.ts";
import { paths } from "../render/web/paths.ts";

export function createTalkPages(publicUrl: string, library: Library): TalkPages {
  const prefix = `${publicUrl}/talks/`;
  const url = (id: string) => publicUrl + paths.talk(id);
  return {
    url,
    cardAt(link) {
      let parsed: URL;
      try {
        parsed = new URL(link);
      } catch {
        return null;
      }
      const bare = `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, "");
      if (!bare.startsWith(prefix)) return null;
      const rest = bare.slice(prefix.length);
      if (rest.includes("/")) return null;
      let id: string;
      try {
        id = decodeURIComponent(rest);
      } catch {
        return null;
      }
      const talk = library.current().catalog.byId.get(id);
      return talk ? withPermalink(toCard(talk), url(talk.id)) : null;
    },
  };
}

/** The reply with each card's permalink set. */
function linkReply(reply: Reply, pages: TalkPages): Reply {
  if (reply.kind === "results")
    return {
      ...reply,
      hits: reply.hits.map((h) => ({ ...h, card: withPermalink(h.card, pages.url(h.card.id)) })),
    };
  if (reply.kind === "talk")
    return { ...reply, card: withPermalink(reply.card, pages.url(reply.card.id)) };
  return reply;
}

/** The turn, answering with permalinked cards. */
export function withPermalinks(turn: ConversationTurn, pages: TalkPages): ConversationTurn {
  return {
    async handle(input) {
      const result = await turn.handle(input);
      return result.reply ? { ...result, reply: linkReply(result.reply, pages) } : result;
    },
  };
}
