// Context words (data/chat-words.json `context`): a question's setting ("guest", "host",
// "vm") is also stated by a talk that uses another context word or jargon implying it
// (KVM, a hypervisor), for less than the word itself; jargon typed still asks for itself.
import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { explainSearch } from "../../../src/core/search/explain.ts";
import { searchRequest } from "../../support/search.ts";
import { fosdemOthers, fosdemTalk, ranked } from "./broad-fixture.ts";

/** A talk of a broad conference whose name implies no setting (the fixture's is KVM Forum). */
const talk = fosdemTalk;

/** Twenty talks about other things, so the test words are rare as in a real conference. */
const others = fosdemOthers("databases kubernetes");

describe("a context word", () => {
  it("is stated by a talk about a hypervisor, after a talk that says it", () => {
    const talks = [
      ...others,
      talk("embedded", "Device assignment on embedded boards", "drivers for sensors"),
      talk("kvm", "Device assignment with VFIO", "how KVM hands a card over"),
      talk("guest", "Device assignment to a guest", "how a card is handed over"),
    ];
    expect(ranked(talks, "device assignment to a guest")).toEqual(["guest", "kvm"]);
  });

  it("'host' is said by talks about guests or hypervisors, not by unrelated ones", () => {
    const talks = [
      ...others,
      talk("web", "Tracing web applications", "spans and traces"),
      talk("hypervisor", "Tracing a hypervisor", "spans and traces"),
      talk("host", "Tracing on the host", "spans and traces"),
      talk("guests", "Tracing inside guests", "spans and traces"),
    ];
    expect(ranked(talks, "tracing on the host")).toEqual(["host", "hypervisor", "guests"]);
  });

  it("one way only: jargon typed is not answered by a context word", () => {
    const talks = [
      ...others,
      talk("guest", "Guest page tables", "layouts"),
      talk("kvm", "KVM page tables", "layouts"),
    ];
    expect(ranked(talks, "kvm")).toEqual(["kvm"]);
  });

  it("is not widened where the setting is everywhere (a quarter of the talks say it)", () => {
    const talks = [
      ...others.slice(0, 12),
      ...Array.from({ length: 8 }, (_, i) => talk(`guest-${i}`, `Guest networking ${i}`, "guest")),
      talk("kvm", "Device assignment with VFIO", "how KVM hands a card over"),
      talk("guest", "Device assignment to a guest", "how a card is handed over"),
    ];
    const engine = createSearchEngine({ talks });
    const request = searchRequest("device assignment to a guest");
    const ids = engine.search(request, 10).hits.map((h) => h.talk.id);
    expect(ids).toEqual(["guest", "kvm"]);
    const guest = explainSearch(engine, request, ids)
      .split("\n")
      .find((l) => l.startsWith('  concept "guest"'));
    expect(guest).toMatch(/guest@1$/);
  });
});

describe("virtualization states the setting of a question about VMs", () => {
  it("a GPU virtualization talk answers a question about GPUs and VMs", () => {
    const talks = [
      ...others,
      talk("gpu-virt", "GPU virtualization for inference", "gpu virtualization"),
      talk("gpu-ml", "Training models on a GPU", "gpu"),
      talk("gpu-games", "Games on the GPU", "gpu games"),
    ];
    // "gpus in vms" is the lay phrase "gpu in a vm" (GPU passthrough, vGPU, GPU sharing):
    // the talk that says "gpu" beside the fixture's "shared" matches it as GPU sharing, after
    // the talk that carries the VM setting.
    expect(ranked(talks, "gpus in vms")).toEqual(["gpu-virt", "gpu-ml"]);
  });
});
