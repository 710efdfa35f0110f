// The fourth probe list (fixtures/offtopic-probes-4.json): the field's words in the senses
// of language runtimes (the BEAM's or a scripting language's VM), accounts (a guest user),
// telephony and commerce (virtual numbers and cards), web hosting and classes get no talk on
// a conference of many fields; the field's questions saying the same words stay answered.
// One invented catalog (probe-catalog-4.ts): talks of other fields that say each turned
// away probe's words, so it is turned away by its sense, not for want of a match.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCore } from "../../../src/core/answer.ts";
import { searchFound } from "../../../src/core/found.ts";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { wordData } from "../../../src/core/word-data.ts";
import { searchRequest } from "../../support/search.ts";
import { probeCatalog4 as catalog } from "./probe-catalog-4.ts";

type Probes = { offtopic: string[]; ontopic: string[] };
const probes = JSON.parse(
  readFileSync(new URL("./fixtures/offtopic-probes-4.json", import.meta.url), "utf8"),
) as Probes;

const core = createCore({ catalog, timeZone: "UTC", random: () => 0.5 });
/** The same catalog without field-senses.json: what the senses turn away. */
const unread = createSearchEngine(catalog, { ...wordData(), senses: undefined });

const answered = (q: string) => {
  const answer = core.answer(q, { pageSize: 5 });
  return answer.kind === "results" ? answer.hits.map((h) => h.card.id) : [];
};
const first = (q: string) => searchFound(unread, searchRequest(q), 5).hits[0]?.talk.id;

describe("the fourth probe list, on a conference where VMs are a minority", () => {
  it("answers no off-topic probe but one without a word of the field, and one on NUMA", () => {
    // (The BEAM talk says "BEAM VM", so it carries the setting, and a question stating
    // none is answered where a talk matching it carries it: in-passing.ts, no sense. NUMA
    // is decidedly the field's word, and keeps a runtime's question on it in the field.)
    expect(probes.offtopic.filter((q) => answered(q).length > 0)).toEqual([
      "how many erlang processes can one beam node handle before the scheduler struggles",
      "binding the erlang vm schedulers to numa nodes on a big server",
    ]);
  });

  it("turns away by a field word's sense what would otherwise be answered", () => {
    const read: [string, string][] = [
      ["should the vm for my own scripting language be register based or stack based", "toyvm"],
      ["my lua vm crashes when a script calls back into C from inside a coroutine", "lua"],
      ["how do I turn off the guest account on my windows 11 laptop", "accounts"],
      ["where can I get a virtual phone number to receive sms verification codes", "vphone"],
      ["can I get a virtual debit card instantly for shopping online tonight", "vcards"],
      ["how do I point my domain at a new web host without losing email for a day", "webhost"],
      ["tips for hosting a virtual book club that people actually show up to", "vclass"],
      [
        "how do I switch between virtual desktops with a keyboard shortcut on windows 11",
        "workspaces",
      ],
    ];
    expect(read.map(([q]) => [q, first(q)])).toEqual(read);
    expect(read.filter(([q]) => answered(q).length > 0)).toEqual([]);
  });

  it("answers every control", () => {
    expect(probes.ontopic.filter((q) => answered(q).length === 0)).toEqual([]);
  });

  it("answers controls with the field's talk first", () => {
    expect(answered("running a jvm workload inside a kvm guest")[0]).toBe("jvm-kvm");
    expect(
      answered("a virtual phone system running in a kvm guest with low audio latency")[0],
    ).toBe("voip");
    expect(answered("is the erlang vm slower inside a kvm guest than on bare metal")[0]).toBe(
      "erlang-kvm",
    );
  });
});
