// A fake Matrix homeserver on 127.0.0.1 (port 0) speaking just enough of the Client-Server
// API for matrix-bot-sdk 0.7.1 and our adapter: versions, whoami, filters, /sync with
// long-poll, joined_rooms, join/leave, send with transaction-id dedupe, room history
// (/messages, with a RoomEventFilter's types and senders), profile, account data, room
// state, directory and presence. Tests inject room events and invites, read
// what the bot sent, and make it fail on demand (status codes, 429s, dropped responses,
// hung syncs, outages).
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

interface FakeEvent {
  type: string;
  event_id: string;
  sender: string;
  origin_server_ts: number;
  content: Record<string, unknown>;
  state_key?: string;
  room_id?: string;
  unsigned?: Record<string, unknown>;
}

export interface SentMessage {
  readonly roomId: string;
  readonly txnId: string;
  readonly eventId: string;
  readonly type: string;
  readonly content: Record<string, unknown>;
}

/** A send the homeserver took: a new event, or a repeated transaction id it dropped. */
interface TakenSend {
  readonly roomId: string;
  readonly txnId: string;
  readonly eventId: string;
  readonly duplicate: boolean;
}

interface SendHooks {
  /** Awaited after the send took effect (the event is in the room), before the answer. */
  before?(send: TakenSend): void | Promise<void>;
  /** Called right after the answer was written. */
  after?(send: TakenSend): void;
}

interface RequestRecord {
  readonly method: string;
  readonly path: string;
  /** The query string ("?since=s3&timeout=0"), "" when there is none. */
  readonly query: string;
  /** "closed": a hung request whose connection closed before any answer (the client gave up). */
  status: number | "dropped" | "reset" | "pending" | "closed";
}

/** What a fault does to a matching request. */
type FaultAction =
  | {
      readonly kind: "status";
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Record<string, string>;
    }
  /** Handle the request (a send is stored), then cut the connection instead of answering. */
  | { readonly kind: "drop-response" }
  /** Cut the connection before handling the request. */
  | { readonly kind: "reset" }
  /** Never answer (until the client gives up or the server closes). */
  | { readonly kind: "hang" };

interface Fault {
  readonly method?: string;
  readonly path: RegExp;
  /** How many matching requests it applies to. */
  times: number;
  readonly action: FaultAction;
}

interface Room {
  readonly id: string;
  readonly aliases: Set<string>;
  readonly members: Map<string, "join" | "invite" | "leave">;
  readonly state: Map<string, FakeEvent>;
  readonly timeline: { pos: number; event: FakeEvent }[];
  /** Stream position of the bot's current membership event. */
  botSince: number;
}

export interface FakeHomeserverOptions {
  readonly serverName?: string;
  readonly botLocalpart?: string;
  readonly botDisplayName?: string | null;
  readonly accessToken?: string;
}

const PREFIX = "/_matrix/client/v3";

export class FakeHomeserver {
  readonly serverName: string;
  readonly botUserId: string;
  readonly accessToken: string;
  botDisplayName: string | null;
  url = "";

  /** Messages the bot sent (one per transaction id: retries are deduplicated). */
  readonly sent: SentMessage[] = [];
  /** Every send request that reached the server, including retries and failed ones. */
  readonly sendAttempts: { txnId: string; roomId: string }[] = [];
  /** Sends of a transaction id the server already had: it dropped them (answered the old id). */
  readonly repeatedSends: { txnId: string; roomId: string }[] = [];
  readonly requests: RequestRecord[] = [];
  /** Requests for endpoints the fake does not know. */
  readonly unknown: string[] = [];
  /** Query strings or headers that carried the access token where it does not belong. */
  readonly tokenLeaks: string[] = [];
  readonly faults: Fault[] = [];
  syncCount = 0;
  /** Acts around the answer to every message send (to kill the bot between the two). */
  sendHooks: SendHooks | null = null;

  #server: Server;
  #sockets = new Set<Socket>();
  #pos = 0;
  #counter = 0;
  #rooms = new Map<string, Room>();
  #filters = new Map<string, unknown>();
  #accountData = new Map<string, unknown>();
  #txns = new Map<string, string>();
  #waiters = new Set<() => void>();
  #down: "reset" | "502" | null = null;
  #pending = new Set<ServerResponse>();

  private constructor(options: FakeHomeserverOptions) {
    this.serverName = options.serverName ?? "fake.test";
    this.botUserId = `@${options.botLocalpart ?? "virt-talks"}:${this.serverName}`;
    this.botDisplayName =
      options.botDisplayName === undefined ? "Virt Talks" : options.botDisplayName;
    this.accessToken = options.accessToken ?? "syt_fake_access_token_0123456789";
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) this.#json(res, 500, { errcode: "M_UNKNOWN", error: String(e) });
      });
    });
    this.#server.on("connection", (socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
  }

  static async start(options: FakeHomeserverOptions = {}): Promise<FakeHomeserver> {
    const hs = new FakeHomeserver(options);
    await new Promise<void>((resolve) => hs.#server.listen(0, "127.0.0.1", resolve));
    const { port } = hs.#server.address() as AddressInfo;
    hs.url = `http://127.0.0.1:${port}`;
    return hs;
  }

  async close(): Promise<void> {
    for (const wake of this.#waiters) wake();
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // ---- test controls ------------------------------------------------------------------

  /** A room the bot (and `members`) have joined, unless `botJoined` is false. */
  createRoom(
    options: {
      id?: string;
      alias?: string;
      members?: readonly string[];
      botJoined?: boolean;
      encrypted?: boolean;
      /** The m.room.create content (room_version, additional_creators). */
      create?: Record<string, unknown>;
      /** The m.room.power_levels content, sent by the creator; none when absent. */
      powerLevels?: Record<string, unknown>;
    } = {},
  ): string {
    const id =
      options.id ?? `!room${++this.#counter}_${randomBytes(3).toString("hex")}:${this.serverName}`;
    const room: Room = {
      id,
      aliases: new Set(options.alias ? [options.alias] : []),
      members: new Map(),
      state: new Map(),
      timeline: [],
      botSince: 0,
    };
    this.#rooms.set(id, room);
    const creator = options.members?.[0] ?? `@alice:${this.serverName}`;
    this.#append(room, {
      type: "m.room.create",
      sender: creator,
      state_key: "",
      content: options.create ?? {},
    });
    for (const m of options.members ?? [creator]) this.#setMembership(room, m, m, "join");
    if (options.powerLevels)
      this.#append(room, {
        type: "m.room.power_levels",
        sender: creator,
        state_key: "",
        content: options.powerLevels,
      });
    if (options.encrypted)
      this.#append(room, {
        type: "m.room.encryption",
        sender: creator,
        state_key: "",
        content: { algorithm: "m.megolm.v1.aes-sha2" },
      });
    if (options.botJoined !== false)
      this.#setMembership(room, this.botUserId, this.botUserId, "join");
    return id;
  }

  /** A text message (or any content) in a room; returns its event id. */
  message(
    roomId: string,
    sender: string,
    content: string | Record<string, unknown>,
    options: { ts?: number; type?: string } = {},
  ): string {
    const body = typeof content === "string" ? { msgtype: "m.text", body: content } : content;
    return this.#append(this.#room(roomId), {
      type: options.type ?? "m.room.message",
      sender,
      content: body,
      ...(options.ts === undefined ? {} : { origin_server_ts: options.ts }),
    }).event_id;
  }

  /** A state event (power levels, encryption, ...) sent by `sender`; returns its event id. */
  stateEvent(
    roomId: string,
    sender: string,
    type: string,
    content: Record<string, unknown>,
    stateKey = "",
  ): string {
    return this.#append(this.#room(roomId), { type, sender, state_key: stateKey, content })
      .event_id;
  }

  /** The bot is kicked (or leaves): membership "leave", as the next sync reports it. */
  kick(roomId: string, by: string): void {
    this.#setMembership(this.#room(roomId), by, this.botUserId, "leave");
  }

  /** Any event, as given (malformed ones included); fields left out are filled in. */
  rawEvent(roomId: string, event: Record<string, unknown>): void {
    const room = this.#room(roomId);
    const pos = ++this.#pos;
    room.timeline.push({ pos, event: event as unknown as FakeEvent });
    this.#wake();
  }

  /** `inviter` invites the bot to a room (created if needed, with the inviter joined). */
  invite(roomId: string, inviter: string, options: { alias?: string } = {}): void {
    if (!this.#rooms.has(roomId))
      this.createRoom({ id: roomId, members: [inviter], botJoined: false, ...options });
    this.#setMembership(this.#room(roomId), inviter, this.botUserId, "invite");
  }

  fault(fault: Omit<Fault, "times"> & { times?: number }): Fault {
    const f: Fault = { times: 1, ...fault };
    this.faults.push(f);
    return f;
  }

  /** An outage: every request is cut ("reset") or answered 502 by a "proxy" until up(). */
  down(mode: "reset" | "502" = "reset"): void {
    this.#down = mode;
    for (const res of this.#pending) res.socket?.destroy();
    this.#pending.clear();
    this.#wake();
  }

  up(): void {
    this.#down = null;
  }

  membership(roomId: string, userId: string = this.botUserId): string | undefined {
    return this.#rooms.get(roomId)?.members.get(userId);
  }

  sentTo(roomId: string): SentMessage[] {
    return this.sent.filter((s) => s.roomId === roomId);
  }

  /** Polls until `predicate` holds; throws with `what` after `timeoutMs`. */
  async until(predicate: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The current stream position: everything injected so far has been synced once a sync passes it. */
  get position(): number {
    return this.#pos;
  }

  /** The `since` of the last /sync the bot made (its committed position, roughly). */
  lastSince: number | null = null;

  // ---- internals ----------------------------------------------------------------------

  #room(roomId: string): Room {
    const room = this.#rooms.get(roomId);
    if (!room) throw new Error(`fake homeserver: no room ${roomId}`);
    return room;
  }

  #wake(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const w of waiters) w();
  }

  #append(
    room: Room,
    partial: Omit<FakeEvent, "event_id" | "origin_server_ts"> & { origin_server_ts?: number },
  ): FakeEvent {
    const event: FakeEvent = {
      ...partial,
      event_id: `$ev${++this.#counter}_${randomBytes(6).toString("base64url")}`,
      origin_server_ts: partial.origin_server_ts ?? Date.now(),
      room_id: room.id,
    };
    const pos = ++this.#pos;
    room.timeline.push({ pos, event });
    if (event.state_key !== undefined) room.state.set(`${event.type}|${event.state_key}`, event);
    this.#wake();
    return event;
  }

  #setMembership(
    room: Room,
    sender: string,
    target: string,
    membership: "join" | "invite" | "leave",
  ) {
    room.members.set(target, membership);
    this.#append(room, {
      type: "m.room.member",
      sender,
      state_key: target,
      content: { membership, ...(membership === "join" ? { displayname: target } : {}) },
    });
    if (target === this.botUserId) room.botSince = this.#pos;
  }

  /** The latest state event of each type and key before stream position `pos`. */
  #stateBefore(room: Room, pos: number): FakeEvent[] {
    const state = new Map<string, FakeEvent>();
    for (const t of room.timeline)
      if (t.pos < pos && t.event.state_key !== undefined)
        state.set(`${t.event.type}|${t.event.state_key}`, t.event);
    return [...state.values()];
  }

  #json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  async #readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    if (!text) return {};
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const record: RequestRecord = {
      method,
      path: url.pathname,
      query: url.search,
      status: "pending",
    };
    this.requests.push(record);
    if (url.searchParams.has("access_token") || (req.url ?? "").includes(this.accessToken))
      this.tokenLeaks.push(`${method} ${url.pathname}`);

    const send = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/send\/[^/]+\/([^/]+)$/.exec(url.pathname);
    if (method === "PUT" && send)
      this.sendAttempts.push({
        roomId: decodeURIComponent(send[1]!),
        txnId: decodeURIComponent(send[2]!),
      });

    if (this.#down === "reset") {
      record.status = "reset";
      req.socket.destroy();
      return;
    }
    if (this.#down === "502") {
      record.status = 502;
      res.writeHead(502, { "Content-Type": "text/html" });
      res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
      return;
    }

    const fault = this.faults.find(
      (f) => f.times > 0 && (!f.method || f.method === method) && f.path.test(url.pathname),
    );
    if (fault) fault.times--;
    const action = fault?.action;
    if (action?.kind === "reset") {
      record.status = "reset";
      req.socket.destroy();
      return;
    }
    if (action?.kind === "hang") {
      this.#pending.add(res);
      res.on("close", () => {
        this.#pending.delete(res);
        record.status = "closed";
      });
      return;
    }
    if (action?.kind === "status") {
      record.status = action.status;
      const body = action.body ?? { errcode: "M_UNKNOWN", error: "injected failure" };
      if (typeof body === "string") {
        res.writeHead(action.status, { "Content-Type": "text/plain", ...action.headers });
        res.end(body);
      } else this.#json(res, action.status, body, action.headers);
      return;
    }

    const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
      if (action?.kind === "drop-response") {
        record.status = "dropped";
        req.socket.destroy();
        return;
      }
      record.status = status;
      this.#json(res, status, body, headers);
    };

    if (url.pathname === "/_matrix/client/versions") {
      reply(200, { versions: ["v1.1", "v1.6", "v1.11"], unstable_features: {} });
      return;
    }
    if (req.headers.authorization !== `Bearer ${this.accessToken}`) {
      reply(401, { errcode: "M_UNKNOWN_TOKEN", error: "Invalid access token" });
      return;
    }
    if (!url.pathname.startsWith(PREFIX)) {
      this.unknown.push(`${method} ${url.pathname}`);
      reply(404, { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" });
      return;
    }
    const parts = url.pathname
      .slice(PREFIX.length + 1)
      .split("/")
      .map((p) => decodeURIComponent(p));
    const body = method === "PUT" || method === "POST" ? await this.#readBody(req) : null;
    await this.#route(method, parts, url.searchParams, body, reply, req, res, record);
  }

  async #route(
    method: string,
    parts: string[],
    query: URLSearchParams,
    body: unknown,
    reply: (status: number, body: unknown, headers?: Record<string, string>) => void,
    req: IncomingMessage,
    res: ServerResponse,
    record: RequestRecord,
  ): Promise<void> {
    const [a, b, c, d, e, f] = parts;
    const notFound = () => reply(404, { errcode: "M_NOT_FOUND", error: "Not found" });
    const key = `${method} ${a}`;

    if (key === "GET account" && b === "whoami") {
      reply(200, { user_id: this.botUserId, device_id: "FAKEDEVICE", is_guest: false });
      return;
    }
    if (key === "GET sync") {
      await this.#sync(query, reply, req, res, record);
      return;
    }
    if (key === "GET joined_rooms") {
      reply(200, {
        joined_rooms: [...this.#rooms.values()]
          .filter((r) => r.members.get(this.botUserId) === "join")
          .map((r) => r.id),
      });
      return;
    }
    if (a === "user" && c === "filter") {
      if (method === "POST") {
        const id = `f${this.#filters.size + 1}`;
        this.#filters.set(id, body);
        reply(200, { filter_id: id });
      } else if (method === "GET" && d && this.#filters.has(d)) reply(200, this.#filters.get(d));
      else notFound();
      return;
    }
    if (a === "user" && c === "account_data" && d) {
      if (method === "PUT") {
        this.#accountData.set(d, body);
        reply(200, {});
      } else if (this.#accountData.has(d)) reply(200, this.#accountData.get(d));
      else notFound();
      return;
    }
    if (a === "profile" && b) {
      if (b !== this.botUserId) return notFound();
      const profile = this.botDisplayName === null ? {} : { displayname: this.botDisplayName };
      if (c === "displayname") reply(200, profile);
      else if (c === undefined) reply(200, profile);
      else notFound();
      return;
    }
    if (a === "presence") {
      reply(200, method === "GET" ? { presence: "online" } : {});
      return;
    }
    if (key === "GET directory" && b === "room" && c) {
      const room = [...this.#rooms.values()].find((r) => r.aliases.has(c));
      if (room) reply(200, { room_id: room.id, servers: [this.serverName] });
      else notFound();
      return;
    }
    if (key === "POST join" && b) {
      const room = b.startsWith("#")
        ? [...this.#rooms.values()].find((r) => r.aliases.has(b))
        : this.#rooms.get(b);
      this.#join(room, reply);
      return;
    }
    if (a === "rooms" && b) {
      const room = this.#rooms.get(b);
      if (!room) return reply(403, { errcode: "M_FORBIDDEN", error: "Unknown room" });
      if (method === "POST" && c === "join") return this.#join(room, reply);
      if (method === "POST" && c === "leave") {
        if (room.members.get(this.botUserId) === undefined)
          return reply(403, { errcode: "M_FORBIDDEN", error: "Not in room" });
        this.#setMembership(room, this.botUserId, this.botUserId, "leave");
        return reply(200, {});
      }
      if (method === "PUT" && c === "send" && d && e) {
        const txnKey = `${this.accessToken}|${room.id}|${d}|${e}`;
        const existing = this.#txns.get(txnKey);
        const taken = async (eventId: string, duplicate: boolean) => {
          const send: TakenSend = { roomId: room.id, txnId: e, eventId, duplicate };
          const hooks = this.sendHooks;
          await hooks?.before?.(send);
          reply(200, { event_id: eventId });
          hooks?.after?.(send);
        };
        if (existing) {
          this.repeatedSends.push({ roomId: room.id, txnId: e });
          return taken(existing, true);
        }
        if (room.members.get(this.botUserId) !== "join")
          return reply(403, { errcode: "M_FORBIDDEN", error: "Bot is not in the room" });
        const content = (body ?? {}) as Record<string, unknown>;
        const event = this.#append(room, { type: d, sender: this.botUserId, content });
        this.#txns.set(txnKey, event.event_id);
        this.sent.push({ roomId: room.id, txnId: e, eventId: event.event_id, type: d, content });
        return taken(event.event_id, false);
      }
      if (method === "GET" && c === "state") {
        if (d === undefined) return reply(200, [...room.state.values()]);
        const ev = room.state.get(`${d}|${f ?? ""}`);
        return ev ? reply(200, ev.content) : notFound();
      }
      if (method === "PUT" && (c === "typing" || c === "receipt")) return reply(200, {});
      if (method === "GET" && c === "messages") return this.#messages(room, query, reply);
    }
    this.unknown.push(`${method} /${parts.join("/")}`);
    reply(404, { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" });
  }

  /**
   * GET /rooms/{roomId}/messages: the bot's visible timeline (from its join on) a page at a
   * time, newest first with dir=b. Tokens are stream positions ("t12": before/after 12).
   */
  #messages(
    room: Room,
    query: URLSearchParams,
    reply: (status: number, body: unknown) => void,
  ): void {
    if (room.members.get(this.botUserId) !== "join") {
      reply(403, { errcode: "M_FORBIDDEN", error: "Bot is not in the room" });
      return;
    }
    const backwards = query.get("dir") !== "f";
    const token = query.get("from");
    const from = token && /^t\d+$/.test(token) ? Number(token.slice(1)) : null;
    const limit = Math.max(1, Math.min(Number(query.get("limit") ?? 10) || 10, 1000));
    let filter: { types?: unknown; senders?: unknown } = {};
    try {
      const parsed: unknown = JSON.parse(query.get("filter") ?? "{}");
      if (typeof parsed === "object" && parsed !== null) filter = parsed;
    } catch {
      reply(400, { errcode: "M_INVALID_PARAM", error: "filter is not JSON" });
      return;
    }
    const allowed = (list: unknown, value: string) => !Array.isArray(list) || list.includes(value);
    const visible = room.timeline.filter(
      (t) =>
        t.pos >= room.botSince &&
        (from === null || (backwards ? t.pos < from : t.pos >= from)) &&
        allowed(filter.types, t.event.type) &&
        allowed(filter.senders, t.event.sender),
    );
    const ordered = backwards ? visible.reverse() : visible;
    const page = ordered.slice(0, limit);
    const last = page.at(-1);
    const start = `t${from ?? (backwards ? this.#pos + 1 : room.botSince)}`;
    reply(200, {
      chunk: page.map((t) => t.event),
      start,
      // No `end` once the page reaches the edge of what the bot may see.
      ...(last && ordered.length > limit ? { end: `t${backwards ? last.pos : last.pos + 1}` } : {}),
    });
  }

  #join(room: Room | undefined, reply: (status: number, body: unknown) => void): void {
    if (!room) {
      reply(404, { errcode: "M_NOT_FOUND", error: "No such room" });
      return;
    }
    if (room.members.get(this.botUserId) !== "join")
      this.#setMembership(room, this.botUserId, this.botUserId, "join");
    reply(200, { room_id: room.id });
  }

  #timelineLimit(filterId: string | null): number {
    const filter = filterId ? this.#filters.get(filterId) : undefined;
    const limit = (filter as { room?: { timeline?: { limit?: unknown } } } | undefined)?.room
      ?.timeline?.limit;
    return typeof limit === "number" ? limit : 10;
  }

  #buildSync(since: number | null, limit: number) {
    const upTo = this.#pos;
    const now = Date.now();
    const withAge = (ev: FakeEvent): FakeEvent =>
      typeof ev.origin_server_ts === "number"
        ? { ...ev, unsigned: { ...ev.unsigned, age: now - ev.origin_server_ts } }
        : ev;
    const join: Record<string, unknown> = {};
    const invite: Record<string, unknown> = {};
    const leave: Record<string, unknown> = {};
    for (const room of this.#rooms.values()) {
      const membership = room.members.get(this.botUserId);
      const from = since ?? 0;
      if (membership === "join") {
        // Only what the bot may see: from its join on.
        const visible = room.timeline.filter(
          (t) => t.pos <= upTo && t.pos >= room.botSince && (since === null || t.pos > since),
        );
        if (visible.length === 0 && since !== null) continue;
        const timeline = visible.slice(-limit);
        const events = timeline.map((t) => withAge(t.event));
        join[room.id] = {
          timeline: { events, limited: visible.length > limit, prev_batch: `p${from}` },
          // A first sync carries the room's state as of the start of its timeline.
          state: {
            events: since === null ? this.#stateBefore(room, timeline[0]?.pos ?? upTo + 1) : [],
          },
          ephemeral: { events: [] },
          account_data: { events: [] },
        };
      } else if (membership === "invite" && (since === null || room.botSince > since)) {
        const inviteEvent = room.timeline.find((t) => t.pos === room.botSince)?.event;
        const stripped = [...room.state.values()]
          .filter((ev) => ev.type !== "m.room.member")
          .map((ev) => ({
            type: ev.type,
            state_key: ev.state_key,
            sender: ev.sender,
            content: ev.content,
          }));
        invite[room.id] = {
          invite_state: { events: inviteEvent ? [...stripped, withAge(inviteEvent)] : stripped },
        };
      } else if (membership === "leave" && since !== null && room.botSince > since) {
        const leaveEvent = room.timeline.find((t) => t.pos === room.botSince)?.event;
        leave[room.id] = { timeline: { events: leaveEvent ? [withAge(leaveEvent)] : [] } };
      }
    }
    const empty =
      Object.keys(join).length + Object.keys(invite).length + Object.keys(leave).length === 0;
    return {
      empty,
      body: {
        next_batch: `s${upTo}`,
        rooms: { join, invite, leave },
        account_data: { events: [] },
        presence: { events: [] },
        to_device: { events: [] },
      },
    };
  }

  async #sync(
    query: URLSearchParams,
    reply: (status: number, body: unknown) => void,
    req: IncomingMessage,
    res: ServerResponse,
    record: RequestRecord,
  ): Promise<void> {
    this.syncCount++;
    const sinceParam = query.get("since");
    const since = sinceParam && /^s\d+$/.test(sinceParam) ? Number(sinceParam.slice(1)) : null;
    this.lastSince = since;
    const limit = this.#timelineLimit(query.get("filter"));
    const timeout = Math.min(Number(query.get("timeout") ?? 0) || 0, 30_000);
    let built = this.#buildSync(since, limit);
    if (since !== null && built.empty && timeout > 0) {
      this.#pending.add(res);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeout);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.#waiters.add(done);
        req.on("close", done);
        res.on("close", done);
      });
      this.#pending.delete(res);
      if (res.destroyed || res.socket?.destroyed || this.#down) {
        record.status = "reset";
        return;
      }
      built = this.#buildSync(since, limit);
    }
    reply(200, built.body);
  }
}
