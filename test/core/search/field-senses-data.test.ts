// The project's own sense table (data/field-senses.json) on questions of the field that
// readers found turned away, beside the other field's questions that say the same words.
import { describe, expect, it } from "vitest";
import { loadFieldSenses } from "../../../src/core/search/field-senses.ts";
import { readBy } from "./senses-support.ts";

// The project's own table (data/field-senses.json), on questions of the field a reviewer
// found turned away: each reads no word in another field's sense, while the other field's
// questions beside them still do.
describe("otherSense with data/field-senses.json", () => {
  const real = readBy(loadFieldSenses("data/field-senses.json"));

  it("reads no share of a host as web hosting", () => {
    const kernel = real("do containers share the host kernel", "containers", "share", "host");
    expect(kernel).toEqual([]);
    expect(real("share host devices with containers", "share", "host", "containers")).toEqual([]);
    expect(real("cheap web hosting for my blog", "cheap", "web", "hosting", "blog")).toEqual([2]);
  });

  it("reads no phrase of the field's own by the runtime before it", () => {
    expect(real("ebpf vm exit tracing", "ebpf", "vm exit", "tracing")).toEqual([]);
    expect(real("bpf vm introspection", "bpf", "vm introspection")).toEqual([]);
    expect(real("ebpf in a vm", "ebpf", "vm")).toEqual([]);
    const library = real("python vm management library", "python", "vm management", "library");
    expect(library).toEqual([]);
    expect(real("python vm bytecode dispatch", "python", "vm", "bytecode", "dispatch")).toEqual([
      1,
    ]);
  });

  it("reads a lone data before virtual as data virtualization, a phrase of the field's never", () => {
    const disks = real(
      "encrypting data virtual disks",
      "encrypting disks",
      "data",
      "virtual disks",
    );
    expect(disks).toEqual([]);
    expect(real("data virtual machines", "data", "virtual machines")).toEqual([]);
    expect(real("pure virtual machine monitor", "pure", "virtual machine monitor")).toEqual([]);
    expect(real("data virtualization tools", "data", "virtualization", "tools")).toEqual([1]);
  });

  it("reads docker compose as a web app's only beside a web app's words", () => {
    expect(real("alternative to docker compose", "alternative", "docker", "compose")).toEqual([]);
    const production = ["docker", "compose", "containers", "production"];
    expect(real("docker compose for containers in production", ...production)).toEqual([]);
    const node = ["nginx", "docker", "compose", "node", "app"];
    expect(real("nginx in docker compose for my node app", ...node)).toEqual([1]);
  });

  it("reads no home after container as a garden's", () => {
    const home = ["container", "home", "directory", "permissions"];
    expect(real("container home directory permissions", ...home)).toEqual([]);
  });

  it("reads a virtual host as a web server's only beside a web server's words", () => {
    expect(real("nested virtual host", "nested virtual", "host")).toEqual([]);
    const apache = ["apache", "virtual", "host", "config"];
    expect(real("apache virtual host config", ...apache)).toEqual([1, 2]);
  });

  it("reads no runtime's VM, hosting domain or guest wifi into a VM question (review)", () => {
    const opcode = ["vm", "fails", "boot", "invalid", "opcode", "amd", "cpu"];
    expect(real("vm fails to boot with invalid opcode on an amd cpu", ...opcode)).toEqual([]);
    const domains = ["host", "runs", "out", "memory", "domains", "running"];
    expect(real("host runs out of memory with many domains running", ...domains)).toEqual([]);
    const sandbox = ["tiny vms", "sandbox", "code", "interpreter", "ai", "agents"];
    expect(real("tiny vms to sandbox a code interpreter for ai agents", ...sandbox)).toEqual([]);
    const login = ["guest", "login", "prompt", "serial", "console"];
    expect(real("guest login prompt never appears on the serial console", ...login)).toEqual([]);
    const internet = ["guest", "internet", "access", "nat", "networking"];
    expect(real("guest internet access not working with nat networking", ...internet)).toEqual([]);
  });
});
