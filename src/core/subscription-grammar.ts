// The subscription commands of the grammar (grammar.ts): subscribe [HH:MM] [Area/City],
// unsubscribe, subscription, with courtesy and punctuation around them ("unsubscribe,
// please!"). src/totd/subscription-commands.ts answers them.
import { SUBSCRIBE_EXAMPLE, SUBSCRIBE_FORM } from "../totd/subscription-replies.ts";
import {
  joinMeridiem,
  looksLikeTime,
  parseTimeOfDay,
  parseTimeZone,
} from "../totd/subscription-time.ts";
import { stripAddress } from "./address.ts";
import { sanitizeInput } from "./sanitize.ts";

export type SubscriptionCommand =
  | { readonly kind: "subscribe"; readonly time?: string; readonly timeZone?: string }
  | { readonly kind: "unsubscribe" }
  | { readonly kind: "subscription" }
  | { readonly kind: "usage"; readonly message: string };

/** Words after a command that change nothing: "unsubscribe please". */
const COURTESY: ReadonlySet<string> = new Set([
  "please",
  "pls",
  "plz",
  "thanks",
  "thx",
  "me",
  "us",
]);

/**
 * Words after "subscribe" or "unsubscribe" that say what the command already means
 * ("subscribe this channel to the daily talk at 09:00", "unsubscribe from the daily
 * post"): without this, "subscribe daily" read "daily" as a time zone (Asia/Dili?).
 */
// "09:00 Europe/Berlin time", "at 9am in UTC": the words around a zone say it is one.
const FILLER: ReadonlySet<string> = new Set(
  (
    "me us here this the channel room to from daily every day each morning at for of talk talks " +
    "totd post posts please pls time timezone zone tz in"
  ).split(" "),
);

const SUBSCRIPTION_WORDS = ["subscribe", "unsubscribe", "subscription"] as const;

/** A command's words, closing punctuation and courtesy ("unsubscribe, please!") aside. */
function commandWords(text: string): string[] {
  const words = stripAddress(sanitizeInput(text)).split(/\s+/).filter(Boolean);
  for (let last = words.pop(); last !== undefined; last = words.pop()) {
    const bare = last.replace(/[?!.,;]+$/u, "");
    if (bare === "" || (words.length > 0 && COURTESY.has(bare.toLowerCase()))) continue;
    words.push(bare);
    break;
  }
  return words;
}

/** The subscription command in `text`, or null when it is not one (a search). */
/** "am I subscribed?", "is this channel subscribed": the status, asked as a question. */
const STATUS_QUESTION =
  /^(?:am\s+i|are\s+we|are\s+you|is\s+(?:this|the|our)\s+(?:channel|room))\s+(?:subscribed|getting\s+the\s+talk\s+of\s+the\s+day)$/;

export function parseSubscriptionCommand(text: string): SubscriptionCommand | null {
  const asked = stripAddress(sanitizeInput(text))
    .toLowerCase()
    .replace(/[?!.\s]+$/u, "");
  if (STATUS_QUESTION.test(asked)) return { kind: "subscription" };
  // "subscribe please", "unsubscribe!", "my subscription?": courtesy and punctuation aside.
  const tokens = commandWords(text);
  if (tokens[0]?.toLowerCase() === "my" && tokens.length === 2) tokens.shift();
  const word = tokens[0]?.toLowerCase().replace(/^[/!]/, "");
  const kind = SUBSCRIPTION_WORDS.find(
    (w) => w === word || (w === "subscription" && word === "subscriptions"),
  );
  if (!kind) return null;
  const args = joinMeridiem(
    tokens
      .slice(1)
      .filter((a) => kind === "subscription" || !FILLER.has(a.toLowerCase().replace(/,$/, ""))),
  );
  if (kind !== "subscribe") {
    return args.length === 0
      ? { kind }
      : subscriptionUsage(`"${kind}" takes nothing after it; write just ${kind}.`);
  }
  const times = args.filter(looksLikeTime);
  const zones = args.filter((a) => !looksLikeTime(a));
  if (args.length > 2 || times.length > 1 || zones.length > 1) {
    return subscriptionUsage(
      `Too many words after "subscribe": write ${SUBSCRIBE_FORM}, like ${SUBSCRIBE_EXAMPLE}.`,
    );
  }
  const time = times[0] === undefined ? undefined : parseTimeOfDay(times[0]);
  if (time && !time.ok) return subscriptionUsage(time.message);
  const zone = zones[0] === undefined ? undefined : parseTimeZone(zones[0]);
  if (zone && !zone.ok) return subscriptionUsage(zone.message);
  return {
    kind,
    ...(time?.ok ? { time: time.value } : {}),
    ...(zone?.ok ? { timeZone: zone.value } : {}),
  };
}

const subscriptionUsage = (message: string): SubscriptionCommand => ({ kind: "usage", message });
