// The bare bot: the floor bench:bot measures us against (not shipped). Stock @slack/bolt
// (`/virt` → ack() → respond() with a fixed three-card message over Bolt's own
// HTTPReceiver) and stock matrix-bot-sdk (room.message → sendEvent of a fixed m.notice).
// No search, no rate limiting, no state on disk: what any bot on these SDKs costs at least.
//
// It reads the same environment variables as ours (bench/bot/run.ts passes both the same
// environment) — a bench entry point, outside src/ and its one config module. /healthz
// answers like ours ({adapters:{slack:{state},matrix:{state}}}) so readiness is polled the
// same way: Slack is up once the HTTP server listens, Matrix once the first /sync arrived.
import { App, LogLevel as BoltLogLevel } from "@slack/bolt";
import { LogLevel, LogService, MatrixClient, MemoryStorageProvider } from "matrix-bot-sdk";
import { MATRIX_NOTICE, SLACK_ANSWER } from "./message.ts";

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`bare bot: ${name} is not set`);
  return value;
}

const port = Number(env("PORT"));
const host = process.env.HOST || "127.0.0.1";
let slackUp = false;
let matrixUp = false;

/** A stock memory store that also tells us when the first /sync came back. */
class ReadyStore extends MemoryStorageProvider {
  override setSyncToken(token: string | null): void {
    super.setSyncToken(token);
    matrixUp = true;
  }
}

const app = new App({
  token: env("SLACK_BOT_TOKEN"),
  signingSecret: env("SLACK_SIGNING_SECRET"),
  clientOptions: { slackApiUrl: env("SLACK_API_URL") },
  logLevel: BoltLogLevel.WARN,
  customRoutes: [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req, res) => {
        const state = (up: boolean) => ({ state: up ? "up" : "starting" });
        res.writeHead(slackUp && matrixUp ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify({ adapters: { slack: state(slackUp), matrix: state(matrixUp) } }));
      },
    },
  ],
});

app.command("/virt", async ({ ack, respond }) => {
  await ack();
  await respond(SLACK_ANSWER);
});

LogService.setLevel(LogLevel.WARN);
const matrix = new MatrixClient(
  env("MATRIX_HOMESERVER_URL"),
  env("MATRIX_ACCESS_TOKEN"),
  new ReadyStore(),
);

let botUserId = "";
matrix.on("room.message", async (roomId: string, event: Record<string, unknown>) => {
  const content = event.content as Record<string, unknown> | undefined;
  if (event.sender === botUserId || content?.msgtype !== "m.text") return;
  // The reply relation is what the bench matches the answer to its question by.
  await matrix.sendEvent(roomId, "m.room.message", {
    ...MATRIX_NOTICE,
    "m.relates_to": { "m.in_reply_to": { event_id: event.event_id } },
  });
});

process.once("SIGTERM", () => {
  matrix.stop();
  app.stop().finally(() => process.exit(0));
});

await app.start({ port, host });
slackUp = true;
botUserId = await matrix.getUserId();
// The default timeline limit (10 events per room per /sync) would drop questions at 50
// concurrent askers, replies counting against it too; ours asks for 500 — so does this.
await matrix.start({ room: { timeline: { limit: 500 } } });
