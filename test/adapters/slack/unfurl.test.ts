// Slack unfurls end to end: a signed link_shared event into the real Bolt App; the links to
// our talk pages are answered with one chat.unfurl carrying each talk's card, recorded by
// the fake Web API. Other links are left to Slack.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { JSON_TYPE, linkSharedBody } from "../../../bench/shared/slack-signing.ts";
import { talkUnfurls } from "../../../src/adapters/slack/listeners/unfurl.ts";
import { toCard } from "../../../src/core/card.ts";
import { withPermalink } from "../../../src/core/permalink.ts";
import { slackCardBlocks } from "../../../src/render/slack/card.ts";
import { createTalkPages } from "../../../src/web/talk-pages.ts";
import { type Harness, startHarness, testLibrary } from "../../support/slack-harness.ts";

const PUBLIC = "https://talks.example.org/virt";
const pages = createTalkPages(PUBLIC, testLibrary());
const talk = testLibrary().current().catalog.talks[0]!;
const page = `${PUBLIC}/talks/${talk.id}`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: true, pages });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.fake.reset());

let n = 0;
const share = (urls: string[]) =>
  h.send(linkSharedBody({ eventId: `Ev0UNFURL${++n}`, urls }), { contentType: JSON_TYPE });

describe("link_shared", () => {
  it("unfurls a talk page as the talk's card, title linked to the page", async () => {
    const res = await share([page, "https://example.com/elsewhere"]);
    expect(res.status).toBe(200);
    await h.fake.waitFor((calls) => calls.some((c) => c.method === "chat.unfurl"));
    const [call] = h.fake.callsTo("chat.unfurl");
    expect(call!.body.channel).toBe("C0CHAN001");
    expect(call!.body.ts).toBe("1700000800.000100");
    const card = withPermalink(toCard(talk), page);
    expect(call!.body.unfurls).toEqual({
      [page]: { blocks: slackCardBlocks(card, { index: 0, share: false }) },
    });
    expect(JSON.stringify(call!.body.unfurls)).toContain(`<${page}|`);
  });

  it("leaves links that are not talk pages of ours alone (no chat.unfurl)", async () => {
    await share([`${PUBLIC}/talks/no-such-talk`, "https://talks.example.org/other/talks/x"]);
    // A later event that does unfurl proves the first was handled (and produced nothing).
    await share([page]);
    await h.fake.waitFor((calls) => calls.some((c) => c.method === "chat.unfurl"));
    await vi.waitFor(() => expect(h.fake.callsTo("chat.unfurl")).toHaveLength(1));
    expect(Object.keys(h.fake.callsTo("chat.unfurl")[0]!.body.unfurls as object)).toEqual([page]);
  });
});

describe("talkUnfurls", () => {
  it("recognises a page with a trailing slash or a query, and only http(s) pages of ours", () => {
    expect(Object.keys(talkUnfurls([{ url: `${page}/` }, { url: `${page}?x=1` }], pages))).toEqual([
      `${page}/`,
      `${page}?x=1`,
    ]);
    expect(
      talkUnfurls([{ url: "javascript:alert(1)" }, { url: `${PUBLIC}/talks/%E0%A4%A` }], pages),
    ).toEqual({});
  });
});
