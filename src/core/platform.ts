// The platform vocabulary, the bottom layer of the core: which platforms there are, who
// is asking, and what may change. Everything above (the turn, the post port, the adapter
// contract, the talk of the day) speaks these words; this file imports nothing.

export type Platform = "slack" | "matrix" | "console";
/** Platforms the talk of the day is posted to. */
export type PostPlatform = Exclude<Platform, "console">;

/** Whether an asker may change what a conversation subscribes to, and if not, why not. */
export type Permission =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string };

/**
 * What an adapter knows about the asker and the conversation, asked only when a command
 * needs it (subscribe / unsubscribe): the platform's own rules (Matrix power levels,
 * Slack workspace admins) stay in the adapter.
 */
export interface Asker {
  /** How replies and confirmations name the asker (a mention or a display name). */
  readonly displayName: string;
  /**
   * `change`: what the asker wants to do, when an adapter's rule depends on it (Slack asks
   * that the bot be in the channel to subscribe it, not to unsubscribe it).
   */
  mayManageSubscriptions(change?: "subscribe" | "unsubscribe"): Promise<Permission>;
}

/** The bot joined a channel or room (invited back) or left it (removed, kicked, archived). */
export interface MembershipChange {
  /** The channel or room id. */
  readonly destination: string;
  /** Other names the destination is configured by (Matrix room aliases in TOTD_MATRIX_ROOMS). */
  readonly aliases?: readonly string[];
  readonly membership: "join" | "leave";
}
