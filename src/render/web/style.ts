// The one stylesheet of the public pages: readable on a phone and a desktop, light and
// dark by prefers-color-scheme, no web fonts, no images. Served under a name derived from
// its content so a browser or a proxy may keep it for a year.
import { createHash } from "node:crypto";

export const STYLESHEET = `:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#575757;--link:#0645ad;--line:#d5d5d5;--box:#f3f4f6}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#e8e8e8;--muted:#b8b8b8;--link:#9cc0fa;--line:#3a3e44;--box:#1e2227}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1rem/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
header,main,footer{max-width:50rem;margin:0 auto;padding:0 1rem}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding-top:.75rem;padding-bottom:.75rem;border-bottom:1px solid var(--line)}
main,footer{overflow-wrap:anywhere}
footer{margin-top:2rem;padding-top:.5rem;padding-bottom:1rem;border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
a{color:var(--link)}
.site{font-weight:700;font-size:1.1rem;text-decoration:none;color:var(--fg)}
form{display:flex;flex:1 1 18rem;gap:.5rem}
input{flex:1;min-width:0;font:inherit;padding:.35rem .5rem;border:1px solid var(--muted);border-radius:.25rem;background:var(--bg);color:var(--fg)}
button{font:inherit;padding:.35rem .8rem;border:1px solid var(--muted);border-radius:.25rem;background:var(--box);color:var(--fg);cursor:pointer}
nav a{margin-right:.75rem}
h1{font-size:1.5rem;line-height:1.25;margin:1.25rem 0 .5rem}
h2{font-size:1.15rem;line-height:1.3;margin:1.25rem 0 .4rem}
.talks{list-style:none;padding:0;margin:0}
.talks>li{padding:.75rem 0;border-bottom:1px solid var(--line)}
.talks h2,.talks h3{font-size:1.05rem;margin:0 0 .2rem}
.talks p{margin:.2rem 0}
.muted,.subtitle{color:var(--muted)}
.subtitle{font-size:1.1rem;margin:0 0 .75rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0}
dt{font-weight:600}
dd{margin:0}
.chips{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem .9rem}
.pager{display:flex;justify-content:space-between;gap:1rem;margin:1rem 0}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;

/** The stylesheet's address: /style.<first 12 hex of its sha-256>.css. */
export const STYLE_PATH = `/style.${createHash("sha256").update(STYLESHEET).digest("hex").slice(0, 12)}.css`;
