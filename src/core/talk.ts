// The shape of the talk catalog, as written in data/talks/*.json and as used in memory.
// The schemas are the single source of truth: types are inferred from them.
import { z } from "zod";
import { fold } from "./sanitize.ts";

/** ISO date, month or year, or an interval of two dates (ISO 8601 "start/end"). */
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?(\/\d{4}-\d{2}-\d{2})?$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const LINK_KINDS = [
  "slides",
  "notes",
  "event",
  "paper",
  "article",
  "reference",
  // Kinds of imported talks (src/import): the talk's own page, a recording, a file, a
  // project's web site.
  "page",
  "video",
  "attachment",
  "website",
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const LinkSchema = z.strictObject({
  kind: z.enum(LINK_KINDS),
  url: z.url({ protocol: /^https?$/ }).max(500),
});
export type Link = z.infer<typeof LinkSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

/** Zone names already checked: one Intl construction per zone, not per record. */
const zoneChecks = new Map<string, boolean>();

function isIanaZone(zone: string): boolean {
  let known = zoneChecks.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      known = zone.includes("/") || zone === "UTC";
    } catch {
      known = false;
    }
    // Only names Intl accepts are remembered: a flood of garbage cannot grow the map.
    if (known) zoneChecks.set(zone, known);
  }
  return known;
}

/** An IANA zone name Intl knows ("Europe/Brussels"). */
const timeZoneName = z
  .string()
  .max(64)
  .refine(isIanaZone, { message: "not an IANA time zone name" });

export const EventSchema = z.strictObject({
  id: z.string().regex(SLUG),
  name: text(120),
  shortName: text(40),
  year: z.number().int().min(1990).max(2100),
  date: z.string().regex(DATE).optional(),
  location: text(80).optional(),
  links: z.array(LinkSchema).max(5).default([]),
});
export type TalkEvent = z.infer<typeof EventSchema>;

/** Where an imported talk came from (src/import); absent for the hand-written catalog. */
const SourceSchema = z.strictObject({
  format: z.enum(["frab-xml", "frab-json", "indico", "ical"]),
  /** The file path or URL given to `import`. */
  origin: z.string().min(1).max(1000),
  /** The talk's key in the source (guid, slug or id): re-imports match records by it. */
  key: z.string().min(1).max(300),
  importedAt: z.iso.datetime(),
});
export type TalkSource = z.infer<typeof SourceSchema>;

export const TalkRecordSchema = z
  .strictObject({
    id: z.string().regex(SLUG).max(80),
    title: text(160),
    speakers: z.array(text(80)).max(8),
    /** Co-authors named by the seeds who did not present; searchable like speakers. */
    authors: z.array(text(80)).max(8).optional(),
    date: z.string().regex(DATE).optional(),
    /**
     * The day the record joined the catalog (YYYY-MM-DD). The talk of the day only
     * considers a talk from that day on, so adding talks never changes past days.
     * Omitted for the founding catalog.
     */
    added: z.iso.date().optional(),
    /** Absent only for an imported talk whose schedule has no abstract. */
    summary: text(700).optional(),
    /** Imported talks only: the schedule's subtitle, shown apart from the abstract. */
    subtitle: text(300).optional(),
    /** Imported talks only: the talk's own start and end, in its conference's zone. */
    start: z.iso.datetime({ offset: true }).optional(),
    end: z.iso.datetime({ offset: true }).optional(),
    /** Imported talks only: the conference's IANA zone. */
    timeZone: timeZoneName.optional(),
    /** Imported talks only: the room as the schedule names it. */
    room: text(120).optional(),
    /** Imported talks only: the full abstract as plain text, searched like the summary. */
    description: text(20_000).optional(),
    /** Imported talks only: the schedule's track or session, e.g. "Virtualization". */
    track: text(120).optional(),
    /** Hand-written talks have 3-6; an imported talk (with `source`) may have none. */
    keyPoints: z.array(text(200)).max(6).default([]),
    /** Hand-written talks have 1-8; an imported talk no topic rule matches may have none. */
    topics: z.array(z.string().regex(SLUG)).max(8),
    links: z.array(LinkSchema).max(6).default([]),
    source: SourceSchema.optional(),
  })
  .refine((r) => r.source !== undefined || r.keyPoints.length >= 3, {
    path: ["keyPoints"],
    message: "needs 3-6 key points (only imported talks may have none)",
  })
  .refine((r) => r.source !== undefined || r.summary !== undefined, {
    path: ["summary"],
    message: "needs a summary (only imported talks may have none)",
  })
  .refine((r) => r.source !== undefined || r.topics.length >= 1, {
    path: ["topics"],
    message: "needs 1-8 topics (only imported talks may have none)",
  });
export type TalkRecord = z.infer<typeof TalkRecordSchema>;

export const CatalogFileSchema = z.strictObject({
  event: EventSchema,
  talks: z.array(TalkRecordSchema).min(1),
});
export type CatalogFile = z.infer<typeof CatalogFileSchema>;

/** A talk as the rest of the program sees it: the record merged with its event. */
export interface Talk {
  readonly id: string;
  readonly title: string;
  readonly speakers: readonly string[];
  readonly authors: readonly string[];
  readonly event: string;
  readonly eventShort: string;
  readonly eventId: string;
  readonly year: number;
  readonly date: string | null;
  readonly location: string | null;
  /** YYYY-MM-DD the talk joined the catalog, or null for the founding catalog. */
  readonly added: string | null;
  /** "" for an imported talk whose schedule has no abstract (cards say so; nothing indexed). */
  readonly summary: string;
  /** Imported talks: the schedule's subtitle. */
  readonly subtitle?: string;
  /** Imported talks: start and end with the conference's offset, its IANA zone, the room. */
  readonly start?: string;
  readonly end?: string;
  readonly timeZone?: string;
  readonly room?: string;
  /** Imported talks: the full abstract, indexed in place of the summary. */
  readonly description?: string;
  /** Imported talks: the schedule's track or session. */
  readonly track?: string;
  readonly keyPoints: readonly string[];
  readonly topics: readonly string[];
  /** The talk's own links first, then its event's links (deduplicated). */
  readonly links: readonly Link[];
  /** Imported talks: where the record came from (its talk page shows it). */
  readonly source?: TalkSource;
}

/**
 * What makes two records the same talk: the same year, the same title (case, accents,
 * punctuation and spacing aside, any script) and the same speakers in any order. Two
 * talks that only share a title ("Perl 6" by two people, a workshop run by different
 * hosts) are different talks. The loader refuses a second record with the same key and
 * the importer merges by it, so both sides apply one rule.
 */
export function sameTalkKey(year: number, title: string, speakers: readonly string[]): string {
  // sanitize.ts's fold skips NFKD for ASCII text: most titles, and every load checks
  // each talk's key (12,000 at a time in `list`).
  const key = (text: string) =>
    fold(text)
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  return `${year}:${key(title)}:${speakers.map(key).sort().join("|")}`;
}
