/* The three-party review meeting: every rater's view side by side, the flags with the rule
 * and the numbers behind them, the notes, then what the three people agree. */

import { h, field, button, select } from "./dom.js";
import { reviewData } from "./review.js";
import { setAgreed, setNext, addAction, removeAction, setLocked, isLocked, LIMITS } from "./record.js";
import { isDate } from "./util.js";
import { skillChart } from "./chart.js";
import { icon } from "./pictures.js";
import { badgesPart } from "./badges.js";

/** A cell with a level in words; "Not observed" as words, nothing rated as a dash. */
export function levelCell(tx, fw, v, tag = "td") {
  if (v === undefined || v === null) {
    return h(tag, { class: "kit-tool__none" }, h("span", { "aria-hidden": "true", text: "—" }), h("span", { class: "kit-tool__sr", text: tx.t("nothing_rated") }));
  }
  if (v === fw.none) return h(tag, { class: "kit-tool__no" }, h("span", { class: "kit-tool__word", text: tx.scale(v) }));
  return h(tag, { "data-level": v }, h("span", { class: "kit-tool__num", text: String(v) }), " ", h("span", { class: "kit-tool__word", text: tx.scale(v) }));
}

/** What a flag says: its name, its rule, and the numbers that made it fire. */
export function flagFacts(tx, fw, flag) {
  const f = flag.facts;
  if (f.levels) {
    const levels = [...f.levels].map(([r, v]) => `${tx.rater(r)} ${v}`).join(", ");
    return tx.t("flag_levels", { levels });
  }
  if (f.previous !== undefined) return tx.t("flag_progress", { before: f.previous, now: f.agreed });
  return tx.t("flag_agreed", { level: f.agreed });
}

function skillCard(app, rec, data, s, locked) {
  const { fw, tx } = app;
  const cp = data.checkpoint;
  const th = (text, attrs = {}) => h("th", { scope: "col", ...attrs, text });
  const levels = h("table", { class: "kit-tool__table kit-tool__levels", "data-skill": s.skill.id },
    h("caption", { class: "kit-tool__sr", text: tx.t("levels_caption", { name: s.skill.name }) }),
    h("thead", {}, h("tr", {}, fw.raters.map((r) => th(tx.rater(r))), th(tx.t("suggested")), th(tx.t("previous_agreed")))),
    h("tbody", {}, h("tr", {}, fw.raters.map((r) => levelCell(tx, fw, s.levels.get(r))), levelCell(tx, fw, s.agreed.suggested),
      levelCell(tx, fw, s.previous ? s.previous.agreed.value : undefined))));
  const flags = s.flags.length
    ? h("ul", { class: "kit-tool__flags" }, s.flags.map((f) => h("li", { class: "kit-tool__flag", "data-flag": f.id },
      h("strong", { class: "kit-tool__flagname", text: tx.flagName(f.id) }), " ",
      h("span", { class: "kit-tool__rule", text: tx.flagRule(f.id) }), " ",
      h("span", { class: "kit-tool__facts", text: flagFacts(tx, fw, f) }))))
    : null;
  const indicators = h("details", { class: "kit-tool__detail" }, h("summary", { text: tx.t("indicators_detail") }),
    h("div", { class: "kit-tool__scroll" }, h("table", { class: "kit-tool__table kit-tool__indicators" },
      h("thead", {}, h("tr", {}, th(tx.t("indicator")), fw.raters.map((r) => th(tx.rater(r))))),
      h("tbody", {}, s.indicators.map((ind) => h("tr", {}, h("th", { scope: "row", text: ind.text }),
        fw.raters.map((r) => levelCell(tx, fw, ind.values.get(r)))))))));
  const notes = s.notes.length
    ? h("dl", { class: "kit-tool__notes" }, s.notes.map((n) => [h("dt", { text: `${tx.rater(n.rater)} (${tx.when(n.at)})` }), h("dd", { text: n.text })]))
    : h("p", { class: "kit-tool__hint", text: tx.t("no_notes") });
  const set = s.agreed.final ? s.agreed.value : "";
  const choose = select([["", tx.t("agreed_unset", { level: tx.level(s.agreed.suggested) })], ...fw.scale.map((v) => [String(v), tx.level(v)])], String(set), {
    id: `kt-agreed-${s.skill.id}`,
    disabled: locked,
    onchange: (e) => {
      setAgreed(rec, cp.id, s.skill.id, e.target.value === "" ? null : Number(e.target.value), app.settings.device);
      if (app.commit(rec)) app.render({ focus: `kt-agreed-${s.skill.id}` });
    },
  });
  return h("article", { class: "kit-tool__card", id: `kt-review-${s.skill.id}`, "data-skill": s.skill.id },
    h("h4", {}, icon(s.skill.id), s.skill.name),
    h("div", { class: "kit-tool__scroll" }, levels),
    flags,
    skillChart(app, rec, cp.id, s.skill, { cell: (v) => h("td", { text: v === undefined || v === null ? "—" : v === fw.none ? tx.scale(v) : String(v) }) }),
    s.flags.length ? h("p", {}, h("a", { href: new URL(s.skill.module, location.href).href, text: tx.t("open_module_of", { name: s.skill.name }) })) : null,
    notes, indicators,
    field(choose, tx.t("agreed_final")));
}

function actionsPart(app, rec, data, locked) {
  const { fw, tx } = app;
  const cp = data.checkpoint;
  const skills = fw.grids.flatMap((g) => g.skills);
  const list = data.actions.length
    ? h("ul", { class: "kit-tool__actions-list" }, data.actions.map((a) => h("li", { "data-action": a.id },
      h("span", { text: tx.t("action_line", {
        module: a.skill ? fw.skills.get(a.skill).name : "—",
        what: a.text,
        due: a.due ? tx.date(a.due) : "—",
        who: a.who || "—",
      }) }), " ",
      locked ? null : button(tx.t("action_remove"), () => {
        removeAction(rec, cp.id, a.id, app.settings.device);
        if (app.commit(rec)) app.render();
      }, { class: "md-button kit-tool__link" }))))
    : h("p", { class: "kit-tool__hint", text: tx.t("no_actions") });
  const skill = select([["", "—"], ...skills.map((s) => [s.id, s.name])], data.grids.flatMap((g) => g.skills).find((s) => s.flags.length)?.skill.id || "", { id: "kt-action-skill" });
  const what = h("input", { type: "text", id: "kt-action-what", maxlength: LIMITS.action, autocomplete: "off" });
  const due = h("input", { type: "date", id: "kt-action-due" });
  const who = h("input", { type: "text", id: "kt-action-who", maxlength: LIMITS.who, autocomplete: "off" });
  const form = h("form", { class: "kit-tool__bar", id: "kt-action-form", onsubmit: (e) => {
    e.preventDefault();
    const text = what.value.trim().replace(/\s+/g, " ");
    if (!text) return app.complain(tx.t("error_action"));
    addAction(rec, cp.id, { skill: skill.value, text, due: isDate(due.value) ? due.value : "", who: who.value.trim().replace(/\s+/g, " ") }, app.settings.device);
    if (app.commit(rec)) app.render({ focus: "kt-action-what" });
  } }, field(skill, tx.t("action_module")), field(what, tx.t("action_what")), field(due, tx.t("action_due")), field(who, tx.t("action_who")),
  h("button", { type: "submit", class: "md-button", text: tx.t("action_add") }));
  const next = h("input", { type: "date", id: "kt-next-review", value: data.next, disabled: locked, onchange: (e) => {
    setNext(rec, cp.id, isDate(e.target.value) ? e.target.value : "", app.settings.device);
    if (app.commit(rec)) app.render({ focus: "kt-next-review" });
  } });
  return h("section", { class: "kit-tool__agree", "aria-labelledby": "kt-actions-title" },
    h("h3", { id: "kt-actions-title", text: tx.pdf("actions") }), list, locked ? null : form,
    field(next, tx.t("next_review")));
}

export function reviewView(app, rec, cp) {
  const { fw, tx } = app;
  const data = reviewData(fw, rec, cp.id);
  const locked = isLocked(cp);
  const wrap = h("section", { class: "kit-tool__review", "aria-labelledby": "kt-review-title" },
    h("h2", { id: "kt-review-title", tabindex: "-1", text: `${tx.pdf("review_title")}: ${tx.checkpoint(cp)}` }),
    h("p", { class: "kit-tool__about", text: tx.trainee(rec) }),
    h("p", { text: data.previous ? tx.t("previous_is", { checkpoint: tx.checkpoint(data.previous) }) : tx.t("no_previous") }),
    h("ul", { class: "kit-tool__who-rated" }, data.raters.map((r) => h("li", { "data-rater": r.rater, text: tx.t("rated_by", { rater: tx.rater(r.rater), rated: r.rated, total: r.total }) }))),
    h("details", { class: "kit-tool__key" }, h("summary", { text: tx.t("how_levels") }),
      ["skill_level", "agreed_level", "not_observed"].map((k) => h("p", { text: tx.rule(k) })), h("p", { text: tx.S.flags.note })),
    locked ? h("p", { class: "kit-tool__notice", text: tx.t("locked_notice") }) : null,
    h("p", { class: "kit-tool__summary", text: data.flagCount ? tx.t("flag_count", { count: data.flagCount }) : tx.t("no_flags") }),
    data.grids.map((g) => h("section", { class: "kit-tool__competence-part" }, h("h3", { text: g.title }),
      g.skills.map((s) => skillCard(app, rec, data, s, locked)))),
    actionsPart(app, rec, data, locked),
    badgesPart(app, rec, cp),
    h("div", { class: "kit-tool__bar" },
      button(tx.t("print_record"), () => window.print(), { class: "md-button md-button--primary", id: "kt-print" }),
      button(locked ? tx.t("unlock") : tx.t("lock"), () => {
        if (!window.confirm(locked ? tx.t("unlock_confirm") : tx.t("lock_confirm", { checkpoint: tx.checkpoint(cp) }))) return;
        setLocked(rec, cp.id, !locked, app.settings.device);
        if (app.commit(rec)) app.render({ focus: "kt-review-title" });
      }, { id: "kt-lock" })),
    h("p", { class: "kit-tool__hint", text: tx.t("lock_hint") }));
  return wrap;
}
