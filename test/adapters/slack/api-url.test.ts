// SLACK_API_URL with credentials in it (http://user:password@host/api/): the Web API SDK
// puts the URL into its own warn line when fetch refuses it; the password never reaches the
// log (src/log.ts redacts URL credentials in every line, the SDK's included). The suite-wide
// log check greps for the password as well (test/support/secrets.ts).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type FakeSlack, startFakeSlack } from "../../../bench/shared/fakes/slack-web-api.ts";
import { URL_PASSWORD } from "../../support/secrets.ts";
import { type Harness, SECRETS, startHarness } from "../../support/slack-harness.ts";

let fake: FakeSlack;
let h: Harness;
let apiUrl: string;
beforeAll(async () => {
  fake = await startFakeSlack({ token: SECRETS.botToken });
  const url = new URL(fake.apiUrl);
  url.username = "operator";
  url.password = URL_PASSWORD;
  apiUrl = url.href;
  // auth.test cannot succeed either: requests do not wait for it.
  h = await startHarness({ fake, config: { apiUrl }, adapter: { authorizeWaitMs: 1 } });
});
afterAll(async () => {
  await h.close();
  await fake.close();
});

describe("SLACK_API_URL with credentials", () => {
  it("the SDK's warn line shows the URL without its password", async () => {
    // A mention's answer is posted once (a post that may have arrived is never repeated).
    await h.mention({ eventId: "Ev0APIURL1", text: "<@UBOT0001> numa" });
    await vi.waitFor(() => expect(h.logText()).toContain("http request failed"));
    const warned = h.logs.filter((l) => l.includes("http request failed"));
    expect(warned.length).toBeGreaterThan(0);
    for (const line of warned) {
      expect(line).toContain(`${new URL(apiUrl).protocol}//[Redacted]@127.0.0.1:`);
      expect(line).not.toContain(URL_PASSWORD);
    }
    expect(h.logText()).not.toContain(URL_PASSWORD);
  });
});
