// Watch alerts end to end, as the running bot wires them (src/app/sources.ts and
// src/app/watching.ts): a local schedule server whose schedule gains a talk, the real
// syncer and reload, and the real Slack and Matrix adapters posting to the Slack fake and
// the homeserver fake. One alert per watching room, with the exact words; none again after
// a restart.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Talk } from "../../src/core/talk.ts";
import {
  CHANNEL,
  life,
  matrixAlertBody,
  slackAlertText,
  startWorld,
  V1,
  V2,
  WATCHER,
  type World,
} from "./sources-world.ts";

const ABSTRACT =
  "Native contexts let a guest talk to the host GPU driver with little translation. " +
  "We compare them with Venus and virgl for desktop workloads.";
const VIRTIO_GPU = {
  title: "virtio-gpu native contexts for Linux guests",
  url: "https://pretalx.example.org/kvm-forum-2026/talk/HB2NXS/",
  abstract: ABSTRACT,
};

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(() => world.close());

describe("watch alerts through the sources sync", () => {
  it("a sync adding a talk a room watches alerts it once on each platform, and never again after a restart", async () => {
    const { server, matrix } = world;
    const room = world.room();
    server.serve({ body: V1, etag: '"v1"' });
    const first = await life(world);
    await first.sources.syncNow();
    await first.watches.add("slack", CHANNEL, { query: "virtio-gpu", ...WATCHER });
    await first.watches.add("matrix", room, { query: "virtio-gpu", ...WATCHER });

    server.serve({ body: V2, etag: '"v2"' });
    const before: readonly Talk[] = first.library.current().catalog.talks;
    const [round] = await first.sources.syncNow();
    expect(round?.result.kind).toBe("changed");
    await matrix.hs.until(() => matrix.hs.sent.length > 0, "the Matrix alert");

    const posted = world.slackAlerts();
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body.text).toBe(slackAlertText(VIRTIO_GPU));
    expect(posted[0]!.body.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "1 talk for your watch “virtio-gpu”" } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text:
            "*<https://pretalx.example.org/kvm-forum-2026/talk/HB2NXS/|virtio-gpu native contexts for Linux guests>*\n" +
            `Sven Aalto · KVM Forum 2026 · I/O and devices\n${ABSTRACT}`,
        },
      },
      { type: "context", elements: [{ type: "mrkdwn", text: "New talk" }] },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: "Ask again any time: `/virt virtio-gpu`" }],
      },
    ]);

    expect(matrix.hs.sent).toHaveLength(1);
    const notice = matrix.hs.sent[0]!;
    expect(notice.roomId).toBe(room);
    expect(notice.content.msgtype).toBe("m.notice");
    expect(notice.content.body).toBe(matrixAlertBody(VIRTIO_GPU));
    expect(notice.content["m.mentions"]).toEqual({});
    first.alerts.stop();

    // A restart: the same change seen again (another replica, a re-run sync) tells nobody.
    const second = await life(world);
    expect(second.watches.list("slack", CHANNEL)).toHaveLength(1);
    await second.hook.changed(before);
    const [again] = await second.sources.syncNow();
    expect(again?.result.kind).toBe("unchanged");
    expect(world.slackAlerts()).toHaveLength(1);
    expect(matrix.hs.sent).toHaveLength(1);
    second.alerts.stop();
  });
});
