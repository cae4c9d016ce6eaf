/* JANUS+ kit: the online monitoring tool. Plain ES2020, no dependencies, no network.
 * Built from the page's kit-tool-data JSON (grids, rules, strings); one record per trainee
 * in localStorage. Data goes into the page as text only (DOM nodes), never as HTML. */
(() => {
  "use strict";
  const FORMAT = "janus-kit-record", SCHEMA = 1, MAX_BYTES = 1 << 20, MAX_TEXT = 20000, MAX_NAME = 100;
  const KEY = "janus-kit:record:", UI_KEY = "janus-kit:ui";
  const FORBIDDEN = ["__proto__", "constructor", "prototype"];
  const CP_ID = /^[A-Za-z0-9_-]{1,64}$/, CONTROL = /[\u0000-\u001f\u007f]/;

  const dataEl = document.getElementById("kit-tool-data");
  const DATA = dataEl ? JSON.parse(dataEl.textContent) : {};
  const FW = DATA.framework || { scale: [0, 1, 2, 3, 4], not_observed: 0, raters: [], flags: [] };
  const NONE = FW.not_observed;
  const RATED = FW.scale.filter((v) => v !== NONE);
  const TOP = Math.max(...RATED);
  const GRIDS = DATA.grids || [];
  const SKILLS = new Map(GRIDS.flatMap((g) => g.skills.map((s) => [s.id, s])));

  // --- pure functions
  const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const isRated = (v) => RATED.includes(v);
  const clone = (v) => JSON.parse(JSON.stringify(v));

  /** Median; of an even count, the mean of the middle two rounded down. */
  function median(values) {
    const v = values.slice().sort((a, b) => a - b), n = v.length;
    if (!n) return NONE;
    return n % 2 ? v[(n - 1) / 2] : Math.floor((v[n / 2 - 1] + v[n / 2]) / 2);
  }
  /** One rater's level of a skill: median of the indicators rated 1-4 (0 and unrated left out). */
  const skillLevel = (indicators) => median((indicators || []).filter(isRated));
  /** The agreed level: median of the raters' levels, not-observed raters left out. */
  const agreed = (levels) => median((Array.isArray(levels) ? levels : Object.values(levels || {})).filter(isRated));

  function fires(rule, current, previous) {
    const seen = Object.entries(current || {}).filter(([, v]) => isRated(v));
    const trainee = seen.find(([r]) => r === "trainee")?.[1];
    const others = seen.filter(([r]) => r !== "trainee").map(([, v]) => v);
    const all = seen.map(([, v]) => v);
    const now = agreed(current);
    switch (rule.when) {
      case "trainee_above_all_others":
        return trainee !== undefined && others.length > 0 && others.every((o) => trainee - o >= rule.margin);
      case "trainee_below_any_other":
        return trainee !== undefined && others.some((o) => o - trainee >= rule.margin);
      case "any_two_raters_apart":
        return all.length > 1 && Math.max(...all) - Math.min(...all) >= rule.margin;
      case "agreed_at_most":
        return now !== NONE && now <= rule.level;
      case "no_progress_below": {
        const before = agreed(previous);
        return now !== NONE && before !== NONE && now < rule.level && now <= before;
      }
      default:
        return false;
    }
  }

  /** Flags of a skill from {rater: level} now and at the previous checkpoint (or null):
   * a generic reading of the framework's `flags` rules, one flag per id. */
  function evaluateFlags(current, previous, rules = FW.flags) {
    const out = [];
    for (const rule of rules) {
      if (!out.some((f) => f.id === rule.id) && fires(rule, current, previous)) out.push({ id: rule.id, when: rule.when });
    }
    return out;
  }

  class Bad {
    constructor(where) { this.where = where; }
  }
  const need = (ok, ...where) => { if (!ok) throw new Bad(where); };
  function keysOf(obj, allowed, where) {
    need(isObj(obj), ...where);
    const keys = Object.keys(obj);
    for (const k of keys) need(!FORBIDDEN.includes(k) && allowed.includes(k), ...where, k);
    return keys;
  }
  const cleanName = (v) => (typeof v === "string" && !CONTROL.test(v) ? v.trim().replace(/\s+/g, " ") : "");
  const isDate = (s) => s === "" || (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s));

  /** Check an export fully: {ok, record: a clean copy} or {ok: false, error, where|version}. */
  function validateRecord(data) {
    if (!isObj(data) || data.format !== FORMAT) return { ok: false, error: "foreign" };
    if (data.schema !== SCHEMA) return { ok: false, error: "version", version: String(data.schema).slice(0, 20) };
    try {
      keysOf(data, ["format", "schema", "trainee", "checkpoints", "ratings"], []);
      const trainee = cleanName(data.trainee);
      need(trainee && trainee.length <= MAX_NAME, "trainee");
      need(Array.isArray(data.checkpoints) && data.checkpoints.length <= 500, "checkpoints");
      const checkpoints = data.checkpoints.map((cp, i) => {
        const at = ["checkpoints", i];
        keysOf(cp, ["id", "name", "date"], at);
        need(typeof cp.id === "string" && CP_ID.test(cp.id) && !FORBIDDEN.includes(cp.id), ...at, "id");
        need(typeof cp.name === "string" && cp.name.length <= 200 && !CONTROL.test(cp.name), ...at, "name");
        need(typeof cp.date === "string" && isDate(cp.date), ...at, "date");
        return { id: cp.id, name: cp.name.trim(), date: cp.date };
      });
      const ids = checkpoints.map((cp) => cp.id);
      need(new Set(ids).size === ids.length, "checkpoints");
      const ratings = {};
      for (const cp of keysOf(data.ratings, ids, ["ratings"])) {
        ratings[cp] = {};
        for (const rater of keysOf(data.ratings[cp], FW.raters, ["ratings", cp])) {
          const bySkill = (ratings[cp][rater] = {});
          for (const id of keysOf(data.ratings[cp][rater], [...SKILLS.keys()], ["ratings", cp, rater])) {
            const at = ["ratings", cp, rater, id], entry = data.ratings[cp][rater][id];
            keysOf(entry, ["indicators", "evidence"], at);
            const list = entry.indicators, count = SKILLS.get(id).indicators.length;
            need(Array.isArray(list) && list.length <= count, ...at, "indicators");
            list.forEach((v, i) => need(v === null || (Number.isInteger(v) && FW.scale.includes(v)), ...at, "indicators", i));
            const evidence = entry.evidence ?? "";
            need(typeof evidence === "string" && evidence.length <= MAX_TEXT, ...at, "evidence");
            bySkill[id] = { indicators: Array.from({ length: count }, (_, i) => list[i] ?? null), evidence };
          }
        }
      }
      return { ok: true, record: { format: FORMAT, schema: SCHEMA, trainee, checkpoints: sortCheckpoints(checkpoints), ratings } };
    } catch (e) {
      return { ok: false, error: "content", where: (e.where || []).map((w) => String(w).slice(0, 40)).join(" › ") };
    }
  }

  /** Parse and check a file's text (errors also "size" and "syntax"). */
  function parseRecord(text, size = text.length) {
    if (size > MAX_BYTES || text.length > MAX_BYTES) return { ok: false, error: "size" };
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, error: "syntax" };
    }
    return validateRecord(data);
  }

  /** Dated checkpoints in date order, then undated ones; otherwise the order is kept. */
  const sortCheckpoints = (list) => list.map((cp, i) => [cp, i])
    .sort(([a, i], [b, j]) => (a.date && b.date ? a.date.localeCompare(b.date) : !a.date - !b.date) || i - j)
    .map(([cp]) => cp);

  const hasContent = (e) => e.indicators.some((v) => v !== null) || e.evidence.trim() !== "";
  const newId = () => `cp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

  /** Add `incoming` to `target` in place; return the number of ratings added. Checkpoints
   * match by id, else name and date. Nothing is deleted: rated indicators stay, new evidence
   * is appended. */
  function mergeRecord(target, incoming) {
    let count = 0;
    const idOf = {};
    for (const cp of incoming.checkpoints) {
      let match = target.checkpoints.find((c) => c.id === cp.id) || target.checkpoints.find((c) => c.name === cp.name && c.date === cp.date);
      if (!match) {
        match = { ...cp, id: target.checkpoints.some((c) => c.id === cp.id) ? newId() : cp.id };
        target.checkpoints = sortCheckpoints([...target.checkpoints, match]);
      }
      idOf[cp.id] = match.id;
    }
    for (const [cp, byRater] of Object.entries(incoming.ratings)) {
      for (const [rater, bySkill] of Object.entries(byRater)) {
        const to = ((target.ratings[idOf[cp]] ||= {})[rater] ||= {});
        for (const [id, entry] of Object.entries(bySkill)) {
          const cur = to[id];
          if (!cur || !hasContent(cur)) {
            if (hasContent(entry)) (to[id] = clone(entry)), count++;
            continue;
          }
          let changed = false;
          entry.indicators.forEach((v, i) => { if (v !== null && cur.indicators[i] == null) (cur.indicators[i] = v), (changed = true); });
          const ev = entry.evidence.trim(), mine = cur.evidence.trim();
          if (ev && !mine.includes(ev)) (cur.evidence = (mine ? `${mine}\n\n${ev}` : ev).slice(0, MAX_TEXT)), (changed = true);
          count += changed;
        }
      }
    }
    return count;
  }

  const entryOf = (rec, cp, rater, id) => rec.ratings[cp]?.[rater]?.[id];
  /** {rater: level} of a skill at a checkpoint (raters who rated nothing left out). */
  function levelsAt(rec, cp, id) {
    const out = {};
    for (const rater of FW.raters) {
      const e = entryOf(rec, cp, rater, id);
      if (e && e.indicators.some((v) => v !== null)) out[rater] = skillLevel(e.indicators);
    }
    return out;
  }

  window.KitTool = { skillLevel, agreed, evaluateFlags, validateRecord, parseRecord, mergeRecord, levelsAt, sortCheckpoints };

  const root = document.getElementById("kit-tool");
  if (!root || !DATA.strings) return;

  // --- texts and DOM
  const S = DATA.strings, T = S.tool;
  const fmt = (text, values = {}) => String(text).replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  const t = (key, values) => fmt(T[key] ?? key, values);

  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === "text") el.textContent = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids.flat(Infinity)) if (kid != null && kid !== false) el.append(kid);
    return el;
  }
  function svg(tag, attrs, text) {
    const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    return el;
  }
  const field = (control, label) => h("div", { class: "kit-tool__field" }, h("label", { for: control.id, text: label }), control);
  const button = (id, text, type = "button") => h("button", { type, id, class: "md-button", text });

  function formatDate(iso) {
    if (!iso) return "";
    const [year, month, day] = iso.split("-").map(Number);
    return fmt(S.language.date_format, { day, month, month_name: S.language.months[month - 1], year });
  }
  const cpLabel = (cp) => [cp.name, formatDate(cp.date)].filter(Boolean).join(" — ");
  const today = () => {
    const d = new Date(), two = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  };

  // --- messages and storage
  const status = h("p", { class: "kit-tool__status", role: "status", "aria-live": "polite" });
  const alert = h("div", { class: "kit-tool__alert", role: "alert", "aria-live": "assertive" });
  const say = (text) => { status.textContent = text; };
  const complain = (...texts) => alert.replaceChildren(...texts.map((text) => h("p", { text })));

  /** All localStorage use: a full or blocked storage is reported, never ignored. */
  function storage(op) {
    try {
      op(window.localStorage);
      return true;
    } catch {
      complain(t("error_storage"));
      return false;
    }
  }
  const records = new Map();
  const ui = { trainee: "", rater: FW.raters[0], checkpoint: "" };
  const current = () => records.get(ui.trainee);
  const saveUi = () => storage((ls) => ls.setItem(UI_KEY, JSON.stringify(ui)));
  function save(rec) {
    if (!storage((ls) => ls.setItem(KEY + rec.trainee, JSON.stringify(rec)))) return;
    if (alert.textContent === t("error_storage")) alert.replaceChildren();
    say(t("saved"));
  }
  function load() {
    storage((ls) => {
      const saved = JSON.parse(ls.getItem(UI_KEY) || "{}");
      if (isObj(saved)) for (const k of Object.keys(ui)) if (typeof saved[k] === "string") ui[k] = saved[k];
      for (let i = 0; i < ls.length; i++) {
        const key = ls.key(i);
        const got = key?.startsWith(KEY) && parseRecord(ls.getItem(key) || "");
        if (got?.ok && KEY + got.record.trainee === key) records.set(got.record.trainee, got.record);
      }
    });
    if (!FW.raters.includes(ui.rater)) ui.rater = FW.raters[0];
    if (!records.has(ui.trainee)) ui.trainee = records.keys().next().value || "";
  }

  // --- the page
  const traineeSelect = h("select", { id: "kt-trainee", onchange: () => choose(traineeSelect.value) });
  const newTrainee = h("input", { id: "kt-new-trainee", type: "text", maxlength: MAX_NAME, autocomplete: "off" });
  const deleteButton = button("kt-delete", T.trainee_delete), exportButton = button("kt-export", T.export);
  const printButton = button("kt-print", T.print);
  const importInput = h("input", { type: "file", id: "kt-import", class: "kit-tool__file", accept: ".json,application/json", multiple: true });
  const raterSelect = h("select", { id: "kt-rater", onchange: () => pick("rater", raterSelect) }, FW.raters.map((r) => h("option", { value: r, text: S.raters[r] })));
  const cpSelect = h("select", { id: "kt-checkpoint", onchange: () => pick("checkpoint", cpSelect) });
  const cpName = h("input", { id: "kt-cp-name", type: "text", maxlength: 200, list: "kt-cp-names", autocomplete: "off" });
  const cpDate = h("input", { id: "kt-cp-date", type: "date", value: today() });
  const hint = h("p", { class: "kit-tool__hint", text: T.error_trainee });
  const results = h("section", { class: "kit-tool__results", "aria-labelledby": "kt-results" });
  const form = h("form", { class: "kit-tool__form", id: "kt-form" });
  const levelOut = new Map(), evidenceIn = new Map();

  for (const grid of GRIDS) {
    form.append(h("section", { class: "kit-tool__grid" }, h("h2", { text: grid.title }), grid.skills.map((skill) => {
      const evidence = h("textarea", { id: `kt-ev-${skill.id}`, rows: 3, maxlength: 4000, "data-skill": skill.id });
      const level = h("p", { class: "kit-tool__level" });
      levelOut.set(skill.id, level);
      evidenceIn.set(skill.id, evidence);
      return h("div", { class: "kit-tool__skill", id: `kt-skill-${skill.id}` }, h("h3", { text: skill.name }),
        skill.indicators.map((text, i) => h("fieldset", { class: "kit-tool__indicator" }, h("legend", { text }),
          h("div", { class: "kit-tool__options" }, FW.scale.map((v) => h("label", { class: "kit-tool__option" },
            h("input", { type: "radio", name: `kt-${skill.id}-${i}`, value: v, "data-skill": skill.id, "data-index": i }),
            h("span", { class: "kit-tool__num", text: v }), " ", h("span", { text: S.scale[v].label })))))),
        field(evidence, T.evidence), level);
    })));
  }
  const rating = h("div", { class: "kit-tool__rating" },
    h("div", { class: "kit-tool__bar" }, field(raterSelect, T.rater), field(cpSelect, T.checkpoint)),
    h("form", { class: "kit-tool__bar", id: "kt-add-checkpoint", onsubmit: addCheckpoint },
      field(cpName, T.checkpoint_name), field(cpDate, T.checkpoint_date),
      h("datalist", { id: "kt-cp-names" }, Object.values(S.checkpoints).map((value) => h("option", { value }))),
      button("kt-cp-add", T.checkpoint_add, "submit")),
    h("dl", { class: "kit-tool__scale" }, FW.scale.map((v) => [
      h("dt", {}, h("span", { class: "kit-tool__num", text: v }), " ", S.scale[v].label), h("dd", { text: S.scale[v].meaning })])),
    form);

  root.replaceChildren(
    h("p", { class: "kit-tool__privacy", text: T.privacy }),
    alert, status,
    h("div", { class: "kit-tool__bar" }, field(traineeSelect, T.trainee_select),
      h("form", { class: "kit-tool__bar", id: "kt-add-trainee", onsubmit: addTrainee },
        field(newTrainee, T.trainee), button("kt-trainee-add", T.trainee_new, "submit"))),
    h("div", { class: "kit-tool__bar kit-tool__actions" }, deleteButton, exportButton,
      h("span", { class: "kit-tool__import" }, h("label", { for: "kt-import", class: "md-button", text: T.import }), importInput),
      printButton),
    hint, rating, results);

  // --- actions
  function addTrainee(event) {
    event.preventDefault();
    const name = cleanName(newTrainee.value).slice(0, MAX_NAME);
    if (!name) return complain(t("error_trainee")), newTrainee.focus();
    if (!records.has(name)) {
      const rec = { format: FORMAT, schema: SCHEMA, trainee: name, checkpoints: [{ id: newId(), name: S.checkpoints.start, date: today() }], ratings: {} };
      records.set(name, rec);
      save(rec);
    }
    newTrainee.value = "";
    choose(name);
  }

  function choose(name, checkpoint) {
    ui.trainee = name;
    ui.checkpoint = checkpoint || current()?.checkpoints.at(-1)?.id || "";
    saveUi();
    render();
  }

  function deleteTrainee() {
    const rec = current();
    if (!rec || !window.confirm(t("trainee_delete_confirm", { name: rec.trainee }))) return;
    if (!storage((ls) => ls.removeItem(KEY + rec.trainee))) return;
    records.delete(rec.trainee);
    choose(records.keys().next().value || "");
  }

  function addCheckpoint(event) {
    event.preventDefault();
    const rec = current();
    if (!rec) return;
    const name = cleanName(cpName.value).slice(0, 200) || S.checkpoints[rec.checkpoints.length ? "period" : "start"];
    const cp = { id: newId(), name, date: isDate(cpDate.value) ? cpDate.value : "" };
    rec.checkpoints = sortCheckpoints([...rec.checkpoints, cp]);
    cpName.value = "";
    save(rec);
    choose(rec.trainee, cp.id);
  }

  function onRate({ target: el }) {
    const rec = current(), id = el.dataset.skill;
    if (!rec || !SKILLS.has(id) || !ui.checkpoint) return;
    const entry = (((rec.ratings[ui.checkpoint] ||= {})[ui.rater] ||= {})[id] ||= {
      indicators: Array(SKILLS.get(id).indicators.length).fill(null), evidence: "" });
    if (el.type === "radio") entry.indicators[Number(el.dataset.index)] = Number(el.value);
    else entry.evidence = el.value.slice(0, MAX_TEXT);
    save(rec);
    showLevel(id);
    renderResults();
  }

  function exportRecord() {
    const rec = current();
    if (!rec) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(rec, null, 2)], { type: "application/json" }));
    const safe = rec.trainee.replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60);
    const a = h("a", { href: url, download: `janus-kit-${safe || "record"}.json`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  const ERRORS = { size: "error_size", syntax: "error_syntax", foreign: "error_foreign", version: "error_version", content: "error_json" };

  /** Check every file fully first; then add each good one to its trainee's record. */
  async function importFiles() {
    const files = [...importInput.files], errors = [], merged = new Map();
    importInput.value = "";
    let count = 0;
    for (const file of files) {
      let got = { ok: false, error: "size" };
      if (file.size <= MAX_BYTES) got = await file.text().then((text) => parseRecord(text, file.size), () => ({ ok: false, error: "syntax" }));
      if (!got.ok) {
        const error = t(ERRORS[got.error], { version: got.version, detail: got.where });
        errors.push(t("error_in_file", { file: file.name, error }));
        continue;
      }
      const name = got.record.trainee;
      const target = merged.get(name) || clone(records.get(name) || { ...got.record, checkpoints: [], ratings: {} });
      count += mergeRecord(target, got.record);
      merged.set(name, target);
    }
    let stored = 0;
    for (const [name, rec] of merged) {
      if (!storage((ls) => ls.setItem(KEY + name, JSON.stringify(rec)))) break;
      records.set(name, rec);
      stored++;
    }
    if (stored) choose([...merged.keys()][stored - 1], ui.checkpoint);
    if (stored < merged.size) return;
    if (errors.length) complain(...errors);
    else alert.replaceChildren();
    if (stored) say(t("import_done", { count }));
  }

  function pick(key, select) {
    ui[key] = select.value;
    saveUi();
    render();
  }
  const on = (el, type, fn) => el.addEventListener(type, fn);
  on(deleteButton, "click", deleteTrainee);
  on(exportButton, "click", exportRecord);
  on(printButton, "click", () => window.print());
  on(importInput, "change", importFiles);
  on(form, "change", onRate);
  on(form, "input", (e) => e.target.tagName === "TEXTAREA" && onRate(e));
  on(form, "submit", (e) => e.preventDefault());

  // --- rendering
  function showLevel(id) {
    const rec = current(), e = rec && entryOf(rec, ui.checkpoint, ui.rater, id);
    const lv = e?.indicators.some((v) => v !== null) ? skillLevel(e.indicators) : null;
    levelOut.get(id).textContent = `${T.level}: ${lv === null ? T.nothing_rated : `${lv} ${S.scale[lv].label}`}`;
  }

  function render() {
    const rec = current();
    traineeSelect.replaceChildren(...[...records.keys()].sort((a, b) => a.localeCompare(b)).map((name) => h("option", { value: name, text: name })));
    traineeSelect.value = ui.trainee;
    for (const el of [traineeSelect, deleteButton, exportButton, printButton]) el.disabled = !rec;
    hint.hidden = Boolean(rec);
    rating.hidden = results.hidden = !rec;
    if (!rec) return;
    if (!rec.checkpoints.some((c) => c.id === ui.checkpoint)) ui.checkpoint = rec.checkpoints.at(-1)?.id || "";
    raterSelect.value = ui.rater;
    cpSelect.replaceChildren(...rec.checkpoints.map((cp) => h("option", { value: cp.id, text: cpLabel(cp) })));
    cpSelect.value = ui.checkpoint;
    form.hidden = !ui.checkpoint;
    for (const radio of form.querySelectorAll("input[type=radio]")) {
      const e = entryOf(rec, ui.checkpoint, ui.rater, radio.dataset.skill);
      radio.checked = e?.indicators[radio.dataset.index] === Number(radio.value);
    }
    for (const [id, el] of evidenceIn) {
      el.value = entryOf(rec, ui.checkpoint, ui.rater, id)?.evidence || "";
      showLevel(id);
    }
    renderResults();
  }

  /** A level, or "—" (read as "not rated yet") when there is none. */
  const cell = (lv) => (lv === undefined
    ? h("td", { class: "kit-tool__none" }, h("span", { "aria-hidden": "true", text: "—" }), h("span", { class: "kit-tool__sr", text: T.nothing_rated }))
    : h("td", { title: S.scale[lv]?.label, text: lv }));
  const agreedAt = (rec, cp, id) => {
    const levels = levelsAt(rec, cp, id);
    return Object.keys(levels).length ? agreed(levels) : undefined;
  };

  function renderResults() {
    const rec = current();
    if (!rec) return;
    const cps = rec.checkpoints, at = cps.findIndex((c) => c.id === ui.checkpoint);
    const flagged = h("ul", { class: "kit-tool__flags" });
    for (const skill of at < 0 ? [] : SKILLS.values()) {
      const before = at > 0 ? levelsAt(rec, cps[at - 1].id, skill.id) : null;
      const flags = evaluateFlags(levelsAt(rec, cps[at].id, skill.id), before);
      if (!flags.length) continue;
      const name = `kt-flag-${skill.id}`;
      flagged.append(h("li", { class: "kit-tool__flag", "data-skill": skill.id }, h("strong", { id: name, text: skill.name }),
        h("ul", {}, flags.map((f) => h("li", { "data-flag": f.id },
          h("span", { class: "kit-tool__flagname", text: S.flags[f.id]?.name ?? f.id }), " ",
          h("span", { class: "kit-tool__rule", text: S.flags[f.id]?.rule ?? "" })))),
        h("a", { href: new URL(skill.module, location.href).href, id: `${name}-a`, "aria-labelledby": `${name}-a ${name}`, text: T.open_module })));
    }
    const th = (text, scope = "col") => h("th", { scope, text });
    results.replaceChildren(...[
      h("h2", { id: "kt-results", text: T.results }),
      h("dl", { class: "kit-tool__who" }, h("dt", { text: T.trainee_select }), h("dd", { text: rec.trainee }),
        at >= 0 && [h("dt", { text: T.checkpoint }), h("dd", { text: cpLabel(cps[at]) })]),
      h("p", { text: T.results_intro }),
      h("h3", { text: T.flags }),
      flagged.children.length ? flagged : h("p", { text: T.no_flags }),
      h("p", { class: "kit-tool__note", text: S.flags.note }),
      // The three raters side by side, per skill and checkpoint.
      GRIDS.map((grid) => [h("h3", { text: grid.title }), h("div", { class: "kit-tool__cards" }, grid.skills.map((skill) =>
        h("div", { class: "kit-tool__scroll" }, h("table", { class: "kit-tool__table", "data-skill": skill.id },
          h("caption", { text: skill.name }),
          h("thead", {}, h("tr", {}, th(T.checkpoint), FW.raters.map((r) => th(S.raters[r])), th(T.agreed))),
          h("tbody", {}, cps.map((cp) => {
            const levels = levelsAt(rec, cp.id, skill.id);
            return h("tr", { class: cp.id === ui.checkpoint ? "kit-tool__now" : null }, th(cpLabel(cp), "row"),
              FW.raters.map((r) => cell(levels[r])), cell(agreedAt(rec, cp.id, skill.id)));
          }))))))]),
      // Progress of the agreed level: a chart, and the same values as a table.
      h("h3", { text: T.chart_title }), chart(rec),
      h("div", { class: "kit-tool__scroll" }, h("table", { class: "kit-tool__table kit-tool__progress" },
        h("caption", { text: T.table_alt }),
        h("thead", {}, h("tr", {}, th(T.skill), cps.map((cp) => th(cpLabel(cp))))),
        h("tbody", {}, [...SKILLS.values()].map((skill) =>
          h("tr", {}, th(skill.name, "row"), cps.map((cp) => cell(agreedAt(rec, cp.id, skill.id))))))))].flat(2));
  }

  /** One bar per checkpoint under each skill; x in % so that text keeps its size. */
  function chart(rec) {
    const cps = rec.checkpoints, line = 18, bar = 13, axis = cps.length * line + 8;
    const x = (v) => (v / TOP) * 86;
    const color = (i) => `hsl(231, 45%, ${cps.length > 1 ? 80 - (i * 52) / (cps.length - 1) : 45}%)`;
    const body = [];
    let y = axis + 24;
    for (const skill of SKILLS.values()) {
      body.push(svg("text", { x: 0, y: y + 12, class: "kit-tool__chart-skill" }, skill.name));
      y += line + 2;
      cps.forEach((cp, i) => {
        const lv = agreedAt(rec, cp.id, skill.id);
        body.push(svg("rect", { x: 0, y, width: `${x(lv || 0)}%`, height: bar - 3, fill: color(i), stroke: "currentColor", "stroke-width": 0.5 }),
          svg("text", { x: `${x(lv || 0) + 1}%`, y: y + bar - 4 }, lv === undefined ? "—" : String(lv)));
        y += bar;
      });
      y += 10;
    }
    const el = svg("svg", { role: "img", "aria-labelledby": "kt-chart-title kt-chart-desc", class: "kit-tool__chart", width: "100%", height: y });
    el.append(svg("title", { id: "kt-chart-title" }, T.chart_title), svg("desc", { id: "kt-chart-desc" }, T.chart_desc));
    cps.forEach((cp, i) => el.append(
      svg("rect", { x: 0, y: i * line + 3, width: 12, height: 12, fill: color(i), stroke: "currentColor", "stroke-width": 0.5 }),
      svg("text", { x: 18, y: i * line + 14 }, cpLabel(cp))));
    for (const v of FW.scale) {
      el.append(svg("text", { x: `${x(v)}%`, y: axis + 12, "text-anchor": v ? "middle" : "start" }, String(v)),
        svg("line", { x1: `${x(v)}%`, x2: `${x(v)}%`, y1: axis + 16, y2: y, class: "kit-tool__chart-grid" }));
    }
    el.append(...body);
    return el;
  }

  load();
  render();
})();
