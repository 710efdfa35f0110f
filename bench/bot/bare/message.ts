// The bare bot's one fixed answer (bench/bot/bare/bot.ts): three talk-card-shaped entries as a
// Block Kit message for Slack and as an m.notice (plain body + HTML) for Matrix. Placeholder
// text only: these are not catalog talks. The shape and size are close to one of our own
// three-result answers (intro, and per card a divider, a title/byline/summary section, a
// topics context and a row of buttons), so the floor pays for about as many bytes as we do.

interface PlaceholderCard {
  readonly title: string;
  readonly byline: string;
  readonly summary: string;
  readonly topics: readonly string[];
}

const SUMMARY =
  "Placeholder summary for the bare benchmark bot. It is about as long as one of the " +
  "catalog's card summaries, so the message the floor sends weighs what ours weighs: a " +
  "couple of sentences on what the talk covered and why it mattered to the people who run it. " +
  "A second sentence of filler brings it to the length of a longer summary, which is what a " +
  "search for a common topic tends to return first: the well-described talks rank high.";

const CARDS: readonly PlaceholderCard[] = [1, 2, 3].map((n) => ({
  title: `Bench placeholder talk number ${n}: a title of ordinary length`,
  byline: `Speaker ${n}A, Speaker ${n}B · Placeholder Event · 20${10 + n}`,
  summary: SUMMARY,
  topics: ["placeholder", "benchmark", `card-${n}`],
}));

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
const mrkdwn = (text: string) => ({ type: "mrkdwn" as const, text });

function cardBlocks(card: PlaceholderCard, index: number): Record<string, unknown>[] {
  return [
    { type: "divider" },
    { type: "section", text: mrkdwn(`*${card.title}*\n${card.byline}\n${card.summary}`) },
    { type: "context", elements: [mrkdwn(`Topics: ${card.topics.join(" · ")}`)] },
    {
      type: "actions",
      elements: [
        {
          type: "button",
          text: plain("Share in channel"),
          action_id: `bare_share_${index}`,
          value: `bare-card-${index}`,
        },
      ],
    },
  ];
}

/** What `respond()` sends for every /virt: ephemeral, like a search answer. */
export const SLACK_ANSWER = Object.freeze({
  response_type: "ephemeral" as const,
  text: `Talks (1–3 of 3): ${CARDS.map((c) => c.title).join("; ")}`,
  blocks: [
    { type: "section", text: mrkdwn("Talks for “bench” · 1–3 of 3") },
    ...CARDS.flatMap((card, i) => cardBlocks(card, i)),
  ],
});

/** The m.notice sent for every message (the reply relation is added per event). */
export const MATRIX_NOTICE = Object.freeze({
  msgtype: "m.notice",
  body: CARDS.map((c) => `${c.title}\n${c.byline}\n${c.summary}`).join("\n\n"),
  format: "org.matrix.custom.html",
  formatted_body: CARDS.map(
    (c) => `<p><strong>${c.title}</strong><br>${c.byline}<br>${c.summary}</p>`,
  ).join(""),
  "m.mentions": {},
});
