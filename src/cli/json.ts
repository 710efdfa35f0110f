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
