// PURE: one TalkCard → the Block Kit blocks of that card. Title (linked when the card has a
// link), byline, summary, topics, then a button per link and, on interactive surfaces, a
// "Share in channel" button.
import { byline, NO_LINK, type TalkCard } from "../../core/card.ts";
import { permalinkOf } from "../../core/permalink.ts";
import {
  actions,
  type Block,
  type ButtonElement,
  context,
  header,
  plain,
  section,
} from "./blocks.ts";
import { encodeShare } from "./button-values.ts";
import {
  clip,
  clipContent,
  escapeContent,
  escapeText,
  safeUrl,
  truncateEscaped,
} from "./escape.ts";
import { ACTION, actionId } from "./ids.ts";
import { BLOCK_KIT_LIMITS, BUDGETS } from "./limits.ts";

interface CardRenderOptions {
  /** Position of the card in its message: keeps action_ids unique within the message. */
  readonly index: number;
  /** Add the "Share in channel" button (ephemeral answers only). */
  readonly share: boolean;
  /** The search whose page shows this card: its Share button carries it (a share redraws it). */
  readonly list?: { readonly q: string; readonly o: number };
  /** Ids of cards on this page already shared: marked so instead of a Share button. */
  readonly shared?: readonly string[];
}

/** The mark a shared card carries in the asker's list instead of its Share button. */
export const SHARED_MARK = ":white_check_mark: Shared in channel";

/** The escaped mrkdwn of the card's main section, at most BLOCK_KIT_LIMITS.sectionText long. */
export function cardSectionText(card: TalkCard): string {
  const title = clipContent(card.title, BUDGETS.title);
  // With PUBLIC_URL set the title links to the talk's own page; the sources' links stay buttons.
  const target = permalinkOf(card) ?? card.url;
  const url = target === null ? null : safeUrl(target);
  const linkUrl = url === null ? null : escapeText(url);
  const titleLine =
    linkUrl !== null && linkUrl.length <= BUDGETS.titleLinkUrl
      ? `*<${linkUrl}|${title}>*`
      : `*${title}*`;
  const head = `${titleLine}\n${clipContent(byline(card), BUDGETS.byline)}`;
  const room = BLOCK_KIT_LIMITS.sectionText - head.length - 1;
  const summary = truncateEscaped(escapeContent(card.summary.trim()), room);
  return summary ? `${head}\n${summary}` : head;
}

function linkButtons(card: TalkCard, index: number, max: number): ButtonElement[] {
  const buttons: ButtonElement[] = [];
  for (const [i, link] of card.links.entries()) {
    if (buttons.length >= max) break;
    const url = safeUrl(link.url);
    // A URL cannot be shortened without breaking it: an over-long one gets no button.
    if (url === null || url.length > BLOCK_KIT_LIMITS.buttonUrl) continue;
    buttons.push({
      type: "button",
      text: plain(clip(link.label, BLOCK_KIT_LIMITS.buttonText)),
      action_id: actionId(ACTION.link, index, i),
      url,
    });
  }
  return buttons;
}

function shareButton(card: TalkCard, options: CardRenderOptions): ButtonElement | null {
  const shared = options.shared?.length ? [...options.shared] : undefined;
  const value = encodeShare({
    id: card.id,
    ...(card.heading === null ? {} : { h: card.heading.slice(0, 200) }),
    ...(options.list ?? {}),
    ...(shared ? { s: shared } : {}),
  });
  if (value === null) return null;
  return {
    type: "button",
    text: plain("Share in channel"),
    action_id: actionId(ACTION.share, options.index),
    value,
  };
}

export function slackCardBlocks(card: TalkCard, options: CardRenderOptions): Block[] {
  const blocks: Block[] = [];
  if (card.heading) blocks.push(header(clip(card.heading, BLOCK_KIT_LIMITS.headerText)));
  blocks.push(section(cardSectionText(card)));

  const notes: string[] = [];
  if (card.topics.length)
    notes.push(
      clip(
        `Topics: ${card.topics.join(" · ")}`,
        Math.min(BUDGETS.topics, BLOCK_KIT_LIMITS.contextText),
      ),
    );
  if (card.url === null) notes.push(clip(NO_LINK, BLOCK_KIT_LIMITS.contextText));
  const shared = options.share && options.shared?.includes(card.id) === true;
  if (shared) notes.push(SHARED_MARK);
  if (notes.length) blocks.push(context(...notes.slice(0, BLOCK_KIT_LIMITS.contextElements)));

  const share = options.share && !shared ? shareButton(card, options) : null;
  const links = linkButtons(
    card,
    options.index,
    BLOCK_KIT_LIMITS.actionsElements - (share ? 1 : 0),
  );
  const elements = share ? [...links, share] : links;
  if (elements.length) blocks.push(actions(elements));
  return blocks;
}

/** The one-line summary of a card used in fallback text: "Title — byline". */
export function cardFallback(card: TalkCard): string {
  return `${card.title} — ${byline(card)}`;
}
