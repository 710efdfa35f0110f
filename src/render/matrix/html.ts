// The two helpers every piece of org.matrix.custom.html we send goes through: text is
// escaped (catalog and user text alike), and only http(s) URLs ever become links.

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** The URL if it is an absolute http(s) URL, else null (javascript:, data:, relative...). */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** `<a href="url">text</a>`, or the escaped text alone when the URL is not http(s). */
export function link(url: string, text: string): string {
  const href = safeHref(url);
  return href === null ? escapeHtml(text) : `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}

/** Undoes the few entities clients put in link text; for reading pills, never for output. */
export function decodeBasicEntities(html: string): string {
  return html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
