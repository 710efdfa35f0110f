// End-to-end encrypted rooms (issue 12): the bot cannot read them, says so once per room
// (remembered across restarts), and never posts the talk of the day there.
import { afterEach, describe, expect, it } from "vitest";
import { withPostKey } from "../../../src/adapters/matrix/find-post.ts";
import { toCard } from "../../../src/core/card.ts";
import { DeliveryError } from "../../../src/core/post-port.ts";
import { matrixCardContent } from "../../../src/render/matrix/answer.ts";
import { renderEncryptedRoomNotice } from "../../../src/render/matrix/notices.ts";
import { alice, Harness, realCore } from "../../support/matrix-harness.ts";

let h: Harness;
afterEach(async () => {
  h.expectClean();
  await h.close();
});

const MEGOLM = { algorithm: "m.megolm.v1.aes-sha2" };
const encryptedMessage = (ciphertext: string) => ({ ...MEGOLM, ciphertext });
const notices = (room: string) =>
  h.hs.sentTo(room).filter((s) => s.content.body === renderEncryptedRoomNotice().body);

describe("an encrypted room", () => {
  it("gets one plain notice, also across restarts, and nothing else", async () => {
    h = await Harness.create();
    const secret = h.hs.createRoom({ members: [alice], encrypted: true });
    const plain = h.hs.createRoom({ members: [alice] });
    await h.start();
    await h.hs.until(() => notices(secret).length === 1, "the notice");
    expect(h.hs.sentTo(secret)[0]!.content).toEqual(renderEncryptedRoomNotice());
    expect(h.hs.sentTo(secret)[0]!.content["m.relates_to"]).toBeUndefined();
    // What people send there is ciphertext: no answer, no second notice.
    h.hs.message(secret, alice, encryptedMessage("AAA"), { type: "m.room.encrypted" });
    h.hs.message(secret, alice, encryptedMessage("BBB"), { type: "m.room.encrypted" });
    await h.synced();
    await h.restart();
    h.hs.message(secret, alice, encryptedMessage("CCC"), { type: "m.room.encrypted" });
    const q = h.hs.message(plain, alice, "!virt numa");
    await h.hs.until(() => h.hs.sentTo(plain).length === 1, "the answer in the plain room");
    await h.synced();
    expect(h.hs.sentTo(secret)).toHaveLength(1);
    expect(h.hs.sentTo(plain).map((s) => s.content["m.relates_to"])).toEqual([
      { "m.in_reply_to": { event_id: q } },
    ]);
  });

  it("never answers in plain text there, even a plain-text question (a bridge, an old client)", async () => {
    h = await Harness.create();
    const secret = h.hs.createRoom({ members: [alice], encrypted: true });
    const plain = h.hs.createRoom({ members: [alice] });
    await h.start();
    await h.hs.until(() => notices(secret).length === 1, "the notice");
    h.hs.message(secret, alice, "!virt numa");
    h.hs.message(plain, alice, "!virt numa");
    await h.hs.until(() => h.hs.sentTo(plain).length === 1, "the answer in the plain room");
    await h.synced();
    expect(h.hs.sentTo(secret).map((s) => s.content)).toEqual([renderEncryptedRoomNotice()]);
  });

  it("is not pestered with the notice when it refuses it (the bot may not post there)", async () => {
    h = await Harness.create();
    const secret = h.hs.createRoom({ members: [alice] });
    await h.start();
    h.hs.fault({
      method: "PUT",
      path: /\/send\//,
      action: { kind: "status", status: 403, body: { errcode: "M_FORBIDDEN", error: "no" } },
    });
    h.hs.message(secret, alice, encryptedMessage("AAA"), { type: "m.room.encrypted" });
    await h.hs.until(
      () => h.logText().includes("cannot send the encrypted-room notice"),
      "the try",
    );
    h.hs.message(secret, alice, encryptedMessage("BBB"), { type: "m.room.encrypted" });
    await h.synced();
    expect(h.hs.sendAttempts.filter((a) => a.roomId === secret)).toHaveLength(1);
    expect(h.hs.sent).toEqual([]);
  });

  it("is told when it is joined on an invite, and when encryption is turned on later", async () => {
    h = await Harness.create();
    const later = h.hs.createRoom({ members: [alice] });
    await h.start();
    h.hs.createRoom({ id: "!new:fake.test", members: [alice], botJoined: false, encrypted: true });
    h.hs.invite("!new:fake.test", alice);
    await h.hs.until(() => notices("!new:fake.test").length === 1, "the notice after the join");
    h.hs.stateEvent(later, alice, "m.room.encryption", MEGOLM);
    await h.hs.until(() => notices(later).length === 1, "the notice once encryption is on");
    await h.synced();
    expect(h.hs.sent).toHaveLength(2);
  });

  it("never gets the talk of the day: postCard is refused and health lists the room", async () => {
    h = await Harness.create();
    const secret = h.hs.createRoom({ members: [alice], encrypted: true });
    const plain = h.hs.createRoom({ members: [alice] });
    await h.start();
    await h.hs.until(() => notices(secret).length === 1, "the notice");
    const card = toCard(realCore().catalog.talks[0]!, "Talk of the day · 2026-11-22");
    const refused = h.adapter.post.postCard(secret, card, "totd:2026-11-22:secret");
    await expect(refused).rejects.toBeInstanceOf(DeliveryError);
    await expect(refused).rejects.toMatchObject({
      failure: { kind: "refused" },
      message: "room is encrypted",
    });
    expect(h.hs.sentTo(secret)).toHaveLength(1); // the notice only
    expect(h.adapter.health()).toEqual({
      state: "up",
      detail: `talk of the day skipped in ${secret} (end-to-end encrypted; the bot cannot post there)`,
    });
    await h.adapter.post.postCard(plain, card, "totd:2026-11-22:plain");
    expect(h.hs.sentTo(plain).map((s) => s.content)).toEqual([
      withPostKey(matrixCardContent(card), "totd:2026-11-22:plain"),
    ]);
  });

  it("is refused a card even before the bot has synced it (read from the room's state)", async () => {
    h = await Harness.create();
    await h.start();
    // Encrypted before the bot joined, and joined behind the adapter's back: only the
    // room state can tell.
    const secret = h.hs.createRoom({ members: [alice], encrypted: true });
    const card = toCard(realCore().catalog.talks[1]!);
    await expect(h.adapter.post.postCard(secret, card, "k")).rejects.toMatchObject({
      failure: { kind: "refused" },
    });
    expect(h.hs.sentTo(secret).map((s) => s.content)).not.toContainEqual(
      withPostKey(matrixCardContent(card), "k"),
    );
  });
});
