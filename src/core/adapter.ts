// The adapter contract, above the turn: what a chat adapter offers the wiring, and what
// the wiring gives every adapter. Adapters implement these; the operator server, the CLI
// and the wiring depend only on them, never on src/adapters/.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../log.ts";
import type { TalkPages } from "./permalink.ts";
import type { MembershipChange, Platform } from "./platform.ts";
import type { PostPort } from "./post-port.ts";
import type { SingleHolder } from "./single-holder.ts";
import type { StateStore } from "./state-store.ts";
import type { ConversationTurn, TurnOutcome } from "./turn.ts";

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

export interface ChatAdapter {
  readonly platform: Platform;
  /** Posting unasked (the talk of the day), where the platform has rooms to post to. */
  readonly post?: PostPort;
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

/** An adapter that can post the talk of the day (Slack, Matrix). */
export interface PostingChatAdapter extends ChatAdapter {
  readonly post: PostPort;
}

/** An adapter that receives platform requests on the operator HTTP server (Slack HTTP mode). */
export interface HttpReceivingAdapter extends PostingChatAdapter {
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
  /** Replicas sharing a database (DATABASE_URL): how they split the work. */
  readonly replica?: ReplicaDeps;
}

/**
 * What became of a Slack delivery with an event id: won: claimed and answered; ignored:
 * done or held elsewhere; takeover: an unfinished claim ran out and this replica answered;
 * unavailable: answered without a claim (the store failed).
 */
export type ClaimOutcome = "won" | "ignored" | "takeover" | "unavailable" | "late";

/**
 * Why a Slack answer sent without a claim was taken back (slack/unclaimed-answers.ts): a
 * claimed answer to the same event stands, or an earlier unclaimed one does.
 */
export type WithdrawnReason = "claimed" | "earlier";

/** What an adapter learns of its fellow replicas; absent for a lone process. */
export interface ReplicaDeps {
  /** The "matrix-sync" lease: only its holder syncs and sends (matrix/single-syncer.ts). */
  readonly matrixSync?: SingleHolder;
  /** What became of each Slack delivery claimed in the database (for /metrics). */
  readonly onClaimOutcome?: (outcome: ClaimOutcome) => void;
  /** Each Slack answer withdrawn as a second answer to one event (for /metrics). */
  readonly onAnswerWithdrawn?: (reason: WithdrawnReason) => void;
}
