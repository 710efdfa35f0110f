import { describe, expect, it } from "vitest";
import { WordTable } from "../../../../src/core/search/index/word-table.ts";
import { rawWords } from "../../../../src/core/search/query/tokenize.ts";

function scan(table: WordTable, text: string): string[] {
  const out: string[] = [];
  table.scan(text, (id, parts) => {
    out.push(table.words[id]! + (parts ? `(${parts.map((p) => table.words[p]).join("+")})` : ""));
  });
  return out;
}

describe("WordTable", () => {
  it("splits and folds exactly as the tokenizer does, compounds with their parts", () => {
    const table = new WordTable();
    const text =
      "Live-Migration of KVM guests: SR-IOV, I/O and Jörg's NUMA balancing (2012) with io_uring, virtio.net, x86_64 and QEMU 2.0. Then";
    const expected = rawWords(text).map(
      (w) => w.surface + (w.parts.length ? `(${w.parts.join("+")})` : ""),
    );
    expect(scan(table, text)).toEqual(expected);
  });

  it("reads ASCII compounds in place exactly as the tokenizer splits them, ids in its order", () => {
    const texts = [
      "SR-IOV sr-iov SRIOV x86_64 virtio.net I/O e.g. 2.0 v2.0 a--b a-/b -lead trail- a.b.c.d",
      "foo-bär rock'n'roll Jörg's don't o'neil it's-fine path/to/file_name.rs ÆON-x a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r",
      "Post-Copy post-copy POSTCOPY live-migration/NUMA KVM.Forum kvm_forum RISC-V risc.v a.1 1.a",
    ];
    for (const text of texts) {
      const table = new WordTable();
      const expected = rawWords(text).map(
        (w) => w.surface + (w.parts.length ? `(${w.parts.join("+")})` : ""),
      );
      expect(scan(table, text)).toEqual(expected);
      // New words get ids in the order the tokenizer's words and parts come.
      const order: string[] = [];
      for (const w of rawWords(text))
        for (const s of [w.surface, ...w.parts]) if (!order.includes(s)) order.push(s);
      expect(table.words).toEqual(order);
    }
  });

  it("gives a word one id whatever its case, and keeps ids as the table grows", () => {
    const table = new WordTable();
    const ids: number[] = [];
    table.scan("Virtio VIRTIO virtio", (id) => ids.push(id));
    expect(new Set(ids).size).toBe(1);
    const many = Array.from({ length: 100_000 }, (_, i) => `w${i.toString(36)}`).join(" ");
    table.scan(many, () => {});
    expect(table.words.length).toBe(100_001);
    const again: number[] = [];
    table.scan("virtio w0 wzz", (id) => again.push(id));
    expect(again).toEqual([ids[0], 1, 1 + Number.parseInt("zz", 36)]);
    expect(table.idOf("w1")).toBe(2);
  });
});

describe("WordTable growth", () => {
  it("finds every word while the slots grow a few at a time, and after settling", () => {
    const table = new WordTable();
    const word = (i: number) => `g${i.toString(36)}`;
    // 40,000 words: the table grows past 16,384 and 32,768, and moves its words meanwhile.
    // Mismatches are collected and compared once: 40,000 expect() calls cost a second of CPU.
    const wrong: string[] = [];
    for (let i = 0; i < 40_000; i++) {
      if (table.idOf(word(i)) !== i) wrong.push(`idOf ${word(i)}`);
      // Earlier words keep their ids mid-growth, moved or not.
      if (i % 997 === 0)
        for (let j = 0; j <= i; j += 331)
          if (table.lookup(word(j)) !== j) wrong.push(`lookup ${word(j)} at ${i}`);
    }
    for (const _ of table.settling());
    for (let i = 0; i < 40_000; i++)
      if (table.lookup(word(i)) !== i) wrong.push(`lookup ${word(i)} settled`);
    expect(wrong).toEqual([]);
    expect(table.lookup("absent")).toBe(-1);
    expect(table.idOf(word(39_999))).toBe(39_999);
  });
});
