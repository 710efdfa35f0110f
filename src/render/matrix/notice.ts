// The one builder of Matrix notices: every piece is written twice, as plain text for
// `body` (notifications, bridges, text clients) and as org.matrix.custom.html for
// `formatted_body`, and put together here so the two never drift apart. Pure.
import { escapeHtml } from "./html.ts";

export interface NoticeContent {
  readonly msgtype: "m.notice";
  readonly body: string;
  readonly format: "org.matrix.custom.html";
  readonly formatted_body: string;
  /** Empty: the bot never pings anyone, whatever the text says (spec v1.7 intentional mentions). */
  readonly "m.mentions": Record<string, never>;
}

/** A piece of a line in both renderings: [plain text, HTML]. */
export type Fragment = readonly [text: string, html: string];

/** A block of a notice (a paragraph, a list) in both renderings. */
export interface Part {
  readonly text: string;
  readonly html: string;
}

/** Blocks → one m.notice that pings nobody. */
export function notice(parts: readonly Part[]): NoticeContent {
  return {
    msgtype: "m.notice",
    body: parts.map((p) => p.text).join("\n\n"),
    format: "org.matrix.custom.html",
    formatted_body: parts.map((p) => p.html).join(""),
    "m.mentions": {},
  };
}

/** One paragraph made of lines. */
export function paragraph(lines: readonly Fragment[]): Part {
  return {
    text: lines.map(([t]) => t).join("\n"),
    html: `<p>${lines.map(([, h]) => h).join("<br>")}</p>`,
  };
}

export const code = (s: string): Fragment => [`\`${s}\``, `<code>${escapeHtml(s)}</code>`];

/** Concatenates fragments; plain strings are used as-is in text and escaped in HTML. */
export function line(...pieces: readonly (string | Fragment)[]): Fragment {
  let text = "";
  let html = "";
  for (const p of pieces) {
    if (typeof p === "string") {
      text += p;
      html += escapeHtml(p);
    } else {
      text += p[0];
      html += p[1];
    }
  }
  return [text, html];
}
