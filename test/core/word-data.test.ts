import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { DEFAULT_DATA_DIR, loadCatalog } from "../../src/core/catalog.ts";
import { wordData, wordFile } from "../../src/core/word-data.ts";

const dir = mkdtempSync(join(tmpdir(), "virt-talks-words-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
cpSync(join(DEFAULT_DATA_DIR, "talks"), join(dir, "talks"), { recursive: true });
cpSync(join(DEFAULT_DATA_DIR, "topics.json"), join(dir, "topics.json"));
const builtIn = (name: string) => JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, name), "utf8"));

describe("word lists under DATA_DIR", () => {
  it("falls back to the built-in file for each list DATA_DIR lacks", () => {
    expect(wordFile(dir, "synonyms.json")).toBe(join(DEFAULT_DATA_DIR, "synonyms.json"));
  });

  it("reads small talk and synonyms from DATA_DIR when it has them", () => {
    const smallTalk = builtIn("small-talk.json");
    smallTalk.intents.greeting += " moien";
    writeFileSync(join(dir, "small-talk.json"), JSON.stringify(smallTalk));
    const synonyms = builtIn("synonyms.json");
    synonyms.groups.push(["zorblax", "numa"]);
    writeFileSync(join(dir, "synonyms.json"), JSON.stringify(synonyms));

    const catalog = loadCatalog(dir);
    expect(catalog.dataDir).toBe(dir);
    expect(wordFile(dir, "synonyms.json")).toBe(join(dir, "synonyms.json"));
    const core = createCore({ catalog, timeZone: "UTC" });
    expect(core.answer("moien").kind).toBe("small-talk");
    const found = core.answer("zorblax", { pageSize: 1 });
    expect(found.kind).toBe("results");
    // The built-in lists are untouched: the default catalog knows neither word.
    const plain = createCore({ catalog: loadCatalog(), timeZone: "UTC" });
    expect(plain.answer("moien").kind).toBe("no-results");
    expect(wordData().synonyms.groupsByPhrase.has("zorblax")).toBe(false);
  });

  it("reads the cc and fyi words from chat-words.json, DATA_DIR's when it has one", () => {
    expect(wordData().copiedTo).toEqual(new Set(["cc", "/cc", "cc:", "fyi", "fyi:"]));
    // A folder of its own: word lists are read once per folder.
    const own = mkdtempSync(join(tmpdir(), "virt-talks-cc-"));
    cpSync(join(dir, "talks"), join(own, "talks"), { recursive: true });
    cpSync(join(dir, "topics.json"), join(own, "topics.json"));
    const chatWords = builtIn("chat-words.json");
    chatWords.copiedTo.words.push("PTAL");
    writeFileSync(join(own, "chat-words.json"), JSON.stringify(chatWords));

    const core = createCore({ catalog: loadCatalog(own), timeZone: "UTC" });
    const asked = core.answer("numa ptal @alice:matrix.org", { pageSize: 1 });
    expect(asked).toEqual(core.answer("numa", { pageSize: 1 }));
    rmSync(own, { recursive: true, force: true });
    expect(wordData().copiedTo.has("ptal")).toBe(false);
  });

  it("keeps the built-in cc words for a DATA_DIR chat-words.json older than `copiedTo`", () => {
    const old = mkdtempSync(join(tmpdir(), "virt-talks-old-words-"));
    cpSync(join(dir, "talks"), join(old, "talks"), { recursive: true });
    cpSync(join(dir, "topics.json"), join(old, "topics.json"));
    const { copiedTo: _, ...chatWords } = builtIn("chat-words.json");
    writeFileSync(join(old, "chat-words.json"), JSON.stringify(chatWords));

    const core = createCore({ catalog: loadCatalog(old), timeZone: "UTC" });
    const numa = core.answer("numa", { pageSize: 1 });
    expect(numa.kind).toBe("results");
    expect(core.answer("numa cc @alice:matrix.org", { pageSize: 1 })).toEqual(numa);
    expect(wordData(old).copiedTo).toEqual(new Set(["cc", "/cc", "cc:", "fyi", "fyi:"]));
    rmSync(old, { recursive: true, force: true });
  });
});
