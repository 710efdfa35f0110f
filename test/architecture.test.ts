// The layering of src/, checked on the real import graph: the TypeScript compiler's own
// pre-processor lists every import (type-only ones and re-exports count: they tie files
// together just the same) and its module resolution says which file or package each one
// names. Fails on any import circle among src/ files, printed file by file, and on arrows
// that run the wrong way: core or http up into app, core or render into a chat SDK, and
// anything in src/ into test/ or bench/.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const SRC = join(ROOT, "src");

/** Packages that speak to a chat platform; only src/adapters (and the wiring) may use them. */
const CHAT_SDKS = ["@slack/", "matrix-bot-sdk", "matrix-js-sdk", "@matrix-org/"];

interface Graph {
  /** Repository-relative path of each src/ file → the files it imports (repository-relative). */
  readonly files: ReadonlyMap<string, readonly string[]>;
  /** Repository-relative path → the packages it imports. */
  readonly packages: ReadonlyMap<string, readonly string[]>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function compilerOptions(): ts.CompilerOptions {
  const path = join(ROOT, "tsconfig.json");
  const read = ts.readConfigFile(path, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT).options;
}

/** The package an import names: "@slack/bolt/dist/x" → "@slack/bolt", "pino" → "pino". */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

function importGraph(): Graph {
  const options = compilerOptions();
  const files = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const local: string[] = [];
    const external: string[] = [];
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith("node:")) continue;
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport) {
        local.push(relative(ROOT, resolved.resolvedFileName));
      } else if (!fileName.startsWith(".")) {
        external.push(packageName(fileName));
      } else {
        throw new Error(`${relative(ROOT, file)}: cannot resolve "${fileName}"`);
      }
    }
    files.set(relative(ROOT, file), local);
    packages.set(relative(ROOT, file), external);
  }
  return { files, packages };
}

/**
 * Every import circle, one per strongly connected component (Tarjan), each printed as its
 * shortest path back to its first file, plus the other files caught in the same knot:
 * "a.ts → b.ts → a.ts (the knot also holds c.ts)".
 */
function circles(edges: ReadonlyMap<string, readonly string[]>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfLoop = (edges.get(node) ?? []).includes(node);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => {
    const loop = loopThrough(component, edges);
    const others = component.filter((file) => !loop.includes(file)).sort();
    const rest = others.length > 0 ? ` (the knot also holds ${others.join(", ")})` : "";
    return `${loop.join(" → ")}${rest}`;
  });
}

/** One closed walk through a circle, shortest first (breadth-first from its first file). */
function loopThrough(
  component: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const to of edges.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [start];
        for (let at = node; at !== start; at = cameFrom.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

const under = (dir: string) => (file: string) => file.startsWith(`${dir}/`);

function wrongArrows(graph: Graph): string[] {
  const wrong: string[] = [];
  for (const [from, imports] of graph.files) {
    for (const to of imports) {
      if ((under("src/core")(from) || under("src/http")(from)) && under("src/app")(to))
        wrong.push(`${from} → ${to} (core and http never reach up into app)`);
      if (under("test")(to) || under("bench")(to))
        wrong.push(`${from} → ${to} (src never imports test or bench code)`);
      if (!under("src")(to) && !under("test")(to) && !under("bench")(to))
        wrong.push(`${from} → ${to} (src imports only src)`);
    }
  }
  for (const [from, packages] of graph.packages) {
    if (!under("src/core")(from) && !under("src/render")(from)) continue;
    for (const name of packages) {
      if (CHAT_SDKS.some((sdk) => name === sdk || name.startsWith(sdk)))
        wrong.push(`${from} → ${name} (core and render speak no chat SDK)`);
    }
  }
  return wrong;
}

describe("the import graph of src/", () => {
  const graph = importGraph();

  it("sees every file and its imports (type-only ones included)", () => {
    expect(graph.files.size).toBeGreaterThan(100);
    // turn.ts imports these only as types: they must still be edges.
    expect(graph.files.get("src/core/turn.ts")).toContain("src/core/platform.ts");
    expect(graph.packages.get("src/adapters/slack/app.ts")).toContain("@slack/bolt");
  });

  it("has no import circle", () => {
    expect(circles(graph.files)).toEqual([]);
  });

  it("has no arrow up into app, into a chat SDK from core or render, or into test or bench", () => {
    expect(wrongArrows(graph)).toEqual([]);
  });
});

describe("the circle finder", () => {
  it("prints each circle as a closed path, shortest walk from its first file", () => {
    const edges = new Map([
      ["a", ["b"]],
      ["b", ["c", "d"]],
      ["c", ["a"]],
      ["d", []],
      ["e", ["e"]],
      ["f", ["g"]],
      ["g", ["f", "a"]],
      ["h", ["i"]],
      ["i", ["h", "j"]],
      ["j", ["i"]],
    ]);
    expect(circles(edges).sort()).toEqual([
      "a → b → c → a",
      "e → e",
      "f → g → f",
      "h → i → h (the knot also holds j)",
    ]);
  });

  it("finds none in a graph without one", () => {
    const edges = new Map([
      ["a", ["b", "c"]],
      ["b", ["c"]],
      ["c", []],
    ]);
    expect(circles(edges)).toEqual([]);
  });
});
