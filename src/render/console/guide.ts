// Console text for the answers that guide rather than list talks: small talk, the topic
// list, an unknown topic: filter, and the speaker hint of a search that found nothing.
import type { Answer } from "../../core/answer.ts";
import { orList } from "../../core/discover.ts";
import { clean, wrap } from "./text.ts";

const WIDTH = 80;
type Of<K extends Answer["kind"]> = Extract<Answer, { kind: K }>;

export function renderSmallTalk(answer: Of<"small-talk">): string {
  const examples = answer.examples.map((e) => `\`${clean(e)}\``);
  const line = `${clean(answer.capabilities)} Try ${orList(examples)}.`;
  return [clean(answer.reply), ...wrap(line, WIDTH, "")].join("\n");
}

export function renderTopics(answer: Of<"topics">): string {
  if (answer.topics.length === 0) return "The catalog has no topics yet.";
  const column = Math.max(...answer.topics.map((t) => clean(t.slug).length)) + 2;
  const digits = String(Math.max(...answer.topics.map((t) => t.talks))).length;
  const rows = answer.topics.map(
    (t) =>
      `  ${clean(t.slug).padEnd(column)}${String(t.talks).padStart(digits)}  ${clean(t.description)}`,
  );
  const example = clean(answer.topics[0]!.slug);
  return [
    `${answer.topics.length} topics, with their number of talks:`,
    ...rows,
    `Search one with topic:NAME, e.g. topic:${example}.`,
  ].join("\n");
}

export function renderUnknownTopic(answer: Of<"unknown-topic">): string {
  const first = `I don't know the topic "${clean(answer.topic)}".`;
  const guess = answer.nearest.length
    ? ` Did you mean ${orList(answer.nearest.map((t) => `topic:${clean(t)}`))}?`
    : "";
  return [...wrap(`${first}${guess}`, WIDTH, ""), "Type `topics` for the list."].join("\n");
}

/** "Or a speaker: speaker:arcangeli." under a search that found nothing, or "". */
export function speakerHint(speakers: readonly string[]): string {
  if (speakers.length === 0) return "";
  return `\nLooking for a speaker? Try ${orList(speakers.map((s) => `speaker:${clean(s)}`))}.`;
}
