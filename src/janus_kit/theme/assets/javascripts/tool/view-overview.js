/* The trainees on this device, for a trainer with twenty: last checkpoint, who has rated,
 * open flags, the next review; adding, joining and deleting trainees; backup and restore. */

import { h, field, button, select, download } from "./dom.js";
import { newTrainee, liveCheckpoints, progress, flagsAt, displayName, LIMITS } from "./record.js";
import { mergeTrainees } from "./merge.js";
import { makeBackup } from "./invite.js";
import { randomCode, cleanLine, today } from "./util.js";

function summary(app, rec) {
  const { fw } = app;
  const cps = liveCheckpoints(rec);
  const last = cps.at(-1) || null;
  const reviewed = [...cps].reverse().find((c) => c.review.next);
  return {
    last,
    rated: last ? fw.raters.map((r) => ({ rater: r, ...progress(fw, rec, last.id, r) })) : [],
    flags: last ? fw.skillIds.reduce((n, id) => n + flagsAt(fw, rec, last.id, id).length, 0) : 0,
    next: reviewed ? reviewed.review.next.value : "",
  };
}

export function overviewView(app) {
  const { fw, tx } = app;
  const records = [...app.store.records.values()];
  const rows = records.map((rec) => ({ rec, ...summary(app, rec) }))
    .sort((a, b) => (a.next || "9999").localeCompare(b.next || "9999") || displayName(a.rec).localeCompare(displayName(b.rec)));
  const cards = rows.map(({ rec, last, rated, flags, next }) => {
    const id = rec.trainee.id;
    const others = records.filter((r) => r.trainee.id !== id);
    const joinTo = select(others.map((r) => [r.trainee.id, tx.trainee(r)]), others[0]?.trainee.id || "", { id: `kt-join-${id}` });
    return h("li", { class: "kit-tool__card kit-tool__trainee", "data-trainee": id },
      h("h3", {}, h("button", { type: "button", class: "kit-tool__open", onclick: () => app.open(id, last && last.id, last ? "review" : "rate"), text: tx.trainee(rec) })),
      h("p", { text: last ? tx.t("last_checkpoint", { checkpoint: tx.checkpoint(last) }) : tx.t("no_checkpoint") }),
      last ? h("p", { class: "kit-tool__rated", text: rated.map((r) => tx.t("rated_short", { rater: tx.rater(r.rater), rated: r.rated, total: r.total })).join(" · ") }) : null,
      h("p", { text: flags ? tx.t("flag_count", { count: flags }) : tx.t("no_flags") }),
      h("p", { text: next ? tx.t("next_review_on", { date: tx.date(next) }) : tx.t("no_next_review") }),
      h("div", { class: "kit-tool__bar" },
        button(tx.t("open_rate"), () => app.open(id, last && last.id, "rate")),
        button(tx.t("open_review"), () => app.open(id, last && last.id, "review"), { disabled: !last })),
      h("details", { class: "kit-tool__manage" }, h("summary", { text: tx.t("manage_trainee") }),
        others.length ? h("div", { class: "kit-tool__bar" }, field(joinTo, tx.t("join_into")), button(tx.t("join"), () => {
          const target = app.store.records.get(joinTo.value);
          if (!target || !window.confirm(tx.t("join_confirm", { from: tx.trainee(rec), into: tx.trainee(target) }))) return;
          const { record } = mergeTrainees(fw, target, rec);
          app.change(tx.t("joined", { from: tx.trainee(rec), into: tx.trainee(target) }), [target.trainee.id, id], () => {
            if (!app.commit(record)) return false;
            app.store.remove(id);
            app.state.trainee = target.trainee.id;
            return true;
          });
        })) : null,
        button(tx.t("trainee_delete"), () => {
          if (!window.confirm(tx.t("trainee_delete_confirm", { name: tx.trainee(rec) }))) return;
          app.change(tx.t("deleted_trainee", { name: tx.trainee(rec) }), [id], () => {
            app.store.remove(id);
            if (app.state.trainee === id) app.state.trainee = "";
            return true;
          });
        }, { class: "md-button kit-tool__danger" })));
  });

  const code = h("input", { type: "text", id: "kt-new-code", maxlength: LIMITS.code, autocomplete: "off", value: randomCode(4) });
  const name = h("input", { type: "text", id: "kt-new-name", maxlength: LIMITS.name, autocomplete: "off" });
  const centre = h("input", { type: "text", id: "kt-new-centre", maxlength: LIMITS.centre, autocomplete: "off", value: app.lastCentre() });
  const add = h("form", { class: "kit-tool__part kit-tool__add", id: "kt-add-trainee", onsubmit: (e) => {
    e.preventDefault();
    const c = cleanLine(code.value, LIMITS.code);
    if (!c) return app.complain(tx.t("error_code")), code.focus();
    const rec = newTrainee({ code: c, name: cleanLine(name.value, LIMITS.name) || "", centre: cleanLine(centre.value, LIMITS.centre) || "" });
    const same = records.filter((r) => (rec.trainee.name && r.trainee.name === rec.trainee.name) || r.trainee.code === rec.trainee.code);
    if (!app.commit(rec)) return;
    app.say(same.length ? tx.t("same_name", { other: same.map((r) => tx.trainee(r)).join("; ") }) : tx.t("trainee_added", { name: tx.trainee(rec) }));
    app.open(rec.trainee.id, "", "checkpoints");
  } },
  h("h2", { text: tx.t("trainee_new") }),
  h("p", { class: "kit-tool__hint", text: tx.t("name_hint") }),
  h("div", { class: "kit-tool__bar" }, field(code, tx.t("code")), field(name, tx.t("name_optional")), field(centre, tx.t("centre"))),
  h("button", { type: "submit", class: "md-button md-button--primary", id: "kt-trainee-add", text: tx.t("trainee_new") }));

  const usage = app.store.usage();
  const device = h("section", { class: "kit-tool__part", "aria-labelledby": "kt-device-title" },
    h("h2", { id: "kt-device-title", text: tx.t("device_title") }),
    h("p", { text: app.settings.rater ? tx.t("device_rater", { rater: tx.rater(app.settings.rater) }) : tx.t("device_no_rater") }),
    h("div", { class: "kit-tool__bar" }, button(tx.t("rater_change"), () => app.chooseRater(true))),
    h("p", { text: app.store.persistent ? tx.t("storage_used", { size: tx.size(usage), records: records.length }) : tx.t("memory_only") }),
    h("div", { class: "kit-tool__bar" },
      button(tx.t("backup"), () => {
        download(`${fw.kit}-backup-${today()}.json`, JSON.stringify(makeBackup(fw, records)));
        app.exported();
      }, { id: "kt-backup", disabled: !records.length })),
    h("p", { class: "kit-tool__hint", text: tx.t("backup_hint") }));

  return h("div", { class: "kit-tool__overview" },
    h("h2", { id: "kt-overview-title", tabindex: "-1", text: tx.t("overview_title") }),
    records.length ? h("ul", { class: "kit-tool__cards" }, cards) : h("p", { text: tx.t("no_trainees") }),
    add, app.importPart(), device);
}
