// Links to our talk pages posted in a channel unfurl as the talk's card: Slack sends
// link_shared for the domains the manifest lists under unfurl_domains (scope links:read),
// and chat.unfurl (links:write) attaches the card's blocks to each link we recognise.
// Links that are not a talk page of ours, or name a talk the catalog does not hold, are
// left to Slack's own preview. Registered only with PUBLIC_URL set (deps.pages).
import type { App } from "@slack/bolt";
import type { TalkPages } from "../../../core/permalink.ts";
import type { Block } from "../../../render/slack/blocks.ts";
import { slackCardBlocks } from "../../../render/slack/card.ts";
import { errorText, type SlackContext } from "../context.ts";

/** Slack sends at most a few links per message; more than this are not looked at. */
const MAX_LINKS = 10;

/** The unfurls for the links that are talk pages: url → the card's blocks. */
export function talkUnfurls(
  links: readonly { readonly url: string }[],
  pages: TalkPages,
): Record<string, { blocks: Block[] }> {
  const unfurls: Record<string, { blocks: Block[] }> = {};
  for (const { url } of links.slice(0, MAX_LINKS)) {
    const card = pages.cardAt(url);
    if (card) unfurls[url] = { blocks: slackCardBlocks(card, { index: 0, share: false }) };
  }
  return unfurls;
}

export function registerUnfurl(app: App, ctx: SlackContext, pages: TalkPages): void {
  app.event("link_shared", async ({ event, client }) => {
    const unfurls = talkUnfurls(event.links ?? [], pages);
    if (Object.keys(unfurls).length === 0) return;
    await ctx.run("unfurl", async () => {
      // Links in a message being written (composer) are named by unfurl_id and source.
      const where =
        event.unfurl_id && event.source
          ? {
              unfurl_id: event.unfurl_id,
              source: event.source as "composer" | "conversations_history",
            }
          : { channel: event.channel, ts: event.message_ts };
      try {
        await client.chat.unfurl({ ...where, unfurls });
        ctx.logger.info({ links: Object.keys(unfurls).length }, "slack links unfurled");
      } catch (error) {
        ctx.logger.warn({ err: errorText(error) }, "slack unfurl failed");
      }
    });
  });
}
