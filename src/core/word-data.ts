// The word lists the core reads beside the catalog: synonyms, chat words, lay terms,
// small talk and the words that copy a message to someone. Each is read from DATA_DIR
// when that folder has it, else from the built-in data/ folder (an operator's DATA_DIR
// may hold only the catalog), once per folder.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DEFAULT_DATA_DIR } from "./catalog.ts";
import { type FieldSenses, loadFieldSenses } from "./search/field-senses.ts";
import {
  type ChatLanguage,
  type JsonFile,
  loadChatLanguage,
  readJsonFile,
} from "./search/query/chat-language.ts";
import { loadSynonyms, type SynonymTable } from "./search/query/synonyms.ts";
import { loadSmallTalk, type SmallTalkLexicon } from "./small-talk-lexicon.ts";

export interface SearchWords {
  readonly synonyms: SynonymTable;
  readonly language: ChatLanguage;
  /** Field words read in another field's sense ("java vm"); none when left out. */
  readonly senses?: FieldSenses;
}
export interface WordData extends SearchWords {
  readonly smallTalk: SmallTalkLexicon;
  /** "cc", "fyi": words before a mention that only say whom a message is copied to. */
  readonly copiedTo: ReadonlySet<string>;
}

/**
 * chat-words.json `copiedTo` (its other keys are the search's: chat-language.ts). Optional,
 * as `context` and `recency` are there: a DATA_DIR's file written before the key existed
 * keeps working, with the built-in words.
 */
const CopiedToFile = z.object({
  copiedTo: z
    .object({ about: z.string().optional(), words: z.array(z.string().min(1)) })
    .optional(),
});

function loadCopiedTo(chatWords: JsonFile): ReadonlySet<string> {
  const { copiedTo } = CopiedToFile.parse(chatWords.json);
  if (copiedTo) return new Set(copiedTo.words.map((w) => w.toLowerCase()));
  const builtIn = join(DEFAULT_DATA_DIR, "chat-words.json");
  if (chatWords.file === builtIn) throw new Error(`${builtIn} has no copiedTo`);
  return loadCopiedTo(readJsonFile(builtIn));
}

/** The path of a word file: in `dataDir` when it is there, else the built-in one. */
export function wordFile(dataDir: string, name: string): string {
  const own = join(dataDir, name);
  return existsSync(own) ? own : join(DEFAULT_DATA_DIR, name);
}

const loaded = new Map<string, WordData>();

export function wordData(dataDir: string = DEFAULT_DATA_DIR): WordData {
  let data = loaded.get(dataDir);
  if (!data) {
    const synonyms = loadSynonyms(wordFile(dataDir, "synonyms.json"));
    // Read once: the search's keys (chat-language.ts) and `copiedTo` share the file.
    const chatWords = readJsonFile(wordFile(dataDir, "chat-words.json"));
    data = {
      synonyms,
      language: loadChatLanguage(chatWords, wordFile(dataDir, "lay-terms.json")),
      senses: loadFieldSenses(wordFile(dataDir, "field-senses.json")),
      smallTalk: loadSmallTalk(wordFile(dataDir, "small-talk.json")),
      copiedTo: loadCopiedTo(chatWords),
    };
    loaded.set(dataDir, data);
  }
  return data;
}
