/* The printed review record: one or two A4 pages in the reader's language, as the paper
 * review sheet: the raters' levels at the previous and this checkpoint, the agreed ones,
 * the flags, the notes, the actions, the dates and the signature lines. Only this prints. */

import { h } from "./dom.js";
import { reviewData } from "./review.js";
import { skillChart, chartKey } from "./chart.js";

export function recordView(app, rec, cp) {
  const { fw, tx } = app;
  const data = reviewData(fw, rec, cp.id);
  const short = (v) => (v === undefined || v === null ? "—" : v === fw.none ? tx.t("not_observed_short") : String(v));
  const agreed = (a) => (a.final ? short(a.value) : a.value === undefined ? "—" : `(${short(a.value)})`);
  const th = (text, attrs = {}) => h("th", { scope: "col", ...attrs, text });
  const n = fw.raters.length + 1;
  const table = h("table", { class: "kit-record__table" },
    h("thead", {},
      h("tr", {}, th(tx.S.grid.skill, { rowspan: 2 }), th(tx.pdf("previous"), { colspan: n, scope: "colgroup" }), th(tx.pdf("checkpoint"), { colspan: n, scope: "colgroup" }), th(tx.t("flags"), { rowspan: 2 })),
      h("tr", {}, [0, 1].map(() => [...fw.raters.map((r) => th(tx.rater(r), { class: "kit-record__rater" })), th(tx.pdf("agreed"), { class: "kit-record__rater kit-record__agreed" })]))),
    h("tbody", {}, data.grids.map((g) => [
      h("tr", { class: "kit-record__competence" }, h("th", { colspan: 2 * n + 2, scope: "rowgroup", text: g.title })),
      g.skills.map((s) => h("tr", { "data-skill": s.skill.id },
        h("th", { scope: "row", text: s.skill.name }),
        fw.raters.map((r) => h("td", { text: s.previous ? short(s.previous.levels.get(r)) : "—" })),
        h("td", { class: "kit-record__agreed", text: s.previous ? agreed(s.previous.agreed) : "—" }),
        fw.raters.map((r) => h("td", { text: short(s.levels.get(r)) })),
        h("td", { class: "kit-record__agreed", text: agreed(s.agreed) }),
        h("td", { class: "kit-record__flags", text: s.flags.map((f) => tx.flagName(f.id)).join(", ") }))),
    ])));
  const withNotes = data.grids.flatMap((g) => g.skills).filter((s) => s.notes.length);
  const notes = withNotes.length
    ? h("dl", { class: "kit-record__notes" }, withNotes.map((s) => [h("dt", { text: s.skill.name }),
      h("dd", {}, s.notes.map((note) => h("p", {}, h("strong", { text: `${tx.rater(note.rater)}: ` }), note.text)))]))
    : h("p", { text: tx.t("no_notes") });
  const actions = data.actions.length
    ? h("table", { class: "kit-record__actions" },
      h("thead", {}, h("tr", {}, th(tx.t("action_module")), th(tx.t("action_what")), th(tx.t("action_due")), th(tx.t("action_who")))),
      h("tbody", {}, data.actions.map((a) => h("tr", {},
        h("td", { text: a.skill ? fw.skills.get(a.skill).name : "—" }), h("td", { text: a.text }), h("td", { text: a.due ? tx.date(a.due) : "—" }), h("td", { text: a.who || "—" })))))
    : h("p", { text: tx.t("no_actions") });
  const charts = data.grids.flatMap((g) => g.skills).map((s) => skillChart(app, rec, cp.id, s.skill, { cell: (v) => h("td", { text: short(v) }), print: true })).filter(Boolean);
  return h("div", { class: "kit-record" },
    h("h1", { text: tx.pdf("review_title") }),
    h("dl", { class: "kit-record__facts" },
      h("dt", { text: tx.pdf("trainee_name") }), h("dd", { text: tx.trainee(rec) }),
      h("dt", { text: tx.pdf("checkpoint") }), h("dd", { text: tx.checkpoint(cp) }),
      h("dt", { text: tx.pdf("previous") }), h("dd", { text: data.previous ? tx.checkpoint(data.previous) : "—" }),
      h("dt", { text: tx.t("next_review") }), h("dd", { text: data.next ? tx.date(data.next) : "—" })),
    table,
    h("p", { class: "kit-record__key", text: tx.t("print_key", { none: tx.t("not_observed_short"), label: tx.scale(fw.none) }) }),
    h("div", { class: "kit-record__columns" },
      h("section", {}, h("h2", { text: tx.t("notes_title") }), notes),
      h("section", {}, h("h2", { text: tx.pdf("gap_rules") }),
        h("dl", { class: "kit-record__rules" }, fw.rules.map((r) => [h("dt", { text: tx.flagName(r.id) }), h("dd", { text: tx.flagRule(r.id) })])))),
    h("h2", { text: tx.pdf("actions") }), actions,
    h("div", { class: "kit-record__signatures" }, fw.raters.map((r) => h("p", { class: "kit-record__sign" },
      h("span", { text: `${tx.pdf("signature")}: ${tx.rater(r)}` }), h("span", { class: "kit-record__line" }),
      h("span", { text: `${tx.pdf("date")}: ` }), h("span", { class: "kit-record__line kit-record__line--short" })))),
    charts.length ? h("section", { class: "kit-record__charts" }, h("h2", { text: tx.S.pictures.chart.heading }), chartKey(app), charts) : null);
}
