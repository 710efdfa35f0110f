// The Web API methods the fake Slack (bench/shared/fakes/slack-web-api.ts) answers, the way Slack
// does: auth.test, chat.postMessage (the message lands in the channel), chat.delete (the
// bot's own message leaves it), chat.postEphemeral, chat.unfurl,
// conversations.history, conversations.replies and users.info; and how request bodies are read.
import type { IncomingMessage } from "node:http";
import type { ChannelMessage, createChannels } from "./slack-channels.ts";

/** What users.info says about each user: a plain member unless set. */
export type Roles = Map<string, { readonly isAdmin?: boolean; readonly isOwner?: boolean }>;

const JSON_FIELDS = new Set(["blocks", "attachments", "metadata", "unfurls"]);

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes("application/json")) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
  }
  return out;
}

interface MethodsOptions {
  readonly channels: ReturnType<typeof createChannels>;
  readonly roles: Roles;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly appId: string;
}

export function createMethods(options: MethodsOptions) {
  const { channels, roles, botUserId, botId, teamId, appId } = options;
  function answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    if (channels.refuses(method, String(body.channel)))
      return { ok: false, error: "not_in_channel" };
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://virt-test.slack.com/",
          team: "virt test",
          user: "virt-talks",
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
        };
      case "chat.postMessage": {
        const meta = body.metadata as ChannelMessage["metadata"] | undefined;
        const ts = channels.append(String(body.channel), {
          text: String(body.text ?? ""),
          user: botUserId,
          bot_id: botId,
          app_id: appId,
          ...(typeof body.thread_ts === "string" ? { thread_ts: body.thread_ts } : {}),
          ...(meta?.event_type ? { metadata: meta } : {}),
        });
        return { ok: true, channel: body.channel, ts, message: { text: body.text, ts } };
      }
      // A bot deletes only its own messages (Slack: cant_delete_message for others').
      case "chat.delete": {
        const channel = String(body.channel);
        const ts = String(body.ts);
        const found = channels.messagesIn(channel).find((m) => m.ts === ts);
        if (!found) return { ok: false, error: "message_not_found" };
        if (found.bot_id !== botId) return { ok: false, error: "cant_delete_message" };
        channels.remove(channel, ts);
        return { ok: true, channel, ts };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: channels.nextTs() };
      // Link previews for the message's links (link_shared → chat.unfurl); recorded only.
      case "chat.unfurl":
        return body.unfurls && (body.channel || body.unfurl_id)
          ? { ok: true }
          : { ok: false, error: "invalid_arguments" };
      case "conversations.history":
        return channels.history(body);
      case "conversations.replies":
        return channels.replies(body);
      case "users.info": {
        const id = String(body.user);
        const role = roles.get(id) ?? {};
        return {
          ok: true,
          user: {
            id,
            team_id: teamId,
            name: `user-${id.toLowerCase()}`,
            is_admin: role.isAdmin === true || role.isOwner === true,
            is_owner: role.isOwner === true,
            is_bot: false,
          },
        };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  return { answer };
}
