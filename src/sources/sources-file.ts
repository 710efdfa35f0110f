// The sources file (SOURCES_FILE, default catalog/sources.json): the schedules the bot
// keeps in sync by itself. Validated with zod; every bad entry is named at once, so an
// operator fixes the file in one pass. Written atomically, like every catalog file.
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { FORMATS } from "../import/types.ts";
import { writeFileAtomic } from "../persist/atomic-write.ts";
import { parseInterval } from "./duration.ts";

/** How often a source is fetched when it says nothing else. */
export const DEFAULT_EVERY = "6h";

const interval = z.string().superRefine((value, ctx) => {
  const parsed = parseInterval(value);
  if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
});

const trackPattern = z.string().superRefine((value, ctx) => {
  try {
    new RegExp(value, "iu");
  } catch (err) {
    ctx.addIssue({
      code: "custom",
      message: `not a regular expression: ${(err as Error).message}`,
    });
  }
});

export const SourceEntrySchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  format: z.enum(FORMATS).optional(),
  /** Only talks whose track matches (case-insensitive regular expression). */
  track: trackPattern.optional(),
  /** The event's name when the schedule gives none, or to override it. */
  event: z.string().trim().min(1).max(120).optional(),
  every: interval.optional(),
});
export type SourceEntry = z.infer<typeof SourceEntrySchema>;

const SourcesFileSchema = z.strictObject({ sources: z.array(SourceEntrySchema).max(200) });
type SourcesFile = z.infer<typeof SourcesFileSchema>;

export class SourcesFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.join("; ")}`);
    this.name = "SourcesFileError";
  }
}

/** The file's sources; none when the file does not exist yet. */
export function loadSources(file: string): SourcesFile {
  if (!existsSync(file)) return { sources: [] };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new SourcesFileError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  const parsed = SourcesFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new SourcesFileError(
    file,
    parsed.error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`),
  );
}

/** `sources[2].every` for zod's ["sources", 2, "every"]. */
function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path)
    out += typeof part === "number" ? `[${part}]` : `${out ? "." : ""}${String(part)}`;
  return out || "(file)";
}

export async function saveSources(file: string, sources: SourcesFile): Promise<void> {
  const checked = SourcesFileSchema.parse(sources);
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(checked, null, 2)}\n`);
}
