// The outside world of one bench:daily process: the destinations (rooms and channels in
// fixed-offset zones where it is about noon now, so which posts are due at start is
// certain), a subscriptions file written the way the file store writes it, and a post
// port standing where Slack and Matrix would be that appends every post to a shared
// channel log (one JSON line each), so posts are counted across restarts.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TalkCard } from "../../src/core/card.ts";
import type { PostPlatform } from "../../src/core/platform.ts";
import type { PostLookup, PostPort } from "../../src/core/post-port.ts";

export interface BenchDestination {
  readonly platform: PostPlatform;
  readonly destination: string;
  readonly time: string;
  readonly timeZone: string;
  /** Its post time has passed today (it is posted at start), else it is still ahead. */
  readonly due: boolean;
}

/** Etc/GMT±k where the local hour is within 3 of noon now (Etc signs are POSIX-style). */
function nearNoonZones(now: Date): string[] {
  const zones: string[] = [];
  for (let shift = -3; shift <= 3; shift++) {
    const offset = 12 + shift - now.getUTCHours(); // local = UTC + offset
    if (offset < -12 || offset > 14) continue;
    zones.push(offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`);
  }
  return zones;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * `count` destinations, half Slack and half Matrix; every other one due at start
 * (HH:MM in 00:00–07:59 local, hours before now) and the rest later (16:00–23:59).
 */
export function destinations(count: number, now: Date): BenchDestination[] {
  const zones = nearNoonZones(now);
  return Array.from({ length: count }, (_, i) => {
    const due = i % 2 === 0;
    const minute = (i * 7) % 480;
    const hour = (due ? 0 : 16) + Math.floor(minute / 60);
    const platform: PostPlatform = i % 4 < 2 ? "slack" : "matrix";
    const id = String(i).padStart(6, "0");
    return {
      platform,
      destination: platform === "slack" ? `C${id}` : `!r${id}:example.org`,
      time: `${pad(hour)}:${pad(minute % 60)}`,
      timeZone: zones[i % zones.length]!,
      due,
    };
  });
}

/** STATE_DIR/subscriptions.json as the file store writes it (version 1). */
export function writeSubscriptions(stateDir: string, dests: readonly BenchDestination[]): void {
  const at = new Date().toISOString();
  const entries = Object.fromEntries(
    dests.map((d) => [
      `${d.platform}:${d.destination}`,
      {
        value: {
          platform: d.platform,
          destination: d.destination,
          time: d.time,
          timeZone: d.timeZone,
          byUser: "U0BENCH",
          by: "bench",
          at,
        },
      },
    ]),
  );
  const body = JSON.stringify({ version: 1, entries }, null, 1);
  writeFileSync(join(stateDir, "subscriptions.json"), `${body}\n`);
}

interface ChannelPost {
  readonly platform: PostPlatform;
  readonly destination: string;
  readonly key: string;
  readonly talk: string;
  readonly at: string;
}

const channelLog = (stateDir: string) => join(stateDir, "channel.jsonl");

export function readChannel(stateDir: string): ChannelPost[] {
  const file = channelLog(stateDir);
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as ChannelPost);
}

/**
 * Slack's and Matrix's post ports as the bot sees them: a post takes `latencyMs` (a
 * network round trip), Slack finds its earlier posts by key, Matrix drops a repeat.
 */
export function benchPorts(
  stateDir: string,
  latencyMs: number,
): Record<PostPlatform, PostPort> & { posted(): number } {
  const keys = new Set(readChannel(stateDir).map((p) => p.key));
  let posted = 0;
  const post =
    (platform: PostPlatform) =>
    async (destination: string, card: TalkCard, key: string): Promise<void> => {
      await new Promise((r) => setTimeout(r, latencyMs));
      if (platform === "matrix" && keys.has(key)) return; // a repeated txn id is dropped
      keys.add(key);
      posted++;
      const line: ChannelPost = { platform, destination, key, talk: card.id, at: "" };
      appendFileSync(
        channelLog(stateDir),
        `${JSON.stringify({ ...line, at: new Date().toISOString() })}\n`,
      );
    };
  return {
    slack: {
      capabilities: { resendsSafely: false, canFindPost: true },
      postCard: post("slack"),
      async findPost(_destination, key): Promise<PostLookup> {
        return { kind: keys.has(key) ? "found" : "absent" };
      },
    },
    matrix: { capabilities: { resendsSafely: true, canFindPost: false }, postCard: post("matrix") },
    posted: () => posted,
  };
}
