// Where a Slack answer is shown, and how someone asks there. Help, hints and examples are
// written the way one types them on that surface, so what they say is true where it is read.
/** "command": the /virt answer (ephemeral); "mention": a channel thread; "dm": a direct message. */
export type Surface = "command" | "mention" | "dm";

/** The slash command. */
export const COMMAND = "/virt";

/** A query as one types it on the surface: "/virt numa", "@virt-talks numa", "numa". */
export function askOn(surface: Surface, query: string): string {
  if (surface === "mention") return `@virt-talks ${query}`;
  return surface === "dm" ? query : `${COMMAND} ${query}`;
}
