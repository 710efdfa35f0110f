// A DATA_DIR with the built-in catalog and one more word in chat-words.json `copiedTo`
// ("ptal"): what an operator's word lists add, for tests that each surface honours them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_DATA_DIR } from "../../src/core/catalog.ts";

export function dataDirCopiedTo(word: string): { readonly dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "virt-talks-cc-"));
  cpSync(join(DEFAULT_DATA_DIR, "talks"), join(dir, "talks"), { recursive: true });
  cpSync(join(DEFAULT_DATA_DIR, "topics.json"), join(dir, "topics.json"));
  const chatWords = JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, "chat-words.json"), "utf8"));
  chatWords.copiedTo.words.push(word);
  writeFileSync(join(dir, "chat-words.json"), JSON.stringify(chatWords));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
