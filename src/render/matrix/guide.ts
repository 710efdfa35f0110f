// Matrix notices for the answers that guide rather than list talks: small talk, the topic
// list, an unknown topic: filter, and the speaker hint under a search that found nothing.
// Pure; every piece of catalog or user text is escaped.

import { BANG_COMMAND } from "../../core/address.ts";
import type { Answer } from "../../core/answer.ts";
import { orList } from "../../core/discover.ts";
import { escapeHtml } from "./html.ts";
import {
  type Fragment,
  line,
  code as literal,
  type NoticeContent,
  notice,
  paragraph,
} from "./notice.ts";

type Of<K extends Answer["kind"]> = Extract<Answer, { kind: K }>;

const plain = (s: string): Fragment => line(s);
/** A command as people type it in a room. */
const code = (query: string): Fragment => literal(`${BANG_COMMAND} ${query}`);
const join = (...pieces: readonly Fragment[]): Fragment => line(...pieces);
/** "a, b or c" in both renderings. */
const or = (items: readonly Fragment[]): Fragment => [
  orList(items.map((i) => i[0])),
  orList(items.map((i) => i[1])),
];

/** Paragraphs of lines → one m.notice. */
const guideNotice = (paragraphs: readonly (readonly Fragment[])[]): NoticeContent =>
  notice(paragraphs.map(paragraph));

export function renderSmallTalk(answer: Of<"small-talk">): NoticeContent {
  const tries = or(answer.examples.map(code));
  return guideNotice([
    [plain(answer.reply), join(plain(`${answer.capabilities} Try `), tries, plain("."))],
  ]);
}

export function renderTopics(answer: Of<"topics">): NoticeContent {
  const heading = `${answer.topics.length} topics, with their number of talks:`;
  const items = answer.topics.map((t) => ({
    text: `• ${t.slug} (${t.talks}) — ${t.description}`,
    html: `<li><code>${escapeHtml(t.slug)}</code> (${t.talks}) — ${escapeHtml(t.description)}</li>`,
  }));
  const search = join(plain("Search one: "), code(`topic:${answer.topics[0]?.slug ?? "numa"}`));
  const intro = guideNotice([[plain(heading)]]);
  const outro = guideNotice([[search]]);
  return {
    ...intro,
    body: [intro.body, items.map((i) => i.text).join("\n"), outro.body].join("\n\n"),
    formatted_body: `${intro.formatted_body}<ul>${items.map((i) => i.html).join("")}</ul>${outro.formatted_body}`,
  };
}

export function renderUnknownTopic(answer: Of<"unknown-topic">): NoticeContent {
  const first = plain(`I don't know the topic “${answer.topic}”.`);
  const guess = answer.nearest.length
    ? join(
        first,
        plain(" Did you mean "),
        or(answer.nearest.map((t) => code(`topic:${t}`))),
        plain("?"),
      )
    : first;
  return guideNotice([[guess, join(plain("Send "), code("topics"), plain(" for the list."))]]);
}

/** A search that found nothing, plus "Looking for a speaker?" when the query looks like a name. */
export function withSpeakerHint(
  content: NoticeContent,
  speakers: readonly string[],
): NoticeContent {
  if (speakers.length === 0) return content;
  const tries = or(speakers.map((s) => code(`speaker:${s}`)));
  const hint = guideNotice([[join(plain("Looking for a speaker? Try "), tries, plain("."))]]);
  return {
    ...content,
    body: `${content.body}\n\n${hint.body}`,
    formatted_body: content.formatted_body + hint.formatted_body,
  };
}
