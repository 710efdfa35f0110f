// The CLI's help text and its usage error (exit status 2).

export const USAGE = `virt-talks — Linux virtualization conference talks (KVM, QEMU, Xen) on the command line.
Run as: npm run --silent cli -- COMMAND [OPTIONS]

Commands:
  list [--json]                        every talk: id, year, title, speakers
  show ID [--json]                     one talk in full
  search [--json] [--explain] [--limit N] QUERY...
                                       search like the chat bot: words, "quoted phrases",
                                       speaker:NAME year:2012 year:2010-2011
                                       event:"kvm forum" topic:numa
  search --stdin [--limit N]           one query per input line, one JSON array per line
  today [--date YYYY-MM-DD] [--days N] [--json]
                                       the talk of the day, or N consecutive days of them
  import SOURCE... [--track REGEX] [--event NAME] [--year N] [--out DIR]
         [--format F] [--dry-run] [--json] [--explain]
                                       add talks from conference schedules: frab/pretalx
                                       XML or JSON, Indico JSON, iCalendar; SOURCE is a
                                       file, - (stdin) or an http(s) URL (64 MB at most)
  sources list | add URL [--track REGEX] [--event NAME] [--every 6h] [--format F]
          | remove N | sync [N]        schedules the bot keeps in sync by itself
                                       (SOURCES_FILE, default catalog/sources.json);
                                       sync fetches and imports them now
  help, --help                         this text

Options:
  --json         print JSON (arrays of talk objects, described below)
  --limit N      search: at most N results per query (default 5)
  --explain      search: why each result ranked: words matched per field, their
                 contributions, and words dropped or weakened and why
  --stdin        search: read queries from standard input and print JSON Lines
                 (implies --json); an empty or unusable line prints []
  --date DATE    today: the first day (default: today in TOTD_TIMEZONE, else UTC)
  --days N       today: how many consecutive days (default 1, at most 3660)

JSON talk object:
  id, title, speakers[], event, year, date, location, summary, keyPoints[],
  topics[], links[{kind, url}]; date and location are null when unknown.
  search adds score (higher is better) and matched[] (query terms the talk matched).
  today sets date to the talk-of-the-day date and moves the talk's own date to talkDate.

Import options:
  --track REGEX  keep only talks whose track/session matches (case-insensitive)
  --event NAME   the event's name (default: the schedule's); --year N its year
  --out DIR      where catalog files go (default: first of CATALOG_DIRS, else ./catalog)
  --format F     frab-xml, frab-json, indico or ical (default: detected from content)
  --dry-run      report what would change, write nothing
  --explain      one line per talk: added, updated, unchanged, kept, removed
                 (cancelled), merged or skipped, and why (--json: "decisions")

Environment: DATA_DIR (catalog directory), CATALOG_DIRS (more catalog directories),
SOURCES_FILE (schedule sources),
TOTD_TIMEZONE (decides what "today" is).
Exit status: 0 ok (also when nothing is found), 1 catalog or data error, 2 usage error.
A query that starts with "-" goes after "--": search -- -foo`;

const HELP_HINT = "Run `npm run --silent cli -- --help` for usage.";

export class UsageError extends Error {
  constructor(
    message: string,
    /** Printed after the message; points at --help unless a better next step exists. */
    readonly hint: string = HELP_HINT,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** Runs a parseArgs call, turning its errors (unknown option, missing value) into usage errors. */
export function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      throw new UsageError((err as Error).message);
    }
    throw err;
  }
}

/** A positive integer option value, e.g. --limit 5. */
export function positiveInt(
  flag: string,
  value: string | undefined,
  fallback: number,
  max?: number,
) {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`${flag} must be a positive integer, got "${value}".`);
  }
  if (max !== undefined && n > max)
    throw new UsageError(`${flag} must be at most ${max}, got ${n}.`);
  return n;
}
