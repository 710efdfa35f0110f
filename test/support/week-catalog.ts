// The conference-week tests' catalog: the real one plus invented timed talks in
// test/fixtures/week (Bengaluru, Brisbane, Los Angeles across its DST change), answered
// by a library whose clock the test sets.
import { join } from "node:path";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary, type Library } from "../../src/core/library.ts";

const WEEK_FIXTURES = join(import.meta.dirname, "..", "fixtures", "week");

interface WeekClock {
  /** The instant every answer is given at; set it before asking. */
  now: number;
}

/** The library over the week catalog; "today" for `new` is read in Asia/Kolkata. */
export function weekLibrary(clock: WeekClock): Library {
  return createLibrary({
    catalog: loadCatalog(undefined, [WEEK_FIXTURES], { extraFiles: "throw" }),
    timeZone: "Asia/Kolkata",
    clock: () => new Date(clock.now),
  });
}
