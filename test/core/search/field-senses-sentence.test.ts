// A sentence with a word read in another field's sense ("my elixir app on the BEAM vm")
// stays in the field only by a word decidedly the field's: one half of whose talks carry
// the VM setting (SETTING.ownBesideOther), not one other fields say nearly as often
// ("schedulers"). A few words typed name the thing, and keep the looser share (0.3).
import { describe, expect, it } from "vitest";
import { fosdemOthers, fosdemTalk, ranked } from "./broad-fixture.ts";

// A conference where schedulers are said by three talks of seven that carry the VM setting
// (0.43: the BEAM's talk says "VM" of its runtime, as such talks do), NUMA nodes by two of three.
const vmTalks = [
  fosdemTalk("vcpu", "vCPU schedulers in KVM", "the schedulers of guests"),
  fosdemTalk("numa-vm", "NUMA nodes for VMs", "numa nodes of kvm guests, their schedulers"),
];
const otherTalks = [
  fosdemTalk("beam", "The BEAM VM", "schedulers of erlang processes in an elixir app"),
  fosdemTalk("os", "Linux schedulers", "the completely fair scheduler and its schedulers"),
  fosdemTalk("go", "Go schedulers", "goroutine schedulers"),
  fosdemTalk("rust", "Async Rust schedulers", "executors"),
  fosdemTalk("k8s", "Kubernetes schedulers", "pods"),
  fosdemTalk("db", "NUMA nodes for databases", "numa nodes"),
];
const conference = [...fosdemOthers("databases web frameworks"), ...vmTalks, ...otherTalks];

describe("a sentence with another field's sense beside a word other fields say too", () => {
  it("is that field's, answered by no talk (the BEAM's talk would, carrying \"VM\")", () => {
    expect(ranked(conference, "my elixir app on the beam vm has busy schedulers")).toEqual([]);
  });

  it("is the field's beside a word decidedly the field's", () => {
    const numa = "the erlang vm schedulers on numa nodes";
    expect(ranked(conference, numa)).toEqual(["numa-vm", "beam"]);
  });

  it("is the field's when a few words are typed", () => {
    expect(ranked(conference, "beam vm schedulers")).toEqual(["beam", "numa-vm", "vcpu"]);
  });
});
