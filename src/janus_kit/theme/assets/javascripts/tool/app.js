/* The online monitoring tool: the page's controller. It reads the page's data (the skill
 * model, the grids, the strings of the reader's language), this device's records, and an
 * invitation in the link if there is one; then it draws the view asked for. Logic lives in
 * the other modules; this one wires them to the page. */

import { h, field, button, select, download } from "./dom.js";
import { makeFramework } from "./framework.js";
import { makeTexts } from "./i18n.js";
import { newId, copy } from "./util.js";
import { LIMITS, liveCheckpoints, checkpointOf, resolveCheckpoint, isLocked, entryOf, valuesOf, displayName } from "./record.js";
import { mergeRecords, resolveConflict } from "./merge.js";
import { readFile, readFragment, recordFromInvitation } from "./invite.js";
import { openStore } from "./store.js";
import { rateView } from "./view-rate.js";
import { reviewView } from "./view-review.js";
import { recordView } from "./view-record.js";
import { attestationView } from "./view-attestation.js";
import { shareView } from "./view-share.js";
import { overviewView } from "./view-overview.js";
import { checkpointsView } from "./view-checkpoints.js";

const VIEWS = ["overview", "checkpoints", "rate", "review", "share"];

export function errorText(tx, got) {
  switch (got.error) {
    case "size": return tx.t("error_size");
    case "syntax": return tx.t("error_syntax");
    case "version": return tx.t("error_version", { version: got.version });
    case "kit": return tx.t("error_kit");
    case "invitation": return tx.t("error_invitation");
    case "content": return tx.t("error_json", { detail: (got.where || []).join(" \u203a ") });
    default: return tx.t("error_foreign");
  }
}

/** The first of the reader's languages that the site has, else "". */
export function preferredLanguage(wanted, available) {
  for (const tag of wanted || []) {
    const code = String(tag).toLowerCase();
    if (available.includes(code)) return code;
    const base = code.split("-")[0];
    if (available.includes(base)) return base;
  }
  return "";
}

export function start(data, root) {
  const fw = makeFramework(data);
  const tx = makeTexts(data.strings, fw);
  const kinds = data.checkpoint_names || {};
  let storage = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  const store = openStore(fw, storage, { kinds }).load();
  const settings = store.settings;
  if (!settings.device) {
    settings.device = newId("d");
    store.saveSettings();
  }

  const alertBox = h("div", { class: "kit-tool__alert", role: "alert" });
  const status = h("p", { class: "kit-tool__status", role: "status" });
  const undoBox = h("div", { class: "kit-tool__undo" });
  const app = {
    fw, tx, data, store, settings,
    state: { trainee: "", checkpoint: "", view: "overview", skill: 0, choosing: false },
    report: null,
    conflicts: [],
    undo: null,
    dirty: false,
  };

  app.asset = (path) => new URL(`${data.assets || "../assets/"}javascripts/${path}`, location.href).href;
  app.say = (text) => {
    status.textContent = text;
  };
  app.complain = (...texts) => {
    alertBox.replaceChildren(...texts.map((text) => h("p", { text })));
    alertBox.scrollIntoView({ block: "nearest" });
  };
  app.clearAlert = () => alertBox.replaceChildren();
  app.exported = () => {
    app.dirty = false;
  };
  app.lastCentre = () => {
    const all = [...store.records.values()].filter((r) => r.trainee.centre);
    return all.length ? all.at(-1).trainee.centre : "";
  };
  app.pendingConflicts = (list) => {
    app.conflicts.push(...(list || []));
  };

  /** Save a record; on any refusal say why in plain words and show what is saved. */
  app.commit = (rec, { quiet = false } = {}) => {
    const got = store.save(rec);
    if (!got.ok) {
      if (got.error === "size") app.complain(tx.t("error_too_big", { size: tx.size(got.size), limit: tx.size(LIMITS.file) }));
      else if (got.error === "full") app.complain(tx.t("error_storage"));
      else app.complain(tx.t("error_not_saved"));
      app.render();
      return false;
    }
    app.dirty = true;
    if (alertBox.textContent) app.clearAlert();
    if (!quiet) app.say(store.persistent ? tx.t("saved") : tx.t("saved_memory"));
    return true;
  };

  /** A change that can be undone: the records named are kept as they were before. */
  app.change = (label, ids, fn) => {
    const before = ids.map((id) => [id, store.records.has(id) ? copy(store.records.get(id)) : null]);
    if (!fn()) return app.render();
    app.undo = { label, before };
    app.say(label);
    app.render();
  };
  const undo = () => {
    const u = app.undo;
    app.undo = null;
    for (const [id, rec] of u.before) {
      if (rec) store.save(rec);
      else store.remove(id);
    }
    app.conflicts = app.conflicts.filter((c) => !u.before.some(([id]) => id === c.trainee));
    app.report = null;
    app.say(tx.t("undone", { what: u.label }));
    app.render();
  };

  app.current = () => store.records.get(app.state.trainee) || null;
  app.go = (view) => {
    app.state.view = view;
    app.render({ focus: "kt-main", top: true });
  };
  app.open = (traineeId, cpId, view) => {
    const rec = store.records.get(traineeId);
    if (!rec) return;
    app.state.trainee = traineeId;
    const live = liveCheckpoints(rec);
    const cp = (cpId && resolveCheckpoint(rec, cpId)) || live.filter((c) => !isLocked(c)).at(-1) || live.at(-1);
    app.state.checkpoint = cp ? cp.id : "";
    app.state.view = view && VIEWS.includes(view) ? view : "rate";
    if (!cp && app.state.view !== "overview") app.state.view = "checkpoints";
    app.state.skill = firstUnratedSkill(rec, app.state.checkpoint);
    app.render({ focus: "kt-main", top: true });
  };
  app.chooseRater = () => {
    app.state.choosing = true;
    app.render({ focus: "kt-who-title" });
  };

  const firstUnratedSkill = (rec, cpId) => {
    if (!cpId || !settings.rater) return 0;
    const skills = fw.grids.flatMap((g) => g.skills);
    const at = skills.findIndex((s) => valuesOf(entryOf(rec, cpId, settings.rater, s.id)).filter((v) => v !== null).length < s.indicators.length);
    return at < 0 ? 0 : at;
  };
  const findLocal = (id) => store.records.get(id) || [...store.records.values()].find((r) => r.trainee.aliases.includes(id)) || null;

  // --- importing -------------------------------------------------------------------
  app.importPart = () => {
    const input = h("input", { type: "file", id: "kt-import", class: "kit-tool__file", accept: ".json,application/json", multiple: true });
    input.addEventListener("change", () => {
      const files = [...input.files];
      input.value = "";
      importFiles(files);
    });
    return h("section", { class: "kit-tool__part", "aria-labelledby": "kt-import-title" },
      h("h2", { id: "kt-import-title", text: tx.t("import_title") }),
      h("p", { text: tx.t("import_intro") }),
      h("span", { class: "kit-tool__import" }, h("label", { for: "kt-import", class: "md-button", text: tx.t("import") }), input));
  };

  async function importFiles(files) {
    const errors = [];
    const incoming = [];
    let invitation = null;
    let migrated = false;
    for (const file of files) {
      let got;
      if (file.size > LIMITS.backup) got = { ok: false, error: "size" };
      else got = await file.text().then((text) => readFile(fw, text, { kinds }), () => ({ ok: false, error: "syntax" }));
      if (!got.ok) {
        errors.push(tx.t("error_in_file", { file: file.name, error: errorText(tx, got) }));
        continue;
      }
      if (got.kind === "invitation") invitation = got.invitation;
      migrated = migrated || Boolean(got.migrated);
      for (const rec of got.records) incoming.push({ rec, file: file.name });
    }
    const work = new Map();
    const before = new Map();
    const reports = [];
    const conflicts = [];
    const joined = new Set();
    for (const { rec, file } of incoming) {
      const local = [...work.values()].find((r) => r.trainee.id === rec.trainee.id || r.trainee.aliases.includes(rec.trainee.id)) || findLocal(rec.trainee.id);
      const key = local ? local.trainee.id : rec.trainee.id;
      if (!before.has(key)) before.set(key, store.records.has(key) ? copy(store.records.get(key)) : null);
      let base = work.get(key) || local;
      // Records that the file's record has joined are joined here too.
      for (const alias of rec.trainee.aliases) {
        const other = store.records.get(alias);
        if (other && alias !== key && !joined.has(alias)) {
          if (!before.has(alias)) before.set(alias, copy(other));
          base = base ? mergeRecords(fw, base, { ...copy(other), trainee: { ...copy(base.trainee), aliases: [alias] } }).record : other;
          joined.add(alias);
        }
      }
      const { record, summary } = mergeRecords(fw, base || null, rec);
      work.set(key, record);
      reports.push({ key, file, summary });
      conflicts.push(...summary.conflicts);
    }
    const saved = new Set();
    for (const [key, rec] of work) {
      const got = store.save(rec);
      if (got.ok) saved.add(key);
      else errors.push(tx.t("error_import_save", { name: tx.trainee(rec), why: got.error === "size" ? tx.t("error_too_big", { size: tx.size(got.size), limit: tx.size(LIMITS.file) }) : tx.t("error_storage") }));
    }
    for (const alias of joined) if (!saved.has(alias)) store.remove(alias);
    if (errors.length) app.complain(...errors);
    else app.clearAlert();
    if (!saved.size) return app.render();
    app.undo = { label: tx.t("import_undo_label"), before: [...before].filter(([id]) => saved.has(id) || joined.has(id)) };
    app.conflicts = [...app.conflicts.filter((c) => !saved.has(c.trainee)), ...conflicts.filter((c) => saved.has(c.trainee))];
    app.report = { reports: reports.filter((r) => saved.has(r.key)), migrated, invitation: Boolean(invitation) };
    // Where to look now: an invitation opens its checkpoint; otherwise the screen stays on
    // the trainee it showed, on a new checkpoint of theirs if the files brought one.
    if (invitation) {
      const rec = findLocal(invitation.trainee.id);
      if (rec) return accepted(rec, invitation);
    }
    const mine = app.current();
    if (!mine) {
      const first = reports.find((r) => saved.has(r.key));
      if (first) app.open(first.key, "", "overview");
      app.say(tx.t("import_done"));
      return app.render();
    }
    const fresh = reports.filter((r) => r.key === mine.trainee.id).flatMap((r) => r.summary.newCheckpoints)
      .map((id) => checkpointOf(mine, id)).filter((cp) => cp && !isLocked(cp)).sort((a, b) => (a.date || "").localeCompare(b.date || ""));
    if (fresh.length) {
      app.state.checkpoint = fresh.at(-1).id;
      app.say(tx.t("now_showing", { checkpoint: tx.checkpoint(fresh.at(-1)) }));
    } else {
      if (!checkpointOf(mine, app.state.checkpoint)) app.state.checkpoint = liveCheckpoints(mine).at(-1)?.id || "";
      app.say(tx.t("import_done"));
    }
    app.render({ focus: "kt-report-title" });
  }

  function accepted(rec, inv) {
    const cp = resolveCheckpoint(rec, inv.checkpoint.id);
    app.open(rec.trainee.id, cp && cp.id, "rate");
    app.say(tx.t("invitation_opened", { name: tx.trainee(rec), checkpoint: tx.checkpoint(cp) }));
  }

  function acceptInvitation(inv) {
    const local = findLocal(inv.trainee.id);
    const { record } = mergeRecords(fw, local, recordFromInvitation(inv));
    if (!app.commit(record, { quiet: true })) return;
    const same = [...store.records.values()].filter((r) => r.trainee.id !== record.trainee.id && r.trainee.code === record.trainee.code);
    accepted(store.records.get(record.trainee.id), inv);
    if (!local && same.length) app.complain(tx.t("same_name", { other: same.map((r) => tx.trainee(r)).join("; ") }));
  }

  // --- drawing ---------------------------------------------------------------------
  function reportPart() {
    const r = app.report;
    if (!r) return null;
    const lines = r.reports.map(({ key, file, summary }) => {
      const rec = store.records.get(key);
      if (!rec) return null;
      const items = summary.lines.map((l) => {
        const cp = checkpointOf(rec, l.checkpoint);
        let text = tx.t("import_line", { rater: tx.rater(l.rater), checkpoint: tx.checkpoint(cp), added: l.added, changed: l.changed, conflicts: l.conflicts });
        if (l.notes) text += ` ${tx.t("import_notes", { count: l.notes })}`;
        return h("li", { text });
      });
      if (!items.length) items.push(h("li", { text: tx.t("import_nothing") }));
      for (const d of summary.deleted) items.push(h("li", { text: tx.t("deleted_by_file", { checkpoint: tx.checkpoint(d), count: d.ratings }) }));
      if (summary.skipped.locked) items.push(h("li", { text: tx.t("skipped_locked", { count: summary.skipped.locked }) }));
      if (summary.skipped.deleted) items.push(h("li", { text: tx.t("skipped_deleted", { count: summary.skipped.deleted }) }));
      const other = key !== app.state.trainee;
      const sameName = summary.isNew ? [...store.records.values()].filter((o) => o.trainee.id !== key && ((o.trainee.name && o.trainee.name === rec.trainee.name) || o.trainee.code === rec.trainee.code)) : [];
      return h("li", { "data-trainee": key },
        h("p", {}, h("strong", { text: tx.trainee(rec) }), " ", h("span", { text: `(${file})` }), summary.isNew ? ` ${tx.t("new_here")}` : ""),
        h("ul", {}, items),
        sameName.length ? h("p", { class: "kit-tool__warn", text: tx.t("same_name", { other: sameName.map((o) => tx.trainee(o)).join("; ") }) }) : null,
        other ? button(tx.t("open_trainee", { name: displayName(rec) }), () => {
          app.report = null;
          app.open(key, "", "review");
        }, { class: "md-button kit-tool__link" }) : null);
    });
    return h("section", { class: "kit-tool__report", "aria-labelledby": "kt-report-title" },
      h("h2", { id: "kt-report-title", tabindex: "-1", text: tx.t("import_report") }),
      r.migrated ? h("p", { text: tx.t("migrated") }) : null,
      h("ul", { class: "kit-tool__report-list" }, lines),
      h("div", { class: "kit-tool__bar" }, button(tx.t("close"), () => {
        app.report = null;
        app.render();
      })));
  }

  function conflictsPart() {
    const list = app.conflicts.filter((c) => store.records.has(c.trainee));
    app.conflicts = list;
    if (!list.length) return null;
    const settle = (items, choice) => {
      const touched = new Map();
      for (const c of items) {
        const rec = touched.get(c.trainee) || store.records.get(c.trainee);
        resolveConflict(rec, c, choice);
        touched.set(c.trainee, rec);
      }
      for (const rec of touched.values()) app.commit(rec, { quiet: true });
      app.conflicts = app.conflicts.filter((c) => !items.includes(c));
      app.say(tx.t("conflicts_settled", { count: items.length }));
      app.render({ focus: app.conflicts.length ? "kt-conflicts-title" : "kt-main" });
    };
    const value = (c, s) => (c.index < 0 ? `“${s.value.slice(0, 120)}”` : tx.level(s.value));
    return h("section", { class: "kit-tool__conflicts", "aria-labelledby": "kt-conflicts-title" },
      h("h2", { id: "kt-conflicts-title", tabindex: "-1", text: tx.t("conflicts_title", { count: list.length }) }),
      h("p", { text: tx.t("conflicts_intro") }),
      h("ol", {}, list.map((c) => {
        const rec = store.records.get(c.trainee);
        const skill = fw.skills.get(c.skill);
        const what = c.index < 0 ? tx.t("evidence") : skill.indicators[c.index];
        return h("li", { class: "kit-tool__conflict", "data-skill": c.skill, "data-index": c.index },
          h("p", { text: tx.t("conflict_line", { rater: tx.rater(c.rater), checkpoint: tx.checkpoint(checkpointOf(rec, c.checkpoint)), skill: skill.name }) }),
          h("p", { class: "kit-tool__conflict-what", text: what }),
          h("div", { class: "kit-tool__bar" },
            button(tx.t("keep_mine", { value: value(c, c.mine), when: tx.when(c.mine.at) }), () => settle([c], "mine"), { class: "md-button kit-tool__keep" }),
            button(tx.t("take_theirs", { value: value(c, c.theirs), when: tx.when(c.theirs.at) }), () => settle([c], "theirs"), { class: "md-button kit-tool__take" })));
      })),
      list.length > 1 ? h("div", { class: "kit-tool__bar" },
        button(tx.t("keep_all"), () => settle(list, "mine")), button(tx.t("take_all"), () => settle(list, "theirs"))) : null);
  }

  function whoPart() {
    const fixed = h("input", { type: "checkbox", id: "kt-fixed", checked: settings.fixed });
    return h("section", { class: "kit-tool__who", "aria-labelledby": "kt-who-title" },
      h("h2", { id: "kt-who-title", tabindex: "-1", text: tx.t("who_title") }),
      h("p", { text: tx.t("who_intro") }),
      h("div", { class: "kit-tool__who-buttons" }, fw.raters.map((r) => h("button", {
        type: "button",
        class: `md-button kit-tool__who-button${settings.rater === r ? " md-button--primary" : ""}`,
        "data-rater": r,
        onclick: () => {
          settings.rater = r;
          settings.fixed = fixed.checked;
          store.saveSettings();
          app.state.choosing = false;
          const rec = app.current();
          if (rec) app.state.skill = firstUnratedSkill(rec, app.state.checkpoint);
          app.say(tx.t("rater_set", { rater: tx.rater(r) }));
          app.render({ focus: "kt-main", top: true });
        },
        text: tx.rater(r),
      }))),
      h("p", { class: "kit-tool__check" }, fixed, h("label", { for: "kt-fixed", text: tx.t("who_fixed") })));
  }

  function navPart(rec) {
    const names = { overview: "nav_overview", checkpoints: "nav_checkpoints", rate: "nav_rate", review: "nav_review", share: "nav_share" };
    return h("nav", { class: "kit-tool__nav", "aria-label": tx.t("nav_label") }, VIEWS.map((v) => h("button", {
      type: "button",
      class: `md-button kit-tool__tab${app.state.view === v ? " md-button--primary" : ""}`,
      "aria-current": app.state.view === v ? "page" : null,
      disabled: v !== "overview" && !rec,
      "data-view": v,
      onclick: () => app.go(v),
      text: tx.t(names[v]),
    })));
  }

  function pickersPart(rec) {
    const trainees = [...store.records.values()].sort((a, b) => displayName(a).localeCompare(displayName(b)));
    const who = select(trainees.map((r) => [r.trainee.id, tx.trainee(r)]), rec.trainee.id, { id: "kt-trainee", onchange: (e) => app.open(e.target.value, "", app.state.view) });
    const cps = liveCheckpoints(rec);
    const which = select(cps.map((c) => [c.id, tx.checkpoint(c) + (isLocked(c) ? ` (${tx.t("locked")})` : "")]), app.state.checkpoint, {
      id: "kt-checkpoint",
      onchange: (e) => {
        app.state.checkpoint = e.target.value;
        app.state.skill = firstUnratedSkill(rec, e.target.value);
        app.render({ focus: "kt-checkpoint" });
      },
    });
    return h("div", { class: "kit-tool__bar kit-tool__pickers" }, field(who, tx.t("trainee_select")),
      cps.length && app.state.view !== "checkpoints" ? field(which, tx.t("checkpoint")) : null);
  }

  function mainPart(rec, cp) {
    const v = app.state.view;
    if (v === "overview" || !rec) return overviewView(app);
    if (v === "checkpoints" || !cp) return checkpointsView(app, rec);
    if (v === "rate") return settings.rater && !app.state.choosing ? rateView(app, rec, cp) : null;
    if (v === "review") return reviewView(app, rec, cp);
    return shareView(app, rec, cp);
  }

  app.render = ({ focus, top } = {}) => {
    let rec = app.current();
    if (!rec) app.state.trainee = "";
    if (rec && !checkpointOf(rec, app.state.checkpoint)) app.state.checkpoint = liveCheckpoints(rec).at(-1)?.id || "";
    const cp = rec ? checkpointOf(rec, app.state.checkpoint) : null;
    if (!rec && app.state.view !== "overview") app.state.view = "overview";
    rec = app.current();
    const needsRater = app.state.choosing || (!settings.rater && app.state.view === "rate");
    const main = h("div", { id: "kt-main", class: "kit-tool__main", tabindex: "-1" }, needsRater ? whoPart() : null, mainPart(rec, cp));
    undoBox.replaceChildren(...(app.undo ? [button(`${tx.t("undo")}: ${app.undo.label}`, undo, { id: "kt-undo", class: "md-button kit-tool__link" })] : []));
    root.replaceChildren(...[
      h("p", { class: "kit-tool__privacy", text: tx.t("privacy") }),
      store.persistent ? null : h("p", { class: "kit-tool__memory", text: tx.t("memory_only") }),
      store.broken.length ? h("div", { class: "kit-tool__memory" }, h("p", { text: tx.t("broken_records", { count: store.broken.length }) }),
        button(tx.t("broken_save"), () => download(`${fw.kit}-unreadable.json`, JSON.stringify(store.broken.map((b) => ({ key: b.key, text: b.text }))), "application/json"))) : null,
      alertBox, status, undoBox,
      navPart(rec),
      rec && app.state.view !== "overview" ? pickersPart(rec) : null,
      reportPart(), conflictsPart(),
      main,
      rec && cp ? (app.state.printing === "attestation" ? attestationView(app, rec, cp) : recordView(app, rec, cp)) : null].filter(Boolean));
    if (top) (document.getElementById("kt-main") || root).scrollIntoView({ block: "start" });
    if (focus) document.getElementById(focus)?.focus({ preventScroll: !top });
  };

  window.addEventListener("beforeunload", (e) => {
    if (!store.persistent && app.dirty) {
      e.preventDefault();
      e.returnValue = "";
    }
  });

  // --- start -----------------------------------------------------------------------
  const inv = readFragment(fw, location.hash);
  if (inv && inv.ok) {
    const urls = data.tool_urls || {};
    const want = settings.lang || preferredLanguage(navigator.languages || [navigator.language], Object.keys(urls));
    if (want && want !== data.lang && urls[want]) {
      location.replace(new URL(urls[want], location.href).href.split("#")[0] + location.hash);
      return app;
    }
  }
  settings.lang = data.lang;
  store.saveSettings();
  if (store.migrated) app.say(tx.t("migrated_storage", { count: store.migrated }));
  const all = [...store.records.values()];
  if (all.length === 1) app.open(all[0].trainee.id, "", "rate");
  if (inv && !inv.ok) app.complain(tx.t("error_invitation"));
  if (inv && inv.ok) {
    acceptInvitation(inv.invitation);
    history.replaceState(null, "", location.href.split("#")[0]);
  }
  app.render();
  return app;
}

const dataEl = document.getElementById("kit-tool-data");
const rootEl = document.getElementById("kit-tool");
if (dataEl && rootEl) window.KitTool = start(JSON.parse(dataEl.textContent), rootEl);
