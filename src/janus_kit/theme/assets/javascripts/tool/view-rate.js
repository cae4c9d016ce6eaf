/* Rating one checkpoint: one skill at a time, big targets, the rater and the progress
 * always in sight, a jump to what is not rated yet. */

import { h, field, button, select, uid } from "./dom.js";
import { entryOf, valuesOf, progress, skillProgress, setRating, setNote, isLocked, LIMITS } from "./record.js";
import { raterLevel } from "./levels.js";
import { icon, picture } from "./pictures.js";

/** The bar that stays at the top while rating: who rates, whom, which checkpoint, how far. */
export function contextBar(app, rec, cp) {
  const { tx } = app;
  const p = progress(app.fw, rec, cp.id, app.settings.rater);
  const bar = h("div", { class: "kit-tool__context", "data-rater": app.settings.rater },
    h("p", { class: "kit-tool__as" }, h("span", { class: "kit-tool__sr", text: tx.t("rating_as") }),
      h("strong", { class: "kit-tool__as-rater", text: tx.rater(app.settings.rater) }), " · ",
      h("span", { class: "kit-tool__about", text: `${tx.trainee(rec)} · ${tx.checkpoint(cp)}` })),
    h("p", { class: "kit-tool__progress-line" },
      h("progress", { max: p.total, value: p.rated, "aria-hidden": "true" }),
      h("span", { class: "kit-tool__count", role: "status", text: tx.t("progress", { rated: p.rated, total: p.total }) })));
  return bar;
}

export function rateView(app, rec, cp) {
  const { fw, tx } = app;
  const rater = app.settings.rater;
  const skills = fw.grids.flatMap((g) => g.skills);
  const index = Math.min(Math.max(app.state.skill, 0), skills.length - 1);
  const skill = skills[index];
  const grid = fw.grids.find((g) => g.competence === skill.competence);
  const locked = isLocked(cp);
  const wrap = h("section", { class: "kit-tool__rate", "aria-labelledby": "kt-skill-title" });
  const bar = contextBar(app, rec, cp);

  const firstUnrated = () => {
    for (let s = 0; s < skills.length; s++) {
      const i = (index + s) % skills.length;
      const values = valuesOf(entryOf(rec, cp.id, rater, skills[i].id));
      const at = skills[i].indicators.findIndex((_, k) => values[k] === null || values[k] === undefined);
      if (at >= 0) return [i, at];
    }
    return null;
  };
  const jump = button(tx.t("next_unrated"), () => {
    const found = firstUnrated();
    if (!found) return app.say(tx.t("all_rated"));
    app.state.skill = found[0];
    app.render({ focus: `kt-ind-${skills[found[0]].id}-${found[1]}` });
  }, { class: "md-button kit-tool__jump" });
  bar.querySelector(".kit-tool__progress-line").append(jump);

  const picker = select(skills.map((s, i) => {
    const p = skillProgress(fw, rec, cp.id, rater, s.id);
    return [String(i), tx.t("skill_option", { n: i + 1, name: s.name, rated: p.rated, total: p.total })];
  }), String(index), { id: "kt-skill-pick", onchange: (e) => {
    app.state.skill = Number(e.target.value);
    app.render({ focus: "kt-skill-title" });
  } });

  const levelLine = h("p", { class: "kit-tool__level", "aria-live": "polite" });
  const showLevel = () => {
    const lv = raterLevel(fw, valuesOf(entryOf(rec, cp.id, rater, skill.id)));
    levelLine.textContent = tx.t("your_level", { level: tx.level(lv) });
  };
  const values = valuesOf(entryOf(rec, cp.id, rater, skill.id));
  const fieldsets = skill.indicators.map((text, i) => {
    const name = `kt-${skill.id}-${i}`;
    const legendId = uid("legend");
    return h("fieldset", { class: "kit-tool__indicator", id: `kt-ind-${skill.id}-${i}`, tabindex: "-1", disabled: locked, "aria-labelledby": legendId },
      h("legend", { id: legendId }, h("span", { class: "kit-tool__indicator-n", text: `${i + 1}. ` }), text),
      h("div", { class: "kit-tool__options" }, fw.scale.map((v) => {
        const input = h("input", { type: "radio", name, value: String(v), checked: values[i] === v, "data-index": i });
        return h("label", { class: `kit-tool__option${v === fw.none ? " kit-tool__option--none" : ""}` }, input,
          h("span", { class: "kit-tool__num", "aria-hidden": v === fw.none ? "true" : null, text: v === fw.none ? "–" : String(v) }), " ", h("span", { class: "kit-tool__word", text: tx.scale(v) }));
      })));
  });
  const noteEntry = entryOf(rec, cp.id, rater, skill.id);
  const note = h("textarea", { id: `kt-ev-${skill.id}`, rows: 3, maxlength: LIMITS.noteInput, disabled: locked, value: noteEntry && noteEntry.note ? noteEntry.note.value : "" });
  const last = index === skills.length - 1;
  const next = last
    ? button(tx.t("done_send"), () => app.go("share"), { class: "md-button md-button--primary kit-tool__next", id: "kt-next" })
    : button(tx.t("next_skill"), () => {
      app.state.skill = index + 1;
      app.render({ focus: "kt-skill-title", top: true });
    }, { class: "md-button md-button--primary kit-tool__next", id: "kt-next" });
  const prev = index > 0 ? button(tx.t("prev_skill"), () => {
    app.state.skill = index - 1;
    app.render({ focus: "kt-skill-title", top: true });
  }, { class: "md-button kit-tool__prev" }) : null;

  const form = h("form", { class: "kit-tool__form", id: "kt-form", onsubmit: (e) => e.preventDefault() },
    fieldsets, field(note, tx.t("evidence"), tx.rule("evidence")), levelLine);
  form.addEventListener("change", (e) => {
    const el = e.target;
    if (el.type !== "radio" || locked) return;
    const i = Number(el.dataset.index);
    setRating(fw, rec, cp.id, rater, skill.id, i, Number(el.value), app.settings.device);
    if (!app.commit(rec)) return;
    showLevel();
    const p = progress(fw, rec, cp.id, rater);
    bar.querySelector("progress").value = p.rated;
    bar.querySelector(".kit-tool__count").textContent = tx.t("progress", { rated: p.rated, total: p.total });
    const sp = skillProgress(fw, rec, cp.id, rater, skill.id);
    picker.options[index].textContent = tx.t("skill_option", { n: index + 1, name: skill.name, rated: sp.rated, total: sp.total });
    // Bring the next thing to do into view: the next unrated line, else the next button.
    const now = valuesOf(entryOf(rec, cp.id, rater, skill.id));
    const todo = fieldsets.find((f, k) => k > i && now[k] === null) || fieldsets.find((f, k) => now[k] === null);
    (todo || next).scrollIntoView({ block: "nearest", behavior: "auto" });
  });
  note.addEventListener("input", () => {
    if (locked) return;
    setNote(fw, rec, cp.id, rater, skill.id, note.value.slice(0, LIMITS.noteInput).trim(), app.settings.device);
    app.commit(rec, { quiet: true });
  });
  showLevel();

  wrap.append(...[bar,
    locked ? h("p", { class: "kit-tool__notice", text: tx.t("locked_notice") }) : null,
    h("div", { class: "kit-tool__stepper" }, field(picker, tx.t("skill_pick")),
      app.settings.fixed ? null : button(tx.t("rater_change"), () => app.chooseRater(), { class: "md-button kit-tool__link" })),
    h("p", { class: "kit-tool__competence" }, icon(grid.competence), grid.title),
    h("h2", { id: "kt-skill-title", tabindex: "-1" }, icon(skill.id), tx.t("skill_heading", { n: index + 1, total: skills.length, name: skill.name })),
    h("p", {}, h("a", { href: new URL(skill.module, location.href).href, text: tx.t("open_module") })),
    form,
    h("div", { class: "kit-tool__steps" }, prev, next),
    h("details", { class: "kit-tool__key" }, h("summary", { text: tx.t("scale_key") }),
      picture("scale"),
      h("dl", {}, fw.scale.map((v) => [h("dt", { text: `${v === fw.none ? "–" : v} ${tx.scale(v)}` }), h("dd", { text: tx.meaning(v) })])),
      h("p", { text: tx.rule("skill_level") }), h("p", { text: tx.rule("not_observed") }))].filter(Boolean));
  return wrap;
}
