// PURE: the search page (/). The same answer chat gets, as a page: results with a count and
// pages, typo corrections, "nothing found" with topics and speakers to try, the topic list,
// help. Without a query: what to type and every topic.
import type { Answer } from "../../core/answer.ts";
import type { TopicCount } from "../../core/discover.ts";
import { HELP } from "../../core/help.ts";
import { document, escapeHtml, pageLink, type Site, text } from "./html.ts";
import { PAGE_SIZE, paths } from "./paths.ts";
import { pager, talkList } from "./talk-list.ts";

/** What a chat-only command typed in the search box was about (src/web/chat-only.ts). */
export type ChatOnly = "paging" | "subscription" | "watch" | "stop";

interface SearchView {
  /** What was typed; "" for the front page. */
  readonly query: string;
  /** The core's answer; null on the front page. */
  readonly answer: Answer | null;
  /** Every topic with its number of talks (the front page lists them). */
  readonly topics: readonly TopicCount[];
  /** A chat command typed in the search box (`query`): said so instead of searched. */
  readonly chat?: ChatOnly;
}

const searchLink = (site: Site, query: string, label = query) =>
  pageLink(site.base, paths.search(query), `<code>${text(label, 80)}</code>`);

function topicList(site: Site, topics: readonly TopicCount[]): string {
  const items = topics.map(
    (t) =>
      `<li>${pageLink(site.base, paths.topic(t.slug), text(t.slug, 60))} <span class="muted">(${t.talks})</span></li>`,
  );
  return `<ul class="chips">${items.join("")}</ul>`;
}

function help(site: Site, h: typeof HELP): string {
  const rows = h.commands
    .filter((c) => !c.syntax.startsWith("subscribe"))
    .map(
      (c) => `<dt><code>${escapeHtml(c.syntax)}</code></dt><dd>${escapeHtml(c.description)}</dd>`,
    );
  const examples = h.examples.map((e) => searchLink(site, e)).join(", ");
  return `<p>${escapeHtml(h.intro)}</p><dl>${rows.join("")}</dl><p>Examples: ${examples}.</p>`;
}

function results(site: Site, answer: Extract<Answer, { kind: "results" }>): string {
  const used = answer.corrections.map((c) => c.split("→").pop()?.trim() ?? c);
  const corrected = used.length
    ? `<p class="muted">Searched for: ${used.map((u) => text(u, 60)).join(", ")}.</p>`
    : "";
  const page = {
    offset: answer.offset,
    count: answer.hits.length,
    total: answer.total,
    size: PAGE_SIZE,
  };
  return [
    `<h1 dir="auto">${answer.heading === undefined ? `Talks matching “${text(answer.query, 120)}”` : text(answer.heading, 160)}</h1>${corrected}`,
    talkList(
      site,
      answer.hits.map((h) => h.card),
      { start: answer.offset + 1 },
    ),
    pager(site, page, (n) => paths.search(answer.query, n)),
  ].join("");
}

/** What the page offers instead of each chat-only command. */
function chatOnly(site: Site, query: string, chat: ChatOnly): string {
  const link = (path: string, label: string) => pageLink(site.base, path, label);
  const instead: Record<ChatOnly, string> = {
    paging: "Here, each page of results has links to the next and previous pages.",
    subscription: `It posts a talk every morning in a channel; here, see ${link(paths.today, "the talk of the day")}.`,
    watch: `It tells a channel of new talks on a subject; here, see ${link(paths.recent, "talks added lately")} or follow ${link(paths.recentFeed, "their feed")}.`,
    stop: "Nothing is posted to this page, so there is nothing to stop.",
  };
  return [
    `<h1 dir="auto">“${text(query, 60)}” is a chat command</h1>`,
    `<p>${instead[chat]} ${searchLink(site, "help", "help")} lists what you can search for.</p>`,
  ].join("");
}

function body(site: Site, view: SearchView): string {
  const { answer } = view;
  if (view.chat) return chatOnly(site, view.query, view.chat);
  if (answer === null) {
    return [
      "<h1>Linux virtualization conference talks</h1>",
      help(site, HELP),
      `<p>Or see ${pageLink(site.base, paths.today, "the talk of the day")} and ${pageLink(site.base, paths.recent, "talks added lately")}.</p>`,
      `<h2>Topics</h2>${topicList(site, view.topics)}`,
    ].join("");
  }
  switch (answer.kind) {
    case "results":
      return results(site, answer);
    case "no-results": {
      const topics = answer.suggestions.map((t) =>
        pageLink(site.base, paths.topic(t), text(t, 60)),
      );
      const speakers = answer.speakers.map((s) => searchLink(site, `speaker:${s}`));
      return [
        `<h1 dir="auto">No talks found for “${text(answer.query, 120)}”</h1>`,
        // A filter that matches nothing at all says so instead of topics to try.
        answer.why !== undefined
          ? `<p dir="auto">${text(answer.why, 300)}</p>`
          : topics.length
            ? `<p>Try a topic: ${topics.join(", ")}.</p>`
            : "<p>Try fewer or different words.</p>",
        speakers.length ? `<p>Or a speaker: ${speakers.join(", ")}.</p>` : "",
      ].join("");
    }
    case "unknown-topic": {
      const nearest = answer.nearest.map((t) => pageLink(site.base, paths.topic(t), text(t, 60)));
      return `<h1 dir="auto">No topic “${text(answer.topic, 60)}”</h1><p>${nearest.length ? `Did you mean ${nearest.join(", ")}?` : "See the topics below."}</p><h2>Topics</h2>${topicList(site, view.topics)}`;
    }
    case "topics":
      return `<h1>Topics</h1>${topicList(site, answer.topics)}`;
    case "talk":
      return `<h1>${answer.reason === "today" ? "Talk of the day" : "A random talk"}</h1>${talkList(site, [answer.card])}`;
    case "small-talk":
      return `<h1>${text(answer.reply)}</h1><p>${text(answer.capabilities)}</p><p>Try ${answer.examples.map((e) => searchLink(site, e)).join(", ")}.</p>`;
    case "usage":
      return `<h1>${text(answer.message)}</h1>${help(site, answer.help)}`;
    case "help":
      return `<h1>How to search</h1>${help(site, answer.help)}`;
    case "note":
      return `<h1 dir="auto">${text(answer.message)}</h1>`;
    default:
      // "more" and chat-only commands: pages are numbered here, there is nothing to continue.
      return `<h1>That works in chat</h1><p>Here, use the page links under a search. ${searchLink(site, "help", "help")} lists what you can search for.</p>`;
  }
}

export function renderSearchPage(site: Site, view: SearchView): string {
  const title = view.query ? `Search: ${view.query}` : "Search talks";
  return document(site, {
    title,
    query: view.query,
    main: body(site, view),
    alternates: [["application/atom+xml", paths.recentFeed, "New talks"]],
  });
}
