import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../../../src/core/catalog.ts";
import { buildIndex } from "../../../../src/core/search/index/build.ts";
import {
  buildChatLanguage,
  loadChatLanguage,
} from "../../../../src/core/search/query/chat-language.ts";
import { phraseTerms } from "../../../../src/core/search/query/tokenize.ts";
import { wordData, wordFile } from "../../../../src/core/word-data.ts";

const index = buildIndex(loadCatalog().talks);
const { synonyms, language: loaded } = wordData();

describe("chat language data", () => {
  it("leads every lay term to jargon the catalog (or a synonym of it) has, or the synonyms know", () => {
    const language = loaded;
    // Tools and projects a broad catalog names and the built-in talks do not: listed here
    // so that a misspelt target still fails.
    const elsewhere = new Set(
      [
        ...["acrn", "anbox", "automated testing", "automotive", "autotest", "avocado", "bao"],
        ...["containerd", "cri-o", "crun", "deltacloud", "embedded", "eucalyptus", "fiasco"],
        ...["ganeti", "genode", "gns3", "hardening", "jailhouse", "l4re", "libcloud"],
        ...["marionnet", "mininet", "mobile virtualization", "netkit", "nvme", "openqa"],
        ...["runc", "xen orchestra", "youki", "ansible", "bhyve", "bottlerocket", "ceilometer"],
        ...["cfengine", "chef", "cinder", "corosync", "dosbox", "dynamorio", "freedos"],
        ...["hyperkit", "keystone", "linuxboot", "pacemaker", "puppet", "rancheros"],
        ...["saltstack", "selinux", "sheepdog", "swift", "talos", "vagrant", "valgrind"],
        ...["wine", "x2go", "xhyve", "cobbler", "foreman", "maas", "opendaylight", "openflow"],
        ...["razor", "wasmtime", "dom0less", "wasmer", "wasmedge", "cockpit", "box64"],
        ...["fex-emu", "ovs offload", "discard", "libfuzzer", "vduse", "keylime"],
        ...["oss-fuzz", "renode", "cold start", "introspection", "kexec", "virtme"],
        ...["chromebook", "crostini", "disaster recovery", "disposable", "formal verification"],
        ...["neutron", "avionics", "vlan"],
      ].map((p) => phraseTerms(p).join(" ")),
    );
    const found = (stems: readonly string[]) => stems.every((s) => index.postings.has(s));
    const dead: string[] = [];
    for (const [lay, targets] of language.lay) {
      for (const t of targets) {
        const group = synonyms.groupsByPhrase.get(t.join(" ")) ?? [t];
        // Today's vocabulary (kubevirt, microvm) is not in the built-in talks, but is in the synonyms.
        const key = t.join(" ");
        if (!group.some(found) && !synonyms.groupsByPhrase.has(key) && !elsewhere.has(key))
          dead.push(`${lay} → ${t.join(" ")}`);
      }
    }
    expect(dead).toEqual([]);
  });

  it("keeps domain words out of the everyday list", () => {
    const { common } = loaded;
    for (const word of ["memory", "live", "arm", "page", "machine", "balloon", "numa", "storage"])
      expect(common.has(word), word).toBe(false);
  });

  it("matches lay terms on stems, so inflections and stop words don't matter", () => {
    const language = buildChatLanguage({
      filler: ["who"],
      common: ["hello"],
      lay: { "giving memory back": ["ballooning"] },
    });
    expect([...language.lay.keys()]).toEqual(["give memori back"]);
    expect(language.lay.get("give memori back")).toEqual([["balloon"]]);
  });

  it("reads a short plural the stemmer keeps whole as its singular ('vms' is 'vm')", () => {
    const language = buildChatLanguage({
      filler: [],
      common: [],
      lay: { "vm inside a vm": ["nested virtualization"], "os images": ["disk image"] },
    });
    expect(language.lay.get("vms insid vms")).toEqual([["nest", "virtual"]]);
    expect(language.lay.get("vm insid vms")).toEqual([["nest", "virtual"]]);
    expect(language.lay.has("vms insid")).toBe(false);
    // Only an acronym's plural: "os" stays "os".
    expect(language.lay.get("os imag")).toEqual([["disk", "imag"]]);
    expect(language.lay.get("o imag")).toBeUndefined();
    const plural = buildChatLanguage({
      filler: [],
      common: [],
      lay: { "vms inside vms": ["nesting"] },
    });
    expect(plural.lay.get("vm insid vm")).toEqual([["nest"]]);
  });
});

describe("loadChatLanguage", () => {
  it("names the file of already parsed chat words when they are wrong", () => {
    const lay = wordFile("/nonexistent", "lay-terms.json");
    expect(() =>
      loadChatLanguage({ file: "mine/chat-words.json", json: { filler: 3 } }, lay),
    ).toThrow(/^error in mine\/chat-words\.json, field filler: /);
  });
});
