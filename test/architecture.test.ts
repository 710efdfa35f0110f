// The layering of src/, checked on the real import graph: oxc-parser (the parser Vite's
// bundler uses) lists every import of each file, type-only ones and re-exports included
// (they tie files together just the same), and dynamic import() of a literal path. Fails
// on any import circle among src/ files, printed file by file, and on arrows that run the
// wrong way: core or http up into app, core or render into a chat SDK, and anything in
// src/ into test/ or bench/. (TypeScript 7, the type checker, has no stable JS API.)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseSync } from "oxc-parser";
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

/** The package an import names: "@slack/bolt/dist/x" → "@slack/bolt", "pino" → "pino". */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** The value of a source snippet that is one string literal, else null. */
function stringLiteral(source: string): string | null {
  const [statement] = parseSync("literal.ts", `(${source});`, { preserveParens: false }).program
    .body;
  const expression = statement?.type === "ExpressionStatement" ? statement.expression : null;
  return expression?.type === "Literal" && typeof expression.value === "string"
    ? expression.value
    : null;
}

/** Every module a file names: static imports, re-exports, and import() of a string literal. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const parsed = parseSync(file, text);
  if (parsed.errors.length > 0)
    throw new Error(`${relative(ROOT, file)}: ${parsed.errors[0]!.message}`);
  const { staticImports, staticExports, dynamicImports } = parsed.module;
  const named = staticImports.map((i) => i.moduleRequest.value);
  for (const e of staticExports)
    for (const entry of e.entries) if (entry.moduleRequest) named.push(entry.moduleRequest.value);
  for (const d of dynamicImports) {
    // A computed import() names no fixed module; src/ has none, and a literal is all we read.
    const literal = stringLiteral(text.slice(d.moduleRequest.start, d.moduleRequest.end));
    if (literal !== null) named.push(literal);
  }
  return named;
}

function importGraph(): Graph {
  const files = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const local: string[] = [];
    const external: string[] = [];
    for (const specifier of specifiers(file)) {
      if (specifier.startsWith("node:")) continue;
      if (!specifier.startsWith(".")) {
        external.push(packageName(specifier));
        continue;
      }
      // Relative imports name the .ts file itself (allowImportingTsExtensions in tsconfig).
      const target = resolve(dirname(file), specifier);
      if (!existsSync(target))
        throw new Error(`${relative(ROOT, file)}: cannot resolve "${specifier}"`);
      local.push(relative(ROOT, target));
    }
    files.set(relative(ROOT, file), [...new Set(local)]);
    packages.set(relative(ROOT, file), [...new Set(external)]);
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
    // A dynamic import() of a literal path is an edge too.
    expect(graph.files.get("src/persist/open-store.ts")).toContain("src/persist/pg-store.ts");
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
