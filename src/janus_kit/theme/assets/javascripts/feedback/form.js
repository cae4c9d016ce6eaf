/* JANUS+ kit, feedback: one questionnaire as a form. Every Save stores one response in this
 * browser; "New answers" starts another (a shared tablet, or paper sheets typed in);
 * "Download my answers" gives the file to hand in. Nothing leaves the device otherwise. */

import { el, downloadJson, todayIso } from "./dom.js";
import { cleanAnswer, feedbackFile, newResponseId, questionsFor } from "./format.js";
import { readResponses, storageKey, writeResponses } from "./store.js";
import { fillText } from "./summary.js";

/** Build the form of `data.page.questionnaire` into `root`. */
export function mountForm(root, data, defs, storage) {
  const T = data.strings;
  const qn = defs.questionnaires.get(data.page.questionnaire);
  if (!qn) return;
  const key = storageKey(data.kit, "mine");
  const prefix = `kf-${qn.id}`;
  let current = null; // the id of the response this form edits, once saved
  let about = qn.about === "skill" ? data.page.about : null;

  const status = el("p", { class: "kit-feedback__status", role: "status", "aria-live": "polite" });
  const alert = el("div", { class: "kit-feedback__alert", role: "alert" });
  const say = (text) => { status.textContent = text; };
  const complain = (...texts) => alert.replaceChildren(...texts.map((text) => el("p", { text })));

  const fields = new Map(); // question id -> {block, read(), reset()}
  function question(q) {
    const id = `${prefix}-${q.id}`;
    if (q.type === "scale" || q.type === "choice") {
      const inputs = q.options.map((o) => el("input", { type: "radio", name: id, value: String(o.value), "data-value": JSON.stringify(o.value) }));
      const block = el("fieldset", { class: `kit-feedback__q kit-feedback__q--${q.type}`, "data-question": q.id },
        el("legend", { text: q.label }),
        el("div", { class: "kit-feedback__options" }, q.options.map((o, i) => el("label", { class: "kit-feedback__option" }, inputs[i], el("span", { text: o.label })))));
      fields.set(q.id, {
        block,
        read: () => { const on = inputs.find((i) => i.checked); return on ? JSON.parse(on.dataset.value) : undefined; },
        reset: () => inputs.forEach((i) => { i.checked = false; }),
      });
    } else if (q.type === "number") {
      const input = el("input", { type: "number", id, name: id, min: q.min, max: q.max, step: 1, inputmode: "numeric", "aria-describedby": `${id}-hint` });
      const block = el("div", { class: "kit-feedback__q kit-feedback__q--number", "data-question": q.id },
        el("label", { for: id, text: q.label }),
        el("div", { class: "kit-feedback__number" }, input, el("span", { text: q.unit })),
        el("p", { class: "kit-feedback__hint", id: `${id}-hint`, text: fillText(T.number_hint, { min: q.min, max: q.max }) }));
      fields.set(q.id, {
        block,
        read: () => (input.value.trim() === "" ? undefined : Number(input.value)),
        reset: () => { input.value = ""; },
      });
    } else {
      const input = el("textarea", { id, name: id, rows: 3, maxlength: q.max_length });
      const block = el("div", { class: "kit-feedback__q kit-feedback__q--text", "data-question": q.id },
        el("label", { for: id, text: q.label }), input);
      fields.set(q.id, { block, read: () => input.value, reset: () => { input.value = ""; } });
    }
    return fields.get(q.id).block;
  }

  const roleInputs = [];
  const role = qn.about === "rater"
    ? el("fieldset", { class: "kit-feedback__q kit-feedback__role", "data-question": "about" }, el("legend", { text: qn.role }),
      el("div", { class: "kit-feedback__options" }, data.abouts.rater.map((r) => {
        const input = el("input", { type: "radio", name: `${prefix}-about`, value: r.id });
        roleInputs.push(input);
        return el("label", { class: "kit-feedback__option" }, input, el("span", { text: r.label }));
      })))
    : null;
  const questions = el("div", { class: "kit-feedback__questions" }, qn.questions.map(question));
  const saveButton = el("button", { type: "submit", class: "md-button md-button--primary", text: T.save });
  const newButton = el("button", { type: "button", class: "md-button", text: T.new, hidden: true });
  const exportButton = el("button", { type: "button", class: "md-button", text: T.export });
  const deleteButton = el("button", { type: "button", class: "md-button", text: T.delete });
  const form = el("form", { class: "kit-feedback__form", id: `${prefix}-form`, "data-questionnaire": qn.id, novalidate: true },
    role, questions, el("div", { class: "kit-feedback__actions" }, saveButton, newButton));
  const count = el("p", { class: "kit-feedback__count" });

  root.replaceChildren(
    el("p", { class: "kit-feedback__privacy", text: T.privacy }),
    form, alert, status,
    el("div", { class: "kit-feedback__hand-in" }, el("p", { text: qn.give }), count,
      el("div", { class: "kit-feedback__actions" }, exportButton, deleteButton), el("p", { class: "kit-feedback__hint", text: T.export_hint })));

  const stored = () => readResponses(storage, key, defs);
  function showCount() {
    const n = stored().length;
    count.textContent = fillText(T.count, { count: n });
    exportButton.disabled = deleteButton.disabled = n === 0;
  }
  function showQuestions() {
    const visible = new Set(questionsFor(qn, about).map((q) => q.id));
    for (const [id, field] of fields) field.block.hidden = qn.about === "rater" && (about === null || !visible.has(id));
    saveButton.hidden = qn.about === "rater" && about === null;
    newButton.hidden = current === null;
  }
  function reset() {
    current = null;
    for (const field of fields.values()) field.reset();
    if (qn.about === "rater") {
      about = null;
      roleInputs.forEach((i) => { i.checked = false; });
    }
    showQuestions();
  }

  function save(event) {
    event.preventDefault();
    alert.replaceChildren();
    if (qn.about === "rater" && about === null) return complain(T.choose_role);
    const answers = {};
    for (const q of questionsFor(qn, about)) {
      const raw = fields.get(q.id).read();
      if (raw === undefined || raw === "") continue;
      const value = cleanAnswer(q, raw);
      if (value === null) {
        const text = q.type === "number" ? fillText(T.number_hint, { min: q.min, max: q.max }) : fillText(T.text_hint, { max: q.max_length });
        return complain(`${q.label} ${text}`);
      }
      if (value !== undefined) answers[q.id] = value;
    }
    if (!Object.keys(answers).length) return complain(T.nothing);
    current ||= newResponseId();
    const response = { id: current, questionnaire: qn.id, about, date: todayIso(), lang: data.lang, answers };
    const all = stored().filter((r) => r.id !== current);
    if (!writeResponses(storage, key, data.kit, [...all, response])) return complain(T.error_storage);
    say(T.saved);
    showCount();
    showQuestions();
  }

  form.addEventListener("submit", save);
  form.addEventListener("change", (event) => {
    if (event.target.name === `${prefix}-about`) {
      about = event.target.value;
      current = null; // another person's answers
      showQuestions();
    }
  });
  newButton.addEventListener("click", () => { reset(); say(""); alert.replaceChildren(); (roleInputs[0] || form.querySelector("input, textarea"))?.focus(); });
  exportButton.addEventListener("click", () => {
    const responses = stored();
    if (!responses.length) return complain(T.nothing);
    downloadJson(feedbackFile(data.kit, responses), `feedback-${data.kit}-${todayIso()}.json`);
  });
  deleteButton.addEventListener("click", () => {
    if (!window.confirm(T.delete_confirm)) return;
    if (!writeResponses(storage, key, data.kit, [])) return complain(T.error_storage);
    reset();
    say(T.deleted);
    showCount();
  });

  const wanted = new URLSearchParams(window.location.search).get("role");
  if (qn.about === "rater" && defs.raters.includes(wanted)) {
    about = wanted;
    roleInputs.find((i) => i.value === wanted).checked = true;
  }
  showQuestions();
  showCount();
}
