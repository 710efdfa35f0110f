// What every schedule parser returns: one conference and its talks in a common shape,
// still as the source says them (HTML abstracts, raw links). src/import/map-record.ts
// turns them into catalog records.

export const FORMATS = ["frab-xml", "frab-json", "indico", "ical"] as const;
export type ScheduleFormat = (typeof FORMATS)[number];

export type RawLinkKind = "page" | "video" | "slides" | "attachment" | "website";

export interface RawLink {
  readonly url: string;
  /** The source's label ("Slides", "Recording", a file name); used to pick the kind. */
  readonly title: string;
  /** Set when the source's field says what it is (a recording URL, an attachment). */
  readonly kind?: RawLinkKind;
}

export interface ScheduleTalk {
  /** The source's stable key: guid, else id, else slug. Re-imports match records by it. */
  readonly key: string;
  /** Readable stable slug for the catalog id (source slug, or id + title). */
  readonly slug: string;
  /** Where the talk is in the source, for messages: `<event id="42">`, `contributions[3]`. */
  readonly where: string;
  readonly title: string;
  /** The schedule's subtitle, apart from the abstract. */
  readonly subtitle?: string;
  readonly persons: readonly string[];
  /** Named authors who are not among the persons (Indico), if any. */
  readonly authors?: readonly string[];
  readonly track: string | null;
  /** YYYY-MM-DD in the conference's time zone: the date of `start` where there is one. */
  readonly date: string | null;
  /** Start and end, ISO 8601 with the offset of the conference's zone at that time. */
  readonly start?: string | null;
  readonly end?: string | null;
  readonly room?: string | null;
  /** The abstract (or the only text), HTML, Markdown or plain text. */
  readonly html: string;
  /**
   * frab's longer description beside the abstract, in the same markup. Kept apart so a
   * description that repeats the abstract (frab and pretalx users paste it into both)
   * is not said twice.
   */
  readonly description?: string;
  readonly url: string | null;
  readonly links: readonly RawLink[];
  /** A field of the source says the talk is off (STATUS:CANCELLED, state CANCELED). */
  readonly cancelled?: boolean;
}

export interface Schedule {
  readonly format: ScheduleFormat;
  /** The conference's name; "" when the source has none (then --event is required). */
  readonly title: string;
  /**
   * A name the source implies when it states none (pretalx's event slug in its talk
   * URLs): used without --event, and never over the name a catalog file already has.
   */
  readonly impliedTitle?: string;
  readonly start: string | null;
  readonly end: string | null;
  readonly timeZone: string | null;
  /** The conference page. */
  readonly url: string | null;
  /** Base for talk pages: base URL + slug when a talk has no url of its own. */
  readonly baseUrl: string | null;
  readonly location: string | null;
  readonly talks: readonly ScheduleTalk[];
}

/** Bad input: exit 1 with one message naming the source and, where known, the record. */
export class ImportError extends Error {
  constructor(
    readonly problem: string,
    readonly where: string | null = null,
    readonly source: string | null = null,
  ) {
    super([source, where, problem].filter(Boolean).join(": "));
    this.name = "ImportError";
  }

  /** The same error, naming the source it came from. */
  from(source: string): ImportError {
    return this.source ? this : new ImportError(this.problem, this.where, source);
  }
}
