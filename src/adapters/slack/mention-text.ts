// The query inside an app_mention's text: "<@UBOT> numa" → "numa".

/**
 * Removes the mention(s) of the bot. The text is still in Slack's escaped form here, so a
 * real mention is markup ("<@U123>" or "<@U123|name>") while anything the user typed as
 * "<@U123>" arrives as "&lt;@U123&gt;" and is left alone. Without a known bot id the
 * leading mention (the one that triggered the event) is removed.
 */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId
    ? new RegExp(`<@${botUserId.replace(/[^A-Z0-9]/gi, "")}(?:\\|[^>]*)?>`, "g")
    : /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/;
  return text.replace(mention, " ").replace(/\s+/g, " ").trim();
}
