// The ports of the core: what a chat adapter offers the bot, and what the bot gives every
// adapter. Adapters implement these; the daily post, the operator server, the CLI and the
// wiring depend only on them, never on src/adapters/.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../log.ts";
import type { TalkCard } from "./card.ts";
import type { TalkPages } from "./permalink.ts";
import type { StateStore } from "./state-store.ts";
import type { ConversationTurn, TurnOutcome } from "./turn.ts";

export type Platform = "slack" | "matrix" | "console";
/** Platforms the talk of the day is posted to. */
export type PostPlatform = Exclude<Platform, "console">;

export type AdapterState = "starting" | "up" | "degraded" | "down" | "stopped";

export interface AdapterHealth {
  readonly state: AdapterState;
  readonly detail?: string;
}

/** One answered (or refused) request, for the log line and the metrics. */
export interface AnsweredRequest extends TurnOutcome {
  readonly latencyMs: number;
}

export interface RequestObserver {
  answered(request: AnsweredRequest): void;
}

/**
 * How a post failed, so the caller knows what a retry may do:
 * - not-sent: provably nothing reached the platform; sending again is safe.
 * - unknown: it may have arrived (timeout, reset, 5xx after the request went out).
 * - refused: the platform answered no and will keep saying it (not in the channel, the
 *   room is gone, forbidden); retrying will not help until something changes.
 */
export type DeliveryFailure = "not-sent" | "unknown" | "refused";

export class DeliveryError extends Error {
  constructor(
    readonly failure: DeliveryFailure,
    message: string,
    /** The wait the platform asked for (429 Retry-After), when it named one. */
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DeliveryError";
  }
}

/** What findPost saw. */
export type PostLookup =
  | { readonly kind: "found" }
  | { readonly kind: "absent" }
  /** The platform will not tell (a missing scope, not in the channel): cannot know. */
  | { readonly kind: "unavailable"; readonly reason: string };

export interface PostCapabilities {
  /** A repeat with the same idempotency key is dropped by the platform (Matrix txn ids). */
  readonly resendsSafely: boolean;
  /** findPost can tell whether an earlier send with a key arrived (Slack message metadata). */
  readonly canFindPost: boolean;
}

/** Posting cards unasked: the talk of the day. */
export interface PostPort {
  readonly capabilities: PostCapabilities;
  /**
   * Posts a card to a channel or room. `idempotencyKey` names this post
   * ("totd:2026-11-22:slack:C123"). Throws DeliveryError on failure; the caller retries.
   */
  postCard(destination: string, card: TalkCard, idempotencyKey: string): Promise<void>;
  /**
   * Looks in `destination` for a post this bot made with `idempotencyKey` at or after
   * `since`, to settle a send whose outcome is unknown. Only where capabilities.canFindPost.
   * Throws when the answer may come later (a timeout, a 5xx): the caller retries.
   */
  findPost?(destination: string, idempotencyKey: string, since: Date): Promise<PostLookup>;
}

/** The bot joined a channel or room (invited back) or left it (removed, kicked, archived). */
export interface MembershipChange {
  /** The channel or room id. */
  readonly destination: string;
  /** Other names the destination is configured by (Matrix room aliases in TOTD_MATRIX_ROOMS). */
  readonly aliases?: readonly string[];
  readonly membership: "join" | "leave";
}

export interface ChatAdapter extends PostPort {
  readonly platform: Platform;
  start(): Promise<void>;
  /** Stop taking new requests, finish the ones in flight, persist state. */
  stop(): Promise<void>;
  health(): AdapterHealth;
  /**
   * Calls `listener` when the bot joins or leaves a destination, so the talk of the day
   * pauses or resumes there. Returns how to stop listening. Platforms without rooms omit it.
   */
  onMembership?(listener: (change: MembershipChange) => void): () => void;
}

/** An adapter that receives platform requests on the operator HTTP server (Slack HTTP mode). */
export interface HttpReceivingAdapter extends ChatAdapter {
  requestListener(req: IncomingMessage, res: ServerResponse): void;
}

/** The console's streams. */
export interface ConsoleIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Prompt text; defaults to "virt> " when the input is a terminal, none when piped. */
  readonly prompt?: string;
  /** How many talks the catalog holds, for the welcome line. */
  readonly catalogSize: () => number;
}

export interface ConsoleChatAdapter extends ChatAdapter {
  /** Resolves once the console is done: end of input (Ctrl-D), `quit`/`exit`, or stop(). */
  readonly closed: Promise<void>;
}

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

/** What the wiring gives every adapter. */
export interface AdapterDeps {
  /** The one conversation pipeline: text in, the reply to render and its outcome out. */
  readonly turn: ConversationTurn;
  readonly logger: Logger;
  readonly observer: RequestObserver;
  /** Durable state (event dedupe, sync tokens, ...): the file store unless configured. */
  readonly state: StateStore;
  /** The public talk pages (PUBLIC_URL set): Slack unfurls links to them. */
  readonly pages?: TalkPages;
}
