import { describe, expect, it } from "vitest";
import { stripAddress } from "../../src/core/address.ts";

describe("stripAddress", () => {
  it.each([
    ["numa", "numa"],
    ["/virt numa", "numa"],
    ["/VIRT  numa vfio", "numa vfio"],
    ["!virt numa", "numa"],
    ["!virt", ""],
    ["virt-talks: numa", "numa"],
    ["Virt-Talks, numa", "numa"],
    ["virt-talks : numa", "numa"],
    ["@virt-talks numa", "numa"],
    ["@virt-talks: numa", "numa"],
    ["  !virt   speaker:arcangeli ", "speaker:arcangeli"],
  ])("%j → %j", (input, expected) => {
    expect(stripAddress(input)).toBe(expected);
  });

  it("leaves look-alikes and mid-sentence names alone", () => {
    expect(stripAddress("!virtual machines")).toBe("!virtual machines");
    expect(stripAddress("/virtio")).toBe("/virtio");
    expect(stripAddress("virt-talks numa")).toBe("virt-talks numa");
    expect(stripAddress("ask virt-talks: numa")).toBe("ask virt-talks: numa");
  });

  it("strips one address only", () => {
    expect(stripAddress("!virt !virt numa")).toBe("!virt numa");
  });
});
