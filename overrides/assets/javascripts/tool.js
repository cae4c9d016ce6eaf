/* JANUS+ Soft Skills Kit: the online monitoring tool.
 * Plain ES2020, no dependencies, no network, no build step. The form is built
 * from the page's kit-tool-data JSON; one record per trainee is kept in
 * localStorage. Data never reaches the page as HTML: DOM nodes and textContent only.
 * Every visible text comes from the page's strings (tool, scale, raters, ...). */
(() => {
  "use strict";

  const FORMAT = "janus-kit-record";
  const SCHEMA = 1;
  const MAX_BYTES = 1024 * 1024;
  const MAX_TEXT = 20000;
  const MAX_NAME = 100;
  const KEY = "janus-kit:record:";
  const UI_KEY = "janus-kit:ui";
  const FORBIDDEN = ["__proto__", "constructor", "prototype"];
  const CP_ID = /^[A-Za-z0-9_-]{1,64}$/;
  const CONTROL = /[\u0000-\u001f\u007f]/;

  const dataEl = document.getElementById("kit-tool-data");
  const DATA = dataEl ? JSON.parse(dataEl.textContent) : {};
  const FW = DATA.framework || { scale: [0, 1, 2, 3, 4], not_observed: 0, raters: ["trainee", "tutor", "trainer"], flags: [] };
  const NOT_OBSERVED = FW.not_observed;
  const RATED = FW.scale.filter((v) => v !== NOT_OBSERVED);
  const TOP = Math.max(...RATED);
  const GRIDS = DATA.grids || [];
  const SKILLS = new Map();
  for (const grid of GRIDS) for (const skill of grid.skills) SKILLS.set(skill.id, skill);

  // ---------------------------------------------------------------- pure functions
  const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const isRated = (v) => RATED.includes(v);
  const clone = (v) => JSON.parse(JSON.stringify(v));

  /** Median of whole levels; an even count takes the mean of the middle two, rounded down. */
  function median(values) {
    const v = values.slice().sort((a, b) => a - b);
    const n = v.length;
    if (!n) return NOT_OBSERVED;
    return n % 2 ? v[(n - 1) / 2] : Math.floor((v[n / 2 - 1] + v[n / 2]) / 2);
  }

  /** A rater's level for one skill: median of the indicators rated 1-4 (0 and unrated left out). */
  const skillLevel = (indicators) => median((indicators || []).filter(isRated));

  /** The agreed level: median of the raters' levels, not-observed raters left out. */
  const agreed = (levels) => median((Array.isArray(levels) ? levels : Object.values(levels || {})).filter(isRated));

  function ruleFires(rule, current, previous) {
    const seen = {};
    for (const [rater, level] of Object.entries(current || {})) if (isRated(level)) seen[rater] = level;
    const trainee = seen.trainee;
    const others = Object.keys(seen).filter((r) => r !== "trainee").map((r) => seen[r]);
    const all = Object.values(seen);
    const now = agreed(current);
    switch (rule.when) {
      case "trainee_above_all_others":
        return trainee !== undefined && others.length > 0 && others.every((o) => trainee - o >= rule.margin);
      case "trainee_below_any_other":
        return trainee !== undefined && others.some((o) => o - trainee >= rule.margin);
      case "any_two_raters_apart":
        return all.length > 1 && Math.max(...all) - Math.min(...all) >= rule.margin;
      case "agreed_at_most":
        return now !== NOT_OBSERVED && now <= rule.level;
      case "no_progress_below": {
        const before = agreed(previous);
        return now !== NOT_OBSERVED && before !== NOT_OBSERVED && now < rule.level && now <= before;
      }
      default:
        return false;
    }
  }

  /** Flags of one skill at one checkpoint: {rater: level} now and at the previous checkpoint.
   * Generic over the `flags` rules of the framework; one entry per flag id. */
  function evaluateFlags(current, previous, rules = FW.flags) {
    const out = [];
    for (const rule of rules) {
      if (!out.some((f) => f.id === rule.id) && ruleFires(rule, current, previous)) out.push({ id: rule.id, when: rule.when });
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
    for (const k of keys) need(!FORBIDDEN.includes(k) && (!allowed || allowed.includes(k)), ...where, k);
    return keys;
  }
  const cleanName = (v) => (typeof v === "string" && !CONTROL.test(v) ? v.trim().replace(/\s+/g, " ") : "");
  const isDate = (s) => s === "" || (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s));

  /** Check an export completely; return {ok, record} with a clean copy, or {ok:false, error, where|version}. */
  function validateRecord(data) {
    if (!isObj(data) || data.format !== FORMAT) return { ok: false, error: "foreign" };
    if (data.schema !== SCHEMA) return { ok: false, error: "version", version: String(data.schema).slice(0, 20) };
    try {
      keysOf(data, ["format", "schema", "trainee", "checkpoints", "ratings"], []);
      const trainee = cleanName(data.trainee);
      need(trainee && trainee.length <= MAX_NAME, "trainee");
      need(Array.isArray(data.checkpoints) && data.checkpoints.length <= 500, "checkpoints");
      const checkpoints = data.checkpoints.map((cp, i) => {
        keysOf(cp, ["id", "name", "date"], ["checkpoints", i]);
        need(typeof cp.id === "string" && CP_ID.test(cp.id) && !FORBIDDEN.includes(cp.id), "checkpoints", i, "id");
        need(typeof cp.name === "string" && cp.name.length <= 200 && !CONTROL.test(cp.name), "checkpoints", i, "name");
        need(typeof cp.date === "string" && isDate(cp.date), "checkpoints", i, "date");
        return { id: cp.id, name: cp.name.trim(), date: cp.date };
      });
      const ids = checkpoints.map((cp) => cp.id);
      need(new Set(ids).size === ids.length, "checkpoints");
      const ratings = {};
      for (const cpId of keysOf(data.ratings, ids, ["ratings"])) {
        ratings[cpId] = {};
        for (const rater of keysOf(data.ratings[cpId], FW.raters, ["ratings", cpId])) {
          ratings[cpId][rater] = {};
          const bySkill = data.ratings[cpId][rater];
          for (const skillId of keysOf(bySkill, [...SKILLS.keys()], ["ratings", cpId, rater])) {
            const where = ["ratings", cpId, rater, skillId];
            const entry = bySkill[skillId];
            keysOf(entry, ["indicators", "evidence"], where);
            const count = SKILLS.get(skillId).indicators.length;
            const list = entry.indicators;
            need(Array.isArray(list) && list.length <= count, ...where, "indicators");
            list.forEach((v, i) => need(v === null || (Number.isInteger(v) && FW.scale.includes(v)), ...where, "indicators", i));
            const evidence = entry.evidence === undefined ? "" : entry.evidence;
            need(typeof evidence === "string" && evidence.length <= MAX_TEXT, ...where, "evidence");
            ratings[cpId][rater][skillId] = {
              indicators: Array.from({ length: count }, (_, i) => (list[i] === undefined ? null : list[i])),
              evidence,
            };
          }
        }
      }
      return { ok: true, record: { format: FORMAT, schema: SCHEMA, trainee, checkpoints: sortCheckpoints(checkpoints), ratings } };
    } catch (e) {
      const where = e instanceof Bad ? e.where : [];
      return { ok: false, error: "content", where: where.map((w) => String(w).slice(0, 40)).join(" › ") };
    }
  }

  /** Parse and validate the text of a file: {ok:false, error:"size"|"syntax"|...} or {ok:true, record}. */
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

  /** Dated checkpoints in date order, undated ones after them; otherwise the order is kept. */
  function sortCheckpoints(list) {
    return list.map((cp, i) => [cp, i])
      .sort(([a, i], [b, j]) => (a.date && b.date ? a.date.localeCompare(b.date) : a.date ? -1 : b.date ? 1 : 0) || i - j)
      .map(([cp]) => cp);
  }

  const hasContent = (e) => e.indicators.some((v) => v !== null) || e.evidence.trim() !== "";

  /** Add what `incoming` holds to `target` (changed in place); nothing is ever deleted.
   * Checkpoints match by id, else by name and date; ratings by checkpoint, rater and skill.
   * Indicators already rated in `target` are kept; new evidence text is appended. */
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
    for (const [cpId, byRater] of Object.entries(incoming.ratings)) {
      for (const [rater, bySkill] of Object.entries(byRater)) {
        for (const [skillId, entry] of Object.entries(bySkill)) {
          const to = ((target.ratings[idOf[cpId]] ||= {})[rater] ||= {});
          const cur = to[skillId];
          if (!cur || !hasContent(cur)) {
            if (hasContent(entry)) { to[skillId] = clone(entry); count++; }
            continue;
          }
          let changed = false;
          entry.indicators.forEach((v, i) => { if (v !== null && cur.indicators[i] == null) { cur.indicators[i] = v; changed = true; } });
          const ev = entry.evidence.trim();
          if (ev && !cur.evidence.includes(ev)) {
            cur.evidence = (cur.evidence.trim() ? `${cur.evidence.trim()}\n\n${ev}` : ev).slice(0, MAX_TEXT);
            changed = true;
          }
          if (changed) count++;
        }
      }
    }
    return count;
  }

  const newId = () => `cp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  const entryOf = (rec, cpId, rater, skillId) => rec.ratings[cpId]?.[rater]?.[skillId];

  /** {rater: level} of one skill at one checkpoint (raters with no entry left out). */
  function levelsAt(rec, cpId, skillId) {
    const out = {};
    for (const rater of FW.raters) {
      const e = entryOf(rec, cpId, rater, skillId);
      if (e && e.indicators.some((v) => v !== null)) out[rater] = skillLevel(e.indicators);
    }
    return out;
  }

  window.KitTool = { skillLevel, agreed, median, evaluateFlags, validateRecord, parseRecord, mergeRecord, levelsAt, sortCheckpoints };

  const root = document.getElementById("kit-tool");
  if (!root || !DATA.strings) return;

  // ---------------------------------------------------------------- strings and DOM helpers
  const S = DATA.strings;
  const T = S.tool;
  const fmt = (text, values = {}) => String(text).replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  const t = (key, values) => fmt(T[key] ?? key, values);

  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") el.textContent = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids.flat()) if (kid !== null && kid !== undefined && kid !== false) el.append(kid);
    return el;
  }
  const NS = "http://www.w3.org/2000/svg";
  function s(tag, attrs, text) {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    return el;
  }
  const field = (id, label, control) => h("div", { class: "kit-tool__field" }, h("label", { for: id, text: label }), control);

  function formatDate(iso) {
    if (!iso) return "";
    const [year, month, day] = iso.split("-").map(Number);
    return fmt(S.language.date_format, { day, month, month_name: S.language.months[month - 1], year });
  }
  const cpLabel = (cp) => [cp.name, formatDate(cp.date)].filter(Boolean).join(" — ");
  const today = () => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  };

  // ---------------------------------------------------------------- messages and storage
  const status = h("p", { class: "kit-tool__status", role: "status", "aria-live": "polite" });
  const alert = h("div", { class: "kit-tool__alert", role: "alert", "aria-live": "assertive" });
  const say = (text) => { status.textContent = text; };
  const complain = (...texts) => alert.replaceChildren(...texts.map((text) => h("p", { text })));

  let storageBroken = false;
  function storage(op) {
    try {
      const value = op(window.localStorage);
      return value === undefined ? true : value;
    } catch {
      storageBroken = true;
      complain(t("error_storage"));
      return null;
    }
  }
  const records = new Map();
  const ui = { trainee: "", rater: FW.raters[0], checkpoint: "" };

  function load() {
    storage((ls) => {
      const saved = JSON.parse(ls.getItem(UI_KEY) || "{}");
      if (isObj(saved)) for (const k of Object.keys(ui)) if (typeof saved[k] === "string") ui[k] = saved[k];
      for (let i = 0; i < ls.length; i++) {
        const key = ls.key(i);
        if (!key || !key.startsWith(KEY)) continue;
        const got = parseRecord(ls.getItem(key) || "");
        if (got.ok && KEY + got.record.trainee === key) records.set(got.record.trainee, got.record);
      }
    });
    if (!FW.raters.includes(ui.rater)) ui.rater = FW.raters[0];
    if (!records.has(ui.trainee)) ui.trainee = records.keys().next().value || "";
  }
  const saveUi = () => storage((ls) => ls.setItem(UI_KEY, JSON.stringify(ui)));
  function save(rec) {
    const ok = storage((ls) => ls.setItem(KEY + rec.trainee, JSON.stringify(rec)));
    if (ok) {
      if (storageBroken) alert.replaceChildren();
      storageBroken = false;
      say(t("saved"));
    }
    return ok;
  }
  const current = () => records.get(ui.trainee);

  // ---------------------------------------------------------------- the controls
  const traineeSelect = h("select", { id: "kt-trainee" });
  const newTrainee = h("input", { id: "kt-new-trainee", type: "text", maxlength: MAX_NAME, autocomplete: "off" });
  const deleteButton = h("button", { type: "button", class: "md-button", id: "kt-delete", text: T.trainee_delete });
  const exportButton = h("button", { type: "button", class: "md-button", id: "kt-export", text: T.export });
  const importInput = h("input", { type: "file", id: "kt-import", class: "kit-tool__file", accept: ".json,application/json", multiple: true });
  const printButton = h("button", { type: "button", class: "md-button", id: "kt-print", text: T.print });
  const raterSelect = h("select", { id: "kt-rater" }, FW.raters.map((r) => h("option", { value: r, text: S.raters[r] })));
  const cpSelect = h("select", { id: "kt-checkpoint" });
  const cpName = h("input", { id: "kt-cp-name", type: "text", maxlength: 200, list: "kt-cp-names", autocomplete: "off" });
  const cpDate = h("input", { id: "kt-cp-date", type: "date", value: today() });
  const hint = h("p", { class: "kit-tool__hint", text: T.error_trainee });
  const rating = h("div", { class: "kit-tool__rating" });
  const results = h("section", { class: "kit-tool__results", "aria-labelledby": "kt-results" });

  const form = h("form", { class: "kit-tool__form", id: "kt-form", novalidate: true });
  const skillParts = new Map();
  for (const grid of GRIDS) {
    const section = h("section", { class: "kit-tool__grid" }, h("h2", { text: grid.title }));
    for (const skill of grid.skills) {
      const level = h("p", { class: "kit-tool__level" });
      const evidence = h("textarea", { id: `kt-ev-${skill.id}`, rows: 3, maxlength: 4000, "data-skill": skill.id });
      section.append(h("div", { class: "kit-tool__skill", id: `kt-skill-${skill.id}` },
        h("h3", { text: skill.name }),
        skill.indicators.map((text, i) => h("fieldset", { class: "kit-tool__indicator" },
          h("legend", { text }),
          h("div", { class: "kit-tool__options" }, FW.scale.map((v) => h("label", { class: "kit-tool__option" },
            h("input", { type: "radio", name: `kt-${skill.id}-${i}`, value: v, "data-skill": skill.id, "data-index": i }),
            h("span", { class: "kit-tool__num", text: v }), " ", h("span", { text: S.scale[v].label })))))),
        field(evidence.id, T.evidence, evidence), level));
      skillParts.set(skill.id, { level, evidence });
    }
    form.append(section);
  }

  rating.append(
    h("div", { class: "kit-tool__bar" },
      field("kt-rater", T.rater, raterSelect),
      field("kt-checkpoint", T.checkpoint, cpSelect)),
    h("form", { class: "kit-tool__bar kit-tool__add", id: "kt-add-checkpoint", onsubmit: addCheckpoint },
      field("kt-cp-name", T.checkpoint_name, cpName),
      field("kt-cp-date", T.checkpoint_date, cpDate),
      h("datalist", { id: "kt-cp-names" }, Object.values(S.checkpoints).map((name) => h("option", { value: name }))),
      h("button", { type: "submit", class: "md-button", text: T.checkpoint_add })),
    h("dl", { class: "kit-tool__scale" }, FW.scale.flatMap((v) => [
      h("dt", {}, h("span", { class: "kit-tool__num", text: v }), " ", S.scale[v].label),
      h("dd", { text: S.scale[v].meaning })])),
    form);

  root.replaceChildren(
    h("p", { class: "kit-tool__privacy", text: T.privacy }),
    h("div", { class: "kit-tool__messages" }, alert, status),
    h("div", { class: "kit-tool__bar" },
      field("kt-trainee", T.trainee_select, traineeSelect),
      h("form", { class: "kit-tool__add", id: "kt-add-trainee", onsubmit: addTrainee },
        field("kt-new-trainee", T.trainee, newTrainee),
        h("button", { type: "submit", class: "md-button", text: T.trainee_new }))),
    h("div", { class: "kit-tool__bar kit-tool__actions" },
      deleteButton, exportButton,
      h("span", { class: "kit-tool__import" }, h("label", { for: "kt-import", class: "md-button", text: T.import }), importInput),
      printButton),
    hint, rating, results);

  // ---------------------------------------------------------------- actions
  function blankRecord(trainee) {
    return { format: FORMAT, schema: SCHEMA, trainee, checkpoints: [{ id: newId(), name: S.checkpoints.start, date: today() }], ratings: {} };
  }

  function addTrainee(event) {
    event.preventDefault();
    const name = cleanName(newTrainee.value).slice(0, MAX_NAME);
    if (!name) {
      complain(t("error_trainee"));
      newTrainee.focus();
      return;
    }
    if (!records.has(name)) {
      const rec = blankRecord(name);
      records.set(name, rec);
      save(rec);
    }
    ui.trainee = name;
    ui.checkpoint = records.get(name).checkpoints.at(-1).id;
    newTrainee.value = "";
    saveUi();
    render();
  }

  function deleteTrainee() {
    const rec = current();
    if (!rec || !window.confirm(t("trainee_delete_confirm", { name: rec.trainee }))) return;
    if (!storage((ls) => ls.removeItem(KEY + rec.trainee))) return;
    records.delete(rec.trainee);
    ui.trainee = records.keys().next().value || "";
    saveUi();
    render();
  }

  function addCheckpoint(event) {
    event.preventDefault();
    const rec = current();
    if (!rec) return;
    const name = cleanName(cpName.value).slice(0, 200) || (rec.checkpoints.length ? S.checkpoints.period : S.checkpoints.start);
    const cp = { id: newId(), name, date: isDate(cpDate.value) ? cpDate.value : "" };
    rec.checkpoints = sortCheckpoints([...rec.checkpoints, cp]);
    ui.checkpoint = cp.id;
    cpName.value = "";
    save(rec);
    saveUi();
    render();
  }

  function onRate(event) {
    const el = event.target;
    const rec = current();
    const skillId = el.dataset.skill;
    if (!rec || !skillId || !SKILLS.has(skillId)) return;
    const count = SKILLS.get(skillId).indicators.length;
    const entry = (((rec.ratings[ui.checkpoint] ||= {})[ui.rater] ||= {})[skillId] ||= { indicators: Array(count).fill(null), evidence: "" });
    if (el.type === "radio") entry.indicators[Number(el.dataset.index)] = Number(el.value);
    else entry.evidence = el.value.slice(0, MAX_TEXT);
    save(rec);
    showLevel(skillId);
    renderResults();
  }

  function exportRecord() {
    const rec = current();
    if (!rec) return;
    const blob = new Blob([JSON.stringify(rec, null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const safe = rec.trainee.replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "record";
    const a = h("a", { href: url, download: `janus-kit-${safe}.json`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function fileError(name, got) {
    const messages = {
      size: () => t("error_size"),
      syntax: () => t("error_syntax"),
      foreign: () => t("error_foreign"),
      version: () => t("error_version", { version: got.version }),
      content: () => t("error_json", { detail: got.where }),
    };
    return t("error_in_file", { file: name, error: (messages[got.error] || messages.content)() });
  }

  async function importFiles() {
    const files = [...importInput.files];
    importInput.value = "";
    if (!files.length) return;
    const errors = [];
    const merged = new Map();
    let count = 0;
    for (const file of files) {
      let got = file.size > MAX_BYTES ? { ok: false, error: "size" } : null;
      if (!got) {
        try {
          got = parseRecord(await file.text(), file.size);
        } catch {
          got = { ok: false, error: "syntax" };
        }
      }
      if (!got.ok) {
        errors.push(fileError(file.name, got));
        continue;
      }
      const name = got.record.trainee;
      const target = merged.get(name) || (records.has(name) ? clone(records.get(name)) : { ...got.record, checkpoints: [], ratings: {} });
      count += mergeRecord(target, got.record);
      merged.set(name, target);
    }
    for (const [name, rec] of merged) {
      if (!storage((ls) => ls.setItem(KEY + name, JSON.stringify(rec)))) {
        errors.push(t("error_storage"));
        break;
      }
      records.set(name, rec);
      ui.trainee = name;
    }
    if (merged.size) {
      const rec = current();
      if (rec && !rec.checkpoints.some((c) => c.id === ui.checkpoint)) ui.checkpoint = rec.checkpoints.at(-1)?.id || "";
      saveUi();
      render();
    }
    if (errors.length) complain(...errors);
    else alert.replaceChildren();
    if (merged.size && !errors.includes(t("error_storage"))) say(t("import_done", { count }));
  }

  traineeSelect.addEventListener("change", () => {
    ui.trainee = traineeSelect.value;
    ui.checkpoint = current()?.checkpoints.at(-1)?.id || "";
    saveUi();
    render();
  });
  raterSelect.addEventListener("change", () => { ui.rater = raterSelect.value; saveUi(); render(); });
  cpSelect.addEventListener("change", () => { ui.checkpoint = cpSelect.value; saveUi(); render(); });
  deleteButton.addEventListener("click", deleteTrainee);
  exportButton.addEventListener("click", exportRecord);
  printButton.addEventListener("click", () => window.print());
  importInput.addEventListener("change", importFiles);
  form.addEventListener("change", onRate);
  form.addEventListener("input", (e) => { if (e.target.tagName === "TEXTAREA") onRate(e); });
  form.addEventListener("submit", (e) => e.preventDefault());

  // ---------------------------------------------------------------- rendering
  const levelText = (lv) => `${lv} ${S.scale[lv]?.label ?? ""}`.trim();

  function showLevel(skillId) {
    const rec = current();
    const e = rec && entryOf(rec, ui.checkpoint, ui.rater, skillId);
    const has = e && e.indicators.some((v) => v !== null);
    skillParts.get(skillId).level.textContent = `${T.level}: ${has ? levelText(skillLevel(e.indicators)) : T.nothing_rated}`;
  }

  function render() {
    const rec = current();
    traineeSelect.replaceChildren(...[...records.keys()].sort((a, b) => a.localeCompare(b))
      .map((name) => h("option", { value: name, text: name })));
    traineeSelect.value = ui.trainee;
    for (const el of [traineeSelect, deleteButton, exportButton, printButton]) el.disabled = !rec;
    hint.hidden = Boolean(rec);
    rating.hidden = !rec;
    results.hidden = !rec;
    if (!rec) return;
    if (!rec.checkpoints.some((c) => c.id === ui.checkpoint)) ui.checkpoint = rec.checkpoints.at(-1)?.id || "";
    raterSelect.value = ui.rater;
    cpSelect.replaceChildren(...rec.checkpoints.map((cp) => h("option", { value: cp.id, text: cpLabel(cp) })));
    cpSelect.value = ui.checkpoint;
    form.hidden = !ui.checkpoint;
    for (const skill of SKILLS.values()) {
      const e = entryOf(rec, ui.checkpoint, ui.rater, skill.id);
      skill.indicators.forEach((_, i) => {
        for (const radio of form.querySelectorAll(`input[name="kt-${skill.id}-${i}"]`)) radio.checked = e?.indicators[i] === Number(radio.value);
      });
      skillParts.get(skill.id).evidence.value = e?.evidence || "";
      showLevel(skill.id);
    }
    renderResults();
  }

  function cell(levels, rater) {
    if (!(rater in levels)) {
      return h("td", { class: "kit-tool__none" }, h("span", { "aria-hidden": "true", text: "—" }), h("span", { class: "kit-tool__sr", text: T.nothing_rated }));
    }
    return h("td", { title: S.scale[levels[rater]]?.label, text: levels[rater] });
  }

  function renderResults() {
    const rec = current();
    if (!rec) return;
    const cps = rec.checkpoints;
    const at = cps.findIndex((c) => c.id === ui.checkpoint);
    const parts = [
      h("h2", { id: "kt-results", text: T.results }),
      h("dl", { class: "kit-tool__who" },
        h("dt", { text: T.trainee_select }), h("dd", { text: rec.trainee }),
        at >= 0 && [h("dt", { text: T.checkpoint }), h("dd", { text: cpLabel(cps[at]) })]),
      h("p", { text: T.results_intro }),
    ];

    // Flags of the gap rules at the chosen checkpoint.
    const flagged = h("ul", { class: "kit-tool__flags" });
    if (at >= 0) {
      for (const skill of SKILLS.values()) {
        const flags = evaluateFlags(levelsAt(rec, cps[at].id, skill.id), at > 0 ? levelsAt(rec, cps[at - 1].id, skill.id) : null);
        if (!flags.length) continue;
        const nameId = `kt-flag-${skill.id}`;
        flagged.append(h("li", { class: "kit-tool__flag", "data-skill": skill.id },
          h("strong", { id: nameId, text: skill.name }),
          h("ul", {}, flags.map((f) => h("li", { "data-flag": f.id },
            h("span", { class: "kit-tool__flagname", text: S.flags[f.id]?.name ?? f.id }), " ",
            h("span", { class: "kit-tool__rule", text: S.flags[f.id]?.rule ?? "" })))),
          h("a", { href: skill.module, id: `${nameId}-link`, "aria-labelledby": `${nameId}-link ${nameId}`, text: T.open_module })));
      }
    }
    parts.push(h("h3", { text: T.flags }),
      flagged.children.length ? flagged : h("p", { class: "kit-tool__noflags", text: T.no_flags }),
      h("p", { class: "kit-tool__note", text: S.flags.note }));

    // The three raters side by side, per skill and checkpoint.
    for (const grid of GRIDS) {
      parts.push(h("h3", { text: grid.title }), h("div", { class: "kit-tool__cards" }, grid.skills.map((skill) =>
        h("div", { class: "kit-tool__scroll" }, h("table", { class: "kit-tool__table", "data-skill": skill.id },
          h("caption", { text: skill.name }),
          h("thead", {}, h("tr", {}, h("th", { scope: "col", text: T.checkpoint }),
            FW.raters.map((r) => h("th", { scope: "col", text: S.raters[r] })), h("th", { scope: "col", text: T.agreed }))),
          h("tbody", {}, cps.map((cp) => {
            const levels = levelsAt(rec, cp.id, skill.id);
            const all = Object.keys(levels).length ? { agreed: agreed(levels) } : {};
            return h("tr", { class: cp.id === ui.checkpoint ? "kit-tool__now" : null },
              h("th", { scope: "row", text: cpLabel(cp) }), FW.raters.map((r) => cell(levels, r)), cell(all, "agreed"));
          })))))));
    }

    // Progress of the agreed level: a chart and the same values as a table.
    parts.push(h("h3", { text: T.chart_title }), chart(rec),
      h("div", { class: "kit-tool__scroll" }, h("table", { class: "kit-tool__table kit-tool__progress" },
        h("caption", { text: T.table_alt }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: T.skill }), cps.map((cp) => h("th", { scope: "col", text: cpLabel(cp) })))),
        h("tbody", {}, [...SKILLS.values()].map((skill) => h("tr", {}, h("th", { scope: "row", text: skill.name }),
          cps.map((cp) => {
            const levels = levelsAt(rec, cp.id, skill.id);
            return cell(Object.keys(levels).length ? { agreed: agreed(levels) } : {}, "agreed");
          })))))));
    results.replaceChildren(...parts.flat());
  }

  function chart(rec) {
    const cps = rec.checkpoints;
    const line = 18;
    const bar = 13;
    const x = (v) => (v / TOP) * 86;
    const color = (i) => `hsl(231, 45%, ${cps.length > 1 ? 80 - (i * 52) / (cps.length - 1) : 45}%)`;
    const axisY = cps.length * line + 8;
    let y = axisY + 24;
    const body = [];
    for (const skill of SKILLS.values()) {
      body.push(s("text", { x: "0", y: y + 12, class: "kit-tool__chart-skill" }, skill.name));
      y += line + 2;
      cps.forEach((cp, i) => {
        const levels = levelsAt(rec, cp.id, skill.id);
        const has = Object.keys(levels).length > 0;
        const lv = has ? agreed(levels) : 0;
        body.push(s("rect", { x: "0", y, width: `${x(lv)}%`, height: bar - 3, fill: color(i), stroke: "currentColor", "stroke-width": "0.5" }),
          s("text", { x: `${x(lv) + 1}%`, y: y + bar - 4 }, has ? String(lv) : "—"));
        y += bar;
      });
      y += 10;
    }
    const svg = s("svg", { role: "img", "aria-labelledby": "kt-chart-title kt-chart-desc", class: "kit-tool__chart", width: "100%", height: y });
    svg.append(s("title", { id: "kt-chart-title" }, T.chart_title), s("desc", { id: "kt-chart-desc" }, T.chart_desc));
    cps.forEach((cp, i) => svg.append(
      s("rect", { x: "0", y: i * line + 3, width: 12, height: 12, fill: color(i), stroke: "currentColor", "stroke-width": "0.5" }),
      s("text", { x: "18", y: i * line + 14 }, cpLabel(cp))));
    for (const v of FW.scale) {
      svg.append(s("text", { x: `${x(v)}%`, y: axisY + 12, "text-anchor": v ? "middle" : "start", class: "kit-tool__chart-axis" }, String(v)),
        s("line", { x1: `${x(v)}%`, x2: `${x(v)}%`, y1: axisY + 16, y2: y, class: "kit-tool__chart-grid" }));
    }
    svg.append(...body);
    return svg;
  }

  load();
  render();
})();
