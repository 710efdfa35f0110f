// The JSON shapes the CLI prints. Built field by field (not spread from Talk) so the
// output contract stays fixed when Talk grows internal fields.
import type { EngineHit } from "../core/search/engine.ts";
import type { Talk } from "../core/talk.ts";

interface TalkJson {
  readonly id: string;
  readonly title: string;
  readonly speakers: string[];
  readonly event: string;
  readonly year: number;
  readonly date: string | null;
  readonly location: string | null;
  readonly summary: string;
  readonly keyPoints: string[];
  readonly topics: string[];
  readonly links: { kind: string; url: string }[];
}

interface HitJson extends TalkJson {
  readonly score: number;
  readonly matched: string[];
}

interface DayJson extends TalkJson {
  /** The talk's own date; `date` holds the talk-of-the-day date instead. */
  readonly talkDate: string | null;
}

export function talkJson(talk: Talk): TalkJson {
  return {
    id: talk.id,
    title: talk.title,
    speakers: [...talk.speakers],
    event: talk.event,
    year: talk.year,
    date: talk.date,
    location: talk.location,
    summary: talk.summary,
    keyPoints: [...talk.keyPoints],
    topics: [...talk.topics],
    links: talk.links.map((l) => ({ kind: l.kind, url: l.url })),
  };
}

export function hitJson(hit: EngineHit): HitJson {
  return { ...talkJson(hit.talk), score: hit.score, matched: [...hit.matched] };
}

export function dayJson(day: string, talk: Talk): DayJson {
  return { ...talkJson(talk), date: day, talkDate: talk.date };
}

/** Talks per write of jsonLines: a few hundred KB at a time. */
const BATCH = 256;

/**
 * `JSON.stringify(items.map(toJson), null, 2)` in pieces that each end a line, for
 * `print`: byte for byte the same text, but `list --json` at 12,000 talks never holds a
 * 13 MB string and its encoded copy at once.
 */
export function* jsonLines<T>(
  items: readonly T[],
  toJson: (item: T) => unknown,
): Generator<string> {
  if (items.length === 0) {
    yield "[]";
    return;
  }
  for (let i = 0; i < items.length; i += BATCH) {
    const end = Math.min(i + BATCH, items.length);
    // A batch printed as an array has its elements indented as in the whole array:
    // "[\n" + elements + "\n]", so its elements are the text between.
    const batch = JSON.stringify(items.slice(i, end).map(toJson), null, 2);
    const body = batch.slice(2, -2);
    yield `${i === 0 ? "[\n" : ""}${body}${end === items.length ? "\n]" : ","}`;
  }
}
