/* The checkpoints of one trainee: start one, rename, re-date, merge two that were made
 * apart, delete, lock. Each change asks first and can be undone. */

import { h, field, button, select } from "./dom.js";
import { liveCheckpoints, newCheckpoint, isLocked, progress, LIMITS } from "./record.js";
import { mergeCheckpoints, deleteCheckpoint } from "./merge.js";
import { cleanLine, isDate, today, stamp } from "./util.js";

export function checkpointsView(app, rec) {
  const { fw, tx } = app;
  const cps = liveCheckpoints(rec);
  const kinds = fw.kinds.map((k) => [k, tx.kind(k)]);
  const items = cps.map((cp) => {
    const id = cp.id;
    const kind = select(kinds, cp.kind, { id: `kt-kind-${id}` });
    const label = h("input", { type: "text", id: `kt-label-${id}`, maxlength: LIMITS.label, value: cp.label, autocomplete: "off" });
    const date = h("input", { type: "date", id: `kt-date-${id}`, value: cp.date });
    const others = cps.filter((c) => c.id !== id);
    const into = select(others.map((c) => [c.id, tx.checkpoint(c)]), others[0]?.id || "", { id: `kt-into-${id}` });
    const rated = fw.raters.map((r) => tx.t("rated_short", { rater: tx.rater(r), rated: progress(fw, rec, id, r).rated, total: fw.total })).join(" · ");
    return h("li", { class: "kit-tool__card", "data-checkpoint": id },
      h("h3", { text: tx.checkpoint(cp) + (isLocked(cp) ? ` (${tx.t("locked")})` : "") }),
      h("p", { class: "kit-tool__rated", text: rated }),
      h("div", { class: "kit-tool__bar" },
        button(tx.t("open_rate"), () => app.open(rec.trainee.id, id, "rate")),
        button(tx.t("open_review"), () => app.open(rec.trainee.id, id, "review")),
        button(tx.t("open_share"), () => app.open(rec.trainee.id, id, "share"))),
      isLocked(cp) ? null : h("details", { class: "kit-tool__manage" }, h("summary", { text: tx.t("manage_checkpoint") }),
        h("form", { class: "kit-tool__bar", onsubmit: (e) => {
          e.preventDefault();
          const text = cleanLine(label.value, LIMITS.label);
          if (text === null || !(date.value === "" || isDate(date.value))) return app.complain(tx.t("error_checkpoint"));
          app.change(tx.t("checkpoint_changed", { checkpoint: tx.checkpoint(cp) }), [rec.trainee.id], () => {
            Object.assign(cp, { kind: kind.value, label: text, date: date.value, at: stamp(cp.at) });
            return app.commit(rec);
          });
        } }, field(kind, tx.t("checkpoint_kind")), field(label, tx.t("checkpoint_label")), field(date, tx.t("checkpoint_date")),
        h("button", { type: "submit", class: "md-button", text: tx.t("checkpoint_save") })),
        others.length ? h("div", { class: "kit-tool__bar" }, field(into, tx.t("merge_into")), button(tx.t("merge"), () => {
          const target = cps.find((c) => c.id === into.value);
          if (!target || !window.confirm(tx.t("merge_confirm", { from: tx.checkpoint(cp), into: tx.checkpoint(target) }))) return;
          app.change(tx.t("merged", { from: tx.checkpoint(cp), into: tx.checkpoint(target) }), [rec.trainee.id], () => {
            const result = mergeCheckpoints(fw, rec, id, target.id);
            app.state.checkpoint = target.id;
            app.pendingConflicts(result.conflicts);
            return app.commit(rec);
          });
        }, { id: `kt-merge-${id}` })) : null,
        button(tx.t("checkpoint_delete"), () => {
          if (!window.confirm(tx.t("checkpoint_delete_confirm", { checkpoint: tx.checkpoint(cp) }))) return;
          app.change(tx.t("checkpoint_deleted", { checkpoint: tx.checkpoint(cp) }), [rec.trainee.id], () => {
            deleteCheckpoint(rec, id, stamp(cp.at));
            return app.commit(rec);
          });
        }, { class: "md-button kit-tool__danger", id: `kt-delete-${id}` })));
  });
  const kind = select(kinds, cps.length ? fw.kinds[Math.min(1, fw.kinds.length - 1)] : fw.kinds[0], { id: "kt-new-kind" });
  const date = h("input", { type: "date", id: "kt-new-date", value: today() });
  const add = h("form", { class: "kit-tool__part", id: "kt-add-checkpoint", onsubmit: (e) => {
    e.preventDefault();
    if (liveCheckpoints(rec).length >= LIMITS.checkpoints) return app.complain(tx.t("error_too_many"));
    const cp = newCheckpoint(kind.value, isDate(date.value) ? date.value : today());
    rec.checkpoints.push(cp);
    if (!app.commit(rec)) return;
    app.say(tx.t("checkpoint_added", { checkpoint: tx.checkpoint(cp) }));
    app.open(rec.trainee.id, cp.id, "share");
  } }, h("h2", { text: tx.t("checkpoint_add") }),
  h("p", { class: "kit-tool__hint", text: tx.t("checkpoint_add_hint") }),
  h("div", { class: "kit-tool__bar" }, field(kind, tx.t("checkpoint_kind")), field(date, tx.t("checkpoint_date"))),
  h("button", { type: "submit", class: "md-button md-button--primary", id: "kt-cp-add", text: tx.t("checkpoint_add") }));
  return h("div", { class: "kit-tool__checkpoints" },
    h("h2", { id: "kt-checkpoints-title", tabindex: "-1", text: tx.t("checkpoints_title", { name: tx.trainee(rec) }) }),
    cps.length ? h("ul", { class: "kit-tool__cards" }, items) : h("p", { text: tx.t("no_checkpoint") }),
    add);
}
