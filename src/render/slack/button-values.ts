// The state a button carries back to us in its `value` (Block Kit caps it at 2000 chars):
// the query and offset for "More results", the talk id for "Share in channel". Values come
// back inside signed payloads, but are parsed as untrusted input all the same.
import { z } from "zod";
import { BLOCK_KIT_LIMITS } from "./limits.ts";

const MoreValue = z.strictObject({
  q: z.string().min(1).max(500),
  o: z.number().int().min(0).max(10_000),
});
type MoreValue = z.infer<typeof MoreValue>;

const ShareValue = z.strictObject({
  id: z.string().min(1).max(200),
  /** The card heading ("Talk of the day · …") so a shared talk of the day keeps it. */
  h: z.string().max(200).optional(),
  /** The search (query and page offset) whose list the card is on: a share redraws it. */
  q: z.string().min(1).max(500).optional(),
  o: z.number().int().min(0).max(10_000).optional(),
  /** Cards of that list already shared, so a redraw keeps them marked. */
  s: z.array(z.string().min(1).max(200)).max(10).optional(),
});
export type ShareValue = z.infer<typeof ShareValue>;

/** JSON escapes for Slack's markup characters: a value never carries a raw `<!channel>`. */
const MARKUP: Readonly<Record<string, string>> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026" };

/** null when the value would not clip a button: the caller leaves the button out. */
function encode(value: object): string | null {
  const json = JSON.stringify(value).replace(/[<>&]/g, (c) => MARKUP[c]!);
  return json.length <= BLOCK_KIT_LIMITS.buttonValue ? json : null;
}

function decode<T>(schema: z.ZodType<T>, raw: unknown): T | null {
  if (typeof raw !== "string" || raw.length > BLOCK_KIT_LIMITS.buttonValue) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const encodeMore = (v: MoreValue): string | null => encode(v);
export const decodeMore = (raw: unknown): MoreValue | null => decode(MoreValue, raw);
/** Leaves absent fields out, so a plain card's value stays `{"id":…}`. */
export const encodeShare = (v: ShareValue): string | null =>
  encode(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)));
export const decodeShare = (raw: unknown): ShareValue | null => decode(ShareValue, raw);
