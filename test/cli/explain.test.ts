// `cli search --explain` reports the request the search ran: read with the catalog's word
// lists (DATA_DIR) and with the core's clock and zone for "this year" / "last year".
import { describe, expect, it } from "vitest";
import { dateInZone } from "../../src/totd/today.ts";
import { dataDirCopiedTo } from "../support/cc-data-dir.ts";
import { runCli } from "../support/cli-harness.ts";

const explained = (stdout: string) => stdout.slice(stdout.indexOf("\nQuery ") + 1).split("\n");

describe("cli search --explain", () => {
  it("drops the DATA_DIR's own copied-to word, as the search does", async () => {
    const own = dataDirCopiedTo("ptal");
    try {
      const r = await runCli(["search", "--explain", "numa ptal @alice:matrix.org"], {
        env: { DATA_DIR: own.dir },
      });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Talks matching "numa":\n/);
      const lines = explained(r.stdout);
      expect(lines[0]).toBe('Query "numa"');
      expect(lines.filter((l) => l.startsWith("  concept "))).toEqual([
        '  concept "numa": information 2.123, required; numa@1 nonuniform_memori@0.7 memori_nonuniform@0.35 nonuniform_memori_access@0.7 numa_node@0.7 node_numa@0.35',
      ]);
    } finally {
      own.remove();
    }
  });

  it('reads "last year" as the year: filter the search ran (the config\'s zone, today)', async () => {
    const year = Number(dateInZone(new Date(), "UTC").slice(0, 4)) - 1;
    const r = await runCli(["search", "--explain", "numa talks from last year"], {
      env: { TOTD_TIMEZONE: "UTC" },
    });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 4)).toEqual([
      'No talks found for "numa talks from last year".',
      `No talk in the catalog is from ${year}: its talks are from 2009 to 2012.`,
      'Query "numa talks from last year" (second, looser try)',
      `  said as filters: year:${year}`,
    ]);
    expect(explained(r.stdout).filter((l) => /"(last|year)"/.test(l))).toEqual([]);
  });
});
