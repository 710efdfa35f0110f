// bench:sources, alert latency (issue #20: "≤ one refresh interval plus 1 s after the source
// changes"). The bot's own wiring over the bench's catalog: startSources with every source
// refreshed every REFRESH_MS (the file's floor is 5 minutes), the watch alerts hook, the
// Slack adapter's post port (its Web API client and poster) against the Slack fake, and the
// real Matrix adapter against the homeserver fake. Each round a new channel and a new room
// watch "live migration" (a fresh room: the once-an-hour rule would hold back a second
// alert to the same one), then, at a random moment, the probe source starts listing one
// more talk on that subject. Latency: from that moment to the alert arriving at each fake.
import { performance } from "node:perf_hooks";
import { webApi } from "@slack/bolt";
import { createMatrixAdapter } from "../../src/adapters/matrix/adapter.ts";
import { createIdentity } from "../../src/adapters/slack/identity.ts";
import { createCardPoster } from "../../src/adapters/slack/post-card.ts";
import { createSlackApi, webClientOptions } from "../../src/adapters/slack/web-client.ts";
import type { CatalogReloader } from "../../src/app/reload.ts";
import { startSources } from "../../src/app/sources.ts";
import { createWatchAlertsHook } from "../../src/app/watching.ts";
import type { Config } from "../../src/config.ts";
import type { Library } from "../../src/core/library.ts";
import { createRateLimiter } from "../../src/core/rate-limit.ts";
import type { StateStore } from "../../src/core/state-store.ts";
import { createTurn } from "../../src/core/turn.ts";
import type { Logger } from "../../src/log.ts";
import { openWatches } from "../../src/watch/watches.ts";
import { FakeHomeserver } from "../shared/fakes/homeserver.ts";
import type { ScheduleServer } from "../shared/fakes/schedule-server.ts";
import { startFakeSlack } from "../shared/fakes/slack-web-api.ts";

export const REFRESH_MS = 3_000;
const QUERY = "live migration";
const SLACK_TOKEN = "xoxb-bench-alert-latency";
const MATRIX_TOKEN = "syt_bench_alert_latency_0123456789";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small frab schedule of made-up talks; `extra` more each carry the watched subject. */
export function probeSchedule(extra: number): string {
  const event = (id: number, title: string) =>
    `<event guid="probe-${id}" id="${id}"><date>2031-06-02T10:00:00+02:00</date><start>10:00</start><duration>00:30</duration><room>Probe room</room><slug>probe-${id}</slug><url>https://probe.example.org/2031/events/${id}/</url><title>${title}</title><subtitle/><track>Virtualization</track><type>Talk</type><language>en</language><abstract>A made-up talk for the alert latency benchmark.</abstract><description/><persons><person id="${id}">Ada Lind</person></persons><links/><attachments/></event>`;
  const events = [
    event(1, "Probe opening remarks"),
    event(2, "Probe closing remarks"),
    ...Array.from({ length: extra }, (_, i) =>
      event(100 + i, `Live migration of probe guests, part ${i + 1}`),
    ),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<schedule><version>probe</version><conference><acronym>probe-2031</acronym><title>Probe Conference 2031</title><start>2031-06-02</start><end>2031-06-02</end><time_zone_name>Europe/Berlin</time_zone_name><base_url>https://probe.example.org/2031/events/</base_url><url>https://probe.example.org/2031/</url></conference><day index="1" date="2031-06-02"><room name="Probe room">${events.join("")}</room></day></schedule>\n`;
}

interface LatencyOptions {
  readonly config: Config;
  readonly state: StateStore;
  readonly library: Library;
  readonly reloader: CatalogReloader;
  readonly logger: Logger;
  /** Serves probeSchedule(0) now and is listed in the sources file. */
  readonly probe: ScheduleServer;
  readonly rounds: number;
}

export interface LatencyFigures {
  readonly slackMs: number[];
  readonly matrixMs: number[];
  /** From the change to the probe's first request after it (the refresh wait). */
  readonly waitMs: number[];
}

export async function measureAlertLatency(options: LatencyOptions): Promise<LatencyFigures> {
  const { config, state, library, logger, probe } = options;
  const slack = await startFakeSlack({ token: SLACK_TOKEN });
  const hs = await FakeHomeserver.start({ accessToken: MATRIX_TOKEN });
  const arrived = new Map<string, number>();
  slack.hooks = {
    before: (call) => {
      const channel = call.body.channel;
      if (call.method === "chat.postMessage" && typeof channel === "string")
        arrived.set(`slack:${channel}`, performance.now());
    },
  };
  hs.sendHooks = { before: (send) => void arrived.set(`matrix:${send.roomId}`, performance.now()) };

  const client = new webApi.WebClient(
    undefined,
    webClientOptions(slack.apiUrl, undefined, SLACK_TOKEN),
  );
  const api = createSlackApi({ client, logger });
  const slackPost = createCardPoster({ api, identity: createIdentity(api), logger });
  const matrix = createMatrixAdapter(
    {
      homeserverUrl: hs.url,
      accessToken: MATRIX_TOKEN,
      allowedServers: [],
      allowedRooms: [],
      subscribeMinPower: 50,
    },
    {
      turn: createTurn({ library, rateLimiter: createRateLimiter() }),
      logger,
      observer: { answered() {} },
      state,
    },
  );
  const watches = openWatches(state);
  const hook = createWatchAlertsHook(state, watches, library, logger);
  const syncer = await startSources(config, {
    state,
    library,
    reloader: options.reloader,
    logger,
    onCatalogChanged: hook.changed,
    refreshMs: REFRESH_MS,
  });
  if (!syncer) throw new Error("no sources file");
  const figures: LatencyFigures = { slackMs: [], matrixMs: [], waitMs: [] };
  try {
    await matrix.start();
    // The first round (due at once) imports the probe source: nobody watches it yet.
    while (syncer.status().some((s) => s.state !== "ok" || s.lastSuccess === null)) await sleep(20);
    const alerts = await hook.open({ slack: slackPost, matrix: matrix.post });
    for (let round = 0; round < options.rounds; round++) {
      const channel = `C0LATENCY${round}`;
      const room = hs.createRoom({ members: ["@alice:fake.test"] });
      const by = { byUser: "U0BENCH01", by: "<@U0BENCH01>", at: new Date().toISOString() };
      await (await watches).add("slack", channel, { query: QUERY, ...by });
      await (await watches).add("matrix", room, { query: QUERY, ...by });
      // The change lands anywhere in the refresh cycle.
      await sleep(Math.random() * REFRESH_MS);
      probe.serve({ body: probeSchedule(round + 1), etag: `"probe-${round + 1}"` });
      const changedAt = performance.now();
      const asked = probe.requests.length;
      const deadline = changedAt + REFRESH_MS + 30_000;
      let fetchedAt: number | null = null;
      while (!(arrived.has(`slack:${channel}`) && arrived.has(`matrix:${room}`))) {
        if (performance.now() > deadline) throw new Error(`round ${round}: no alert arrived`);
        if (fetchedAt === null && probe.requests.length > asked) fetchedAt = performance.now();
        await sleep(5);
      }
      figures.waitMs.push((fetchedAt ?? performance.now()) - changedAt);
      figures.slackMs.push(arrived.get(`slack:${channel}`)! - changedAt);
      figures.matrixMs.push(arrived.get(`matrix:${room}`)! - changedAt);
    }
    alerts.stop();
  } finally {
    await syncer.stop();
    await matrix.stop();
    await slack.close();
    await hs.close();
  }
  return figures;
}
