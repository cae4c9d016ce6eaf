// The search worker as the site runs it, without a browser: Material's own worker (from
// the installed mkdocs-material), the kit's wrapper (workers/kit-search.js), lunr-languages'
// support file and the kit's Lithuanian language (lunr/min/lunr.lt.min.js with the vendored
// Snowball stemmer), each a classic script in one worker-like global, loaded by importScripts.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const THEME = path.join(ROOT, "src/janus_kit/theme/assets/javascripts");

function materialAssets() {
  const lib = path.join(ROOT, ".venv/lib");
  for (const python of fs.existsSync(lib) ? fs.readdirSync(lib) : []) {
    const dir = path.join(lib, python, "site-packages/material/templates/assets/javascripts");
    if (fs.existsSync(dir)) return dir;
  }
  throw new Error("mkdocs-material is not installed in .venv (python3 scripts/kit.py installs it)");
}
const MATERIAL = materialAssets();
const WORKER = fs.readdirSync(path.join(MATERIAL, "workers")).find((f) => /^search\.\w+\.min\.js$/.test(f));

/** The file behind a URL of the site's assets/javascripts folder: the kit's theme first. */
function file(url) {
  const rel = decodeURIComponent(new URL(url).pathname).replace(/^\/assets\/javascripts\//, "");
  for (const dir of [THEME, MATERIAL]) if (fs.existsSync(path.join(dir, rel))) return path.join(dir, rel);
  throw new Error(`no such asset: ${rel}`);
}

/** A worker: its global, the scripts it loaded, and a way to talk to it. */
function startWorker() {
  const href = `http://site.invalid/assets/javascripts/workers/kit-search.js?worker=${WORKER}`;
  const loaded = [];
  const listeners = [];
  const posted = [];
  const global = { console, URL, location: { href } };
  global.self = global;
  global.addEventListener = (type, fn) => type === "message" && listeners.push(fn);
  global.postMessage = (message) => posted.push(message);
  global.importScripts = (...urls) => {
    for (const url of urls) {
      const absolute = new URL(url, href).href;
      loaded.push(new URL(absolute).pathname);
      vm.runInContext(fs.readFileSync(file(absolute), "utf8"), context, { filename: absolute });
    }
  };
  const context = vm.createContext(global);
  global.importScripts(href);
  const send = async (message) => {
    posted.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 0)); // the wrapper's adjustments are in place
    for (const fn of listeners) await fn({ data: message });
    await new Promise((resolve) => setTimeout(resolve, 0));
    return posted.at(-1);
  };
  return { loaded, send };
}

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // Material's SearchMessageType
const SEPARATOR = "[\\s\\-,:!?=\\[\\]()\"/'’‘„“”«»…]+|(?!\\b)(?=[A-Z][a-z])|\\.(?!\\d)|&[lg]t;";

function index(lang, docs) {
  return {
    config: { lang: [lang], separator: SEPARATOR, pipeline: ["trimmer", "stopWordFilter", "stemmer"],
      fields: { title: { boost: 1000 }, text: { boost: 1 } } },
    docs, options: { suggest: false },
  };
}

async function search(worker, query) {
  const reply = await worker.send({ type: QUERY, data: query });
  assert.equal(reply.type, RESULT);
  return JSON.parse(JSON.stringify(reply.data.items.flat())); // out of the worker's realm
}

const LITHUANIAN = [
  { location: "team/", title: "Darbas komandoje", text: "<p>Komanda dirba kartu. Komandos nariai padeda vieni kitiems.</p>" },
  { location: "team/#roles", title: "Vaidmenys komandai", text: "<p>Kiekvienas žino savo užduotį ir ją atlieka.</p>" },
  { location: "tables/", title: "Vertinimo lentelė", text: "<p>Lentelės pildomos trimis žvilgsniais.</p>" },
  { location: "other/", title: "Kita", text: "<p>Kompiuteris ir telefonas.</p>" },
];

test("a Lithuanian form that no document holds finds the documents with the other forms", async () => {
  const worker = startWorker();
  const ready = await worker.send({ type: SETUP, data: index("lt", LITHUANIAN) });
  assert.equal(ready.type, READY);
  assert.ok(worker.loaded.includes("/assets/javascripts/lunr/min/lunr.lt.min.js"), worker.loaded);
  assert.ok(worker.loaded.includes("/assets/javascripts/lunr/vendor/orama-stemmers-lt.js"), worker.loaded);

  const items = await search(worker, "komandomis"); // instrumental plural: on no page
  const found = new Set(items.filter((i) => i.score > 0).map((i) => i.location));
  assert.deepEqual([...found].sort(), ["team/", "team/#roles"]);
  const marked = items.map((i) => `${i.title} ${i.text}`).join(" ").match(/<mark>[^<]*<\/mark>/g);
  assert.deepEqual([...new Set(marked)].sort(), ["<mark>Komanda</mark>", "<mark>Komandos</mark>", "<mark>komandai</mark>", "<mark>komandoje</mark>"]);

  assert.deepEqual((await search(worker, "lentelėmis")).map((i) => i.location), ["tables/"]);
  // While typing: a prefix still finds the words it begins.
  assert.ok((await search(worker, "kompiu")).some((i) => i.location === "other/"));
  // A stop word alone finds nothing it should not.
  assert.deepEqual(await search(worker, "ir"), []);
});

test("each place is highlighted once, even when its word and its stem both match", async () => {
  const worker = startWorker();
  await worker.send({ type: SETUP, data: index("lt", LITHUANIAN) });
  for (const query of ["komandomis", "komanda", "komand"]) {
    for (const item of await search(worker, query)) {
      const html = `${item.title} ${item.text}`;
      assert.doesNotMatch(html, /<mark>[^<]*<mark>|<\/mark>[^<\s]*<\/mark>|<mark<|&lt;mark/, `${query}: ${html}`);
      assert.equal((html.match(/<mark>/g) || []).length, (html.match(/<\/mark>/g) || []).length);
    }
  }
});

test("English finds word forms by their stem too, and prefixes while typing", async () => {
  const worker = startWorker();
  const docs = [
    { location: "talk/", title: "Communicating at work", text: "<p>Communication is a skill.</p>" },
    { location: "plan/", title: "Planning", text: "<p>Plans change.</p>" },
  ];
  assert.equal((await worker.send({ type: SETUP, data: index("en", docs) })).type, READY);
  assert.deepEqual(worker.loaded.filter((p) => p.includes("/lunr/")), [], "English needs no language file");
  assert.deepEqual((await search(worker, "communicated")).map((i) => i.location), ["talk/"]);
  assert.deepEqual((await search(worker, "communic")).map((i) => i.location), ["talk/"]);
  assert.deepEqual((await search(worker, "planned")).map((i) => i.location), ["plan/"]);
});
