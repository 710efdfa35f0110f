// The state-store contract: the same tests, unchanged, against the file store, the memory
// store and PostgreSQL (skipped with one line for the run when no server answers; see
// test/support/postgres.ts). A caller may rely on exactly what is written here.
import { afterEach, describe, expect, it } from "vitest";
import { StateStoreError } from "../../src/core/state-store.ts";
import { describePg } from "../support/postgres.ts";
import { FIXTURES, type Place } from "./store-places.ts";

const text = (raw: unknown) => (typeof raw === "string" ? raw : undefined);
interface Card {
  id: string;
  tags: string[];
  n: number;
  nested: { ok: boolean; note: string };
}
const card = (raw: unknown) =>
  typeof raw === "object" && raw !== null && "id" in raw ? (raw as Card) : undefined;

for (const fixture of FIXTURES) {
  const suite = fixture.kind === "postgres" ? describePg : describe;
  suite(`state-store contract: ${fixture.kind}`, () => {
    let places: Place[] = [];
    const place = async () => {
      const p = await fixture.make();
      places.push(p);
      return p;
    };
    afterEach(async () => {
      await Promise.all(places.map((p) => p.close()));
      places = [];
    });

    it("gets what was put, overwrites, deletes, and forgets nothing it was not asked to", async () => {
      const ns = await (await place()).open().open("things", text);
      expect(await ns.get("missing")).toBeUndefined();
      await ns.put("a", "one");
      await ns.put("b", "two");
      await ns.put("a", "uno");
      await ns.delete("b");
      await ns.delete("never-there");
      expect(await ns.get("a")).toBe("uno");
      expect(await ns.get("b")).toBeUndefined();
      expect(await ns.entries()).toEqual([["a", "uno"]]);
    });

    it("round-trips structured values and any text key", async () => {
      const ns = await (await place()).open().open("cards", card);
      const value: Card = {
        id: "kvm-42",
        tags: ["virtio", "vhost"],
        n: 1.5,
        nested: { ok: true, note: "Ünïcödé ✓ <b>&amp;</b> \"quoted\" 'single'" },
      };
      const key = "!room:example.org/$event id with spaces ✓";
      await ns.put(key, value);
      expect(await ns.get(key)).toEqual(value);
    });

    it("keeps entries across a restart, in insertion order", async () => {
      const p = await place();
      const first = await p.open().open("order", text);
      for (const k of ["a", "b", "c"]) await first.put(k, k.toUpperCase());
      await first.put("a", "A2"); // an update keeps its place
      await first.delete("b");
      await first.put("b", "B2"); // a key stored again goes last
      const again = await p.open().open("order", text);
      expect(again.recovered).toBe(false);
      expect(await again.entries()).toEqual([
        ["a", "A2"],
        ["c", "C"],
        ["b", "B2"],
      ]);
    });

    it("keeps namespaces apart", async () => {
      const store = (await place()).open();
      const one = await store.open("one", text);
      const two = await store.open("two", text);
      await one.put("k", "in one");
      expect(await two.get("k")).toBeUndefined();
      expect(await two.putIfAbsent("k", "in two")).toBe(true);
      expect(await one.get("k")).toBe("in one");
    });

    it("put-if-absent stores once and keeps the first value", async () => {
      const ns = await (await place()).open().open("seen", text);
      expect(await ns.putIfAbsent("evt", "first")).toBe(true);
      expect(await ns.putIfAbsent("evt", "second")).toBe(false);
      expect(await ns.get("evt")).toBe("first");
    });

    it("forgets an entry when its time to live is over, also across a restart", async () => {
      const p = await place();
      let now = 1_000_000;
      const ns = await p.open(() => now).open("ttl", text);
      await ns.put("short", "x", { ttlMs: 500 });
      await ns.put("forever", "y");
      await ns.put("renewed", "z", { ttlMs: 500 });
      await ns.put("renewed", "z2"); // a put without a ttl keeps it for good
      now += 499;
      expect(await ns.get("short")).toBe("x");
      now += 1;
      expect(await ns.get("short")).toBeUndefined();
      expect(await ns.entries()).toEqual([
        ["forever", "y"],
        ["renewed", "z2"],
      ]);
      expect(await ns.putIfAbsent("short", "again", { ttlMs: 500 })).toBe(true);
      expect(await ns.get("short")).toBe("again");
      const later = await p.open(() => now + 10_000).open("ttl", text);
      expect(await later.get("short")).toBeUndefined();
      expect(await later.get("forever")).toBe("y");
    });

    it("lets exactly one of many concurrent put-if-absent calls win", async () => {
      const ns = await (await place()).open().open("race", text);
      const wins = await Promise.all(
        Array.from({ length: 20 }, (_, i) => ns.putIfAbsent("evt", `caller-${i}`)),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await ns.get("evt")).toBe(`caller-${wins.indexOf(true)}`);
    });

    it("makes every concurrent put durable", async () => {
      const p = await place();
      const ns = await p.open().open("many", text);
      await Promise.all(Array.from({ length: 40 }, (_, i) => ns.put(`k${i}`, `v${i}`)));
      const again = await p.open().open("many", text);
      expect(new Map(await again.entries())).toEqual(
        new Map(Array.from({ length: 40 }, (_, i) => [`k${i}`, `v${i}`])),
      );
    });

    it("moves a namespace holding a value it refuses aside and starts it empty", async () => {
      const p = await place();
      await p.plant("checked", "good", "fine");
      await p.plant("checked", "bad", 42);
      await p.plant("other", "good", "fine");
      const store = p.open();
      const checked = await store.open("checked", text);
      expect(checked.recovered).toBe(true);
      expect(await checked.entries()).toEqual([]);
      const other = await store.open("other", text);
      expect(other.recovered).toBe(false);
      expect(await other.get("good")).toBe("fine");
      await checked.put("new", "after");
      expect(await (await p.open().open("checked", text)).entries()).toEqual([["new", "after"]]);
    });

    it("refuses a namespace name that is not a slug, naming the store", async () => {
      const error = await (await place())
        .open()
        .open("../etc", text)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateStoreError);
      expect((error as StateStoreError).store).toBe(fixture.kind);
      expect((error as Error).message).toBe(
        `${fixture.kind} state store "../etc": namespace names are lower-case slugs`,
      );
    });

    describe.runIf(fixture.shared)("shared by several processes", () => {
      it("shows one process what another stored", async () => {
        const p = await place();
        const [a, b] = [await p.open().open("shared", text), await p.open().open("shared", text)];
        await a.put("k", "from a");
        expect(await b.get("k")).toBe("from a");
        await b.delete("k");
        expect(await a.get("k")).toBeUndefined();
      });

      it("lets exactly one process win each put-if-absent race", async () => {
        const p = await place();
        const procs = await Promise.all([1, 2, 3].map(() => p.open().open("claims", text)));
        const keys = Array.from({ length: 15 }, (_, i) => `evt-${i}`);
        const results = await Promise.all(
          keys.flatMap((k) => procs.map((ns, i) => ns.putIfAbsent(k, `proc-${i}`))),
        );
        for (let k = 0; k < keys.length; k++)
          expect(results.slice(k * 3, k * 3 + 3).filter(Boolean)).toHaveLength(1);
      });
    });
  });
}
