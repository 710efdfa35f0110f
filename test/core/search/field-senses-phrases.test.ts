// A field word read in another sense by a phrase said anywhere in the question (a VM beside
// "scripting language"), by a lay phrase of the field's data holding it ("tiny vm"), and
// the readings data/field-senses.json gives the fourth probe list's kinds: guest accounts,
// virtual phone numbers, virtual desktops of a window manager, a laptop's memory.
import { describe, expect, it } from "vitest";
import { buildFieldSenses, loadFieldSenses } from "../../../src/core/search/field-senses.ts";
import { readBy } from "./senses-support.ts";

describe("otherSense with phrases said anywhere", () => {
  const read = readBy(
    buildFieldSenses({
      senses: [
        {
          word: "vm",
          forms: ["tiny vm"],
          anywhere: ["bytecode"],
          anywherePhrases: ["scripting language", "stack-based"],
        },
      ],
    }),
  );

  it("reads the word so where the phrase stands anywhere, side by side", () => {
    const labels = ["vm", "scripting", "language"];
    expect(read("a vm for my scripting language", ...labels)).toEqual([0]);
    expect(read("is a stack-based vm faster", "stack-based", "vm", "faster")).toEqual([1]);
  });

  it("reads no word by the phrase's words apart or alone", () => {
    expect(read("scripting vm creation in ansible", "scripting", "vm", "creation")).toEqual([]);
    const apart = ["language", "scripting", "vm"];
    expect(read("which language for scripting my vm", ...apart)).toEqual([]);
  });

  it("reads a lay phrase of the field's data listed as one of the word's forms", () => {
    expect(read("a tiny stack-based vm", "tiny vm", "stack-based")).toEqual([0]);
    expect(read("a tiny vm with bytecode", "tiny vm", "bytecode")).toEqual([0]);
    expect(read("a tiny vm for serverless", "tiny vm", "serverless")).toEqual([]);
  });
});

describe("data/field-senses.json on the fourth probe list's kinds", () => {
  const real = readBy(loadFieldSenses("data/field-senses.json"));

  it("reads a guest user as an account only beside an account's words", () => {
    const login = ["guest", "user", "login", "screen"];
    expect(real("a guest user on the login screen", ...login)).toEqual([0]);
    expect(real("turn off the guest account", "turn", "guest", "account")).toEqual([1]);
    const space = ["tracing", "guest", "user", "space", "host"];
    expect(real("tracing guest user space from the host", ...space)).toEqual([]);
  });

  it("reads a virtual phone number as telephony, Android's virtual phones never", () => {
    const sms = ["virtual phone", "number", "sms"];
    expect(real("a virtual phone number for sms", ...sms)).toEqual([0]);
    expect(real("virtual phones on android", "virtual phones", "android")).toEqual([]);
  });

  it("reads the desktops of a window manager, and a laptop's memory, in their senses", () => {
    const shortcut = ["virtual desktops", "keyboard", "shortcut"];
    expect(real("virtual desktops keyboard shortcut", ...shortcut)).toEqual([0]);
    expect(real("virtual desktops with spice", "virtual desktops", "spice")).toEqual([]);
    expect(real("memory for a gaming laptop", "memory", "gaming", "laptop")).toEqual([0]);
    expect(real("memory ballooning in guests", "memory ballooning", "guests")).toEqual([]);
  });

  it("reads a VM as a language's beside a scripting language, a lay phrase's too", () => {
    const labels = ["vm", "own", "scripting", "language"];
    expect(real("the vm for my own scripting language", ...labels)).toEqual([0]);
    const toy = ["tiny vm", "toy", "language", "bytecode"];
    expect(real("a tiny vm for a toy language with bytecode", ...toy)).toEqual([0]);
    expect(real("scripting vm creation with ansible", "scripting", "vm", "creation")).toEqual([]);
    const game = ["scripting", "vm", "game", "engine"];
    expect(real("a scripting vm for my game engine", ...game)).toEqual([1]);
  });

  it("reads the field's jargon in its everyday senses: fireworks, voicemail, loneliness", () => {
    const eve = ["firecrackers", "legal", "new", "year's", "eve"];
    expect(real("are firecrackers legal on new year's eve", ...eve)).toEqual([0]);
    const license = ["firecracker", "legal", "license"];
    expect(real("is firecracker legal under its license", ...license)).toEqual([]);
    expect(real("a vm from my doctor on my voicemail", "vm", "doctor", "voicemail")).toEqual([0]);
    const home = ["isolation", "working", "home"];
    expect(real("the isolation of working from home", ...home)).toEqual([0]);
    expect(real("isolation of untrusted guests", "isolation", "untrusted", "guests")).toEqual([]);
  });
});
