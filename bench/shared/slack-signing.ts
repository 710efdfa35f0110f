// Signs and sends requests exactly as Slack does: X-Slack-Request-Timestamp plus
// X-Slack-Signature = "v0=" + hex HMAC-SHA256(secret, "v0:" + timestamp + ":" + body).
import { createHmac } from "node:crypto";
import { request } from "node:http";

export function slackSign(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestampSec}:${body}`).digest("hex")}`;
}

export const nowSec = (): number => Math.floor(Date.now() / 1000);

export interface SendOptions {
  readonly secret: string;
  readonly contentType: string;
  /** Defaults to now. */
  readonly timestamp?: number;
  /** Overrides the computed signature (to send a bad one). */
  readonly signature?: string;
  readonly headers?: Record<string, string>;
  /** Send the body in these pieces with chunked encoding (no Content-Length). */
  readonly chunks?: readonly string[];
  /** Declare this Content-Length instead of the body's. */
  readonly contentLength?: number;
}

export interface SendResult {
  readonly status: number;
  readonly body: string;
}

/** POSTs `body` signed like Slack; resolves with the status even if the server hangs up early. */
export function sendSigned(url: string, body: string, options: SendOptions): Promise<SendResult> {
  const timestamp = options.timestamp ?? nowSec();
  const headers: Record<string, string> = {
    "content-type": options.contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? slackSign(options.secret, timestamp, body),
    ...options.headers,
  };
  if (!options.chunks)
    headers["content-length"] = String(options.contentLength ?? Buffer.byteLength(body));
  return new Promise((resolve) => {
    let responded = false;
    const req = request(url, { method: "POST", headers }, (res) => {
      responded = true;
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8") }),
      );
      res.on("error", () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8") }),
      );
    });
    // The server may answer (413) and hang up before the whole body is written: the write
    // error that follows is expected. An error before any response is reported as status 0.
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (!responded) resolve({ status: 0, body: String(error.code ?? error.message) });
    });
    if (options.chunks) {
      const pieces = [...options.chunks];
      const writeNext = () => {
        const piece = pieces.shift();
        if (piece === undefined || req.destroyed) return req.end();
        req.write(piece, () => setImmediate(writeNext));
      };
      writeNext();
    } else {
      req.end(body);
    }
  });
}

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";

/** A slash command body as Slack sends it. */
export function commandBody(fields: {
  text: string;
  userId: string;
  responseUrl: string;
  channelId?: string;
  command?: string;
}): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: "T0TEAM001",
    team_domain: "virt-test",
    channel_id: fields.channelId ?? "C0CHAN001",
    channel_name: "virt",
    user_id: fields.userId,
    user_name: `user-${fields.userId.toLowerCase()}`,
    command: fields.command ?? "/virt",
    text: fields.text,
    api_app_id: "A0APP0001",
    is_enterprise_install: "false",
    response_url: fields.responseUrl,
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
  }).toString();
}

/** A block_actions payload (form field payload=JSON) for a click on one button. */
export function blockActionBody(fields: {
  userId: string;
  responseUrl: string;
  actionId: string;
  value?: string;
  url?: string;
  channelId?: string;
  /** The message clicked in is an ephemeral one (a /virt answer); default true. */
  ephemeral?: boolean;
}): string {
  const payload = {
    type: "block_actions",
    user: {
      id: fields.userId,
      username: `user-${fields.userId.toLowerCase()}`,
      team_id: "T0TEAM001",
    },
    api_app_id: "A0APP0001",
    token: "legacy-verification-token",
    container: {
      type: "message",
      message_ts: "1700000000.000001",
      channel_id: fields.channelId ?? "C0CHAN001",
      is_ephemeral: fields.ephemeral ?? true,
    },
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    team: { id: "T0TEAM001", domain: "virt-test" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: fields.channelId ?? "C0CHAN001", name: "virt" },
    state: { values: {} },
    response_url: fields.responseUrl,
    actions: [
      {
        action_id: fields.actionId,
        block_id: "b1",
        text: { type: "plain_text", text: "button" },
        ...(fields.value !== undefined ? { value: fields.value } : {}),
        ...(fields.url !== undefined ? { url: fields.url } : {}),
        type: "button",
        action_ts: "1700000001.000001",
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The Events API envelope around one event, as Slack delivers it. */
function eventCallback(eventId: string, event: Record<string, unknown>, botUserId = "UBOT0001") {
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: "T0TEAM001",
    api_app_id: "A0APP0001",
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Number(event.ts)),
    authorizations: [
      { enterprise_id: null, team_id: "T0TEAM001", user_id: botUserId, is_bot: true },
    ],
    is_ext_shared_channel: false,
  });
}

/** The sender of an event: a person (user) or another app (bot_id). */
const sender = (fields: { userId?: string; botId?: string }) => ({
  ...(fields.userId ? { user: fields.userId } : {}),
  ...(fields.botId ? { bot_id: fields.botId } : {}),
});

/** An Events API event_callback carrying an app_mention. */
export function mentionBody(fields: {
  eventId: string;
  text: string;
  userId?: string;
  botId?: string;
  channelId?: string;
  ts?: string;
  threadTs?: string;
  botUserId?: string;
}): string {
  const ts = fields.ts ?? "1700000100.000100";
  const event = {
    type: "app_mention",
    ...sender(fields),
    text: fields.text,
    ts,
    ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    channel: fields.channelId ?? "C0CHAN001",
    event_ts: ts,
  };
  return eventCallback(fields.eventId, event, fields.botUserId);
}

/** An Events API event_callback carrying a message event (a DM to the bot: message.im). */
export function messageBody(fields: {
  eventId: string;
  text: string;
  userId?: string;
  botId?: string;
  channelId?: string;
  channelType?: string;
  subtype?: string;
  ts?: string;
}): string {
  const ts = fields.ts ?? "1700000600.000100";
  const event = {
    type: "message",
    ...(fields.subtype ? { subtype: fields.subtype } : {}),
    ...sender(fields),
    text: fields.text,
    ts,
    channel: fields.channelId ?? "D0DM00001",
    channel_type: fields.channelType ?? "im",
    event_ts: ts,
  };
  return eventCallback(fields.eventId, event);
}

/** An Events API event_callback about someone joining or leaving a channel. */
export function memberEventBody(fields: {
  eventId: string;
  type: "member_joined_channel" | "member_left_channel";
  userId: string;
  channelId: string;
}): string {
  const ts = "1700000700.000100";
  const event = {
    type: fields.type,
    user: fields.userId,
    channel: fields.channelId,
    channel_type: "C",
    team: "T0TEAM001",
    event_ts: ts,
    ts,
  };
  return eventCallback(fields.eventId, event);
}

/** An Events API event_callback carrying link_shared: links to an unfurl domain were posted. */
export function linkSharedBody(fields: {
  eventId: string;
  urls: readonly string[];
  channelId?: string;
  messageTs?: string;
}): string {
  const ts = fields.messageTs ?? "1700000800.000100";
  const event = {
    type: "link_shared",
    channel: fields.channelId ?? "C0CHAN001",
    is_bot_user_member: true,
    user: "U0USER001",
    message_ts: ts,
    links: fields.urls.map((url) => ({ domain: new URL(url).hostname, url })),
    source: "conversations_history",
    event_ts: ts,
  };
  return eventCallback(fields.eventId, event);
}
