// `npm run bench:web -- --page-cpu`: what one talk page and one search page cost our code
// in CPU, in this process, without HTTP. Talk pages: each of the 10,000 talks asked once
// (nothing from the page cache), split into its stages: the related talks, the page
// (respond(): routing, view, HTML), and preparing it for HTTP (bytes, ETag, headers).
// Search pages: the bench's searches, split into the core's answer (what chat runs too),
// rendering the page, and preparing it. CPU time (user + system) over the whole loop
// divided by the pages; five rounds over different pages, medians.
import { performance } from "node:perf_hooks";
import type { Core } from "../../src/core/answer.ts";
import { createLibrary } from "../../src/core/library.ts";
import { PAGE_SIZE } from "../../src/render/web/paths.ts";
import { renderSearchPage } from "../../src/render/web/search.ts";
import { STYLE_PATH } from "../../src/render/web/style.ts";
import { catalogIndex } from "../../src/web/catalog-index.ts";
import { respond } from "../../src/web/pages.ts";
import { prepare } from "../../src/web/prepare.ts";
import type { PageContext, WebResponse } from "../../src/web/response.ts";
import { benchCatalog, SIZE, searchPaths, talkPaths } from "./catalog.ts";

const SEARCHES = 1_000;

const ROUNDS = 5;
const WARMUP = 1_000;
const PER_ROUND = (SIZE - WARMUP) / ROUNDS;

/** CPU microseconds per call of `each` over `items`. */
function cpuPer<T>(items: readonly T[], each: (item: T) => unknown): number {
  const before = process.cpuUsage();
  for (const item of items) each(item);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / items.length;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main(): void {
  const catalog = benchCatalog();
  const started = performance.now();
  const core: Core = createLibrary({ catalog, timeZone: "UTC" }).current();
  const coreMs = performance.now() - started;
  const indexStarted = performance.now();
  const index = catalogIndex(catalog);
  const indexMs = performance.now() - indexStarted;
  const ctx: PageContext = {
    core,
    publicUrl: "http://127.0.0.1",
    site: { base: "", style: STYLE_PATH },
    today: "2026-12-05",
  };
  // The version and date the server would tag the page with (see src/web/server.ts).
  const tagged = (r: WebResponse) => prepare(r, "bench-1", ctx.today);
  const page = (path: string) => tagged(respond(ctx, path, new URLSearchParams()));
  const warm = talkPaths(catalog, SIZE - WARMUP, WARMUP);
  for (let i = 0; i < 3; i++) for (const path of warm) page(path);

  const rows: Record<string, number[]> = { related: [], respond: [], prepare: [], total: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const talks = catalog.talks.slice(r * PER_ROUND, (r + 1) * PER_ROUND);
    const paths = talkPaths(catalog, r * PER_ROUND, PER_ROUND);
    rows.related!.push(cpuPer(talks, (t) => index.related(t, 5)));
    const responses: WebResponse[] = [];
    rows.respond!.push(
      cpuPer(paths, (p) => responses.push(respond(ctx, p, new URLSearchParams()))),
    );
    rows.prepare!.push(cpuPer(responses, tagged));
    rows.total!.push(cpuPer(paths, page));
  }
  // The search page's stages, over the bench's searches (almost all different).
  const searchRows: Record<string, number[]> = { answer: [], render: [], prepare: [], total: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const urls = searchPaths(catalog, SEARCHES, 100 + r).map((p) => new URL(p, "http://x"));
    const asked = urls.map((u) => ({
      query: u.searchParams.get("q") ?? "",
      offset: (Number(u.searchParams.get("page") ?? "1") - 1) * PAGE_SIZE,
    }));
    const answers: Parameters<typeof renderSearchPage>[1][] = [];
    searchRows.answer!.push(
      cpuPer(asked, ({ query, offset }) =>
        answers.push({
          query,
          answer: core.answer(query, { offset, pageSize: PAGE_SIZE }),
          topics: [],
        }),
      ),
    );
    const pages: WebResponse[] = [];
    searchRows.render!.push(
      cpuPer(answers, (view) =>
        pages.push({
          status: 200,
          type: "text/html",
          body: renderSearchPage(ctx.site, view),
          maxAge: 0,
        }),
      ),
    );
    searchRows.prepare!.push(
      cpuPer(pages, (p) => prepare({ ...p, depends: "catalog" }, "bench-1", ctx.today)),
    );
    searchRows.total!.push(cpuPer(urls, (u) => tagged(respond(ctx, u.pathname, u.searchParams))));
  }
  const bytes = median(
    talkPaths(catalog, 0, 200).map((p) =>
      Buffer.byteLength(respond(ctx, p, new URLSearchParams()).body),
    ),
  );
  console.log(
    `page CPU — ${SIZE} talks, ${PER_ROUND} talk pages a round, ${ROUNDS} rounds, medians (µs of CPU per page)`,
  );
  console.log(`core built in ${coreMs.toFixed(0)} ms; page index in ${indexMs.toFixed(1)} ms`);
  console.log("| stage | µs per talk page |\n|---|---|");
  const label: Record<string, string> = {
    related: "related talks (index.related)",
    respond: "respond(): routing, view, HTML (includes related)",
    prepare: "prepare(): bytes, ETag, headers",
    total: "respond() + prepare()",
  };
  for (const [k, xs] of Object.entries(rows))
    console.log(`| ${label[k]} | ${median(xs).toFixed(1)} |`);
  console.log(`\nmedian talk page: ${bytes} bytes`);
  console.log(`\n${SEARCHES} search pages a round (10 results), µs of CPU per page:`);
  console.log("| stage | µs per search page |\n|---|---|");
  const searchLabel: Record<string, string> = {
    answer: "core.answer(): grammar, search, cards (as in chat)",
    render: "renderSearchPage(): HTML",
    prepare: "prepare(): bytes, ETag, headers",
    total: "respond() + prepare()",
  };
  for (const [k, xs] of Object.entries(searchRows))
    console.log(`| ${searchLabel[k]} | ${median(xs).toFixed(1)} |`);
}

main();
