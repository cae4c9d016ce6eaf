/* JANUS+ kit, feedback: the trainer's summary. Import many files (each checked in full
 * first), keep the answers in this browser, show counts, averages and the free answers. */

import { el } from "./dom.js";
import { FEEDBACK_MAX_BYTES, mergeFeedback, parseFeedback } from "./format.js";
import { readResponses, storageKey, writeResponses } from "./store.js";
import { fillText, formatNumber, summarize } from "./summary.js";

const REPORT_ERRORS = {
  size: "error_size", syntax: "error_syntax", foreign: "error_foreign", version: "error_version", kit: "error_kit", content: "error_content",
};

/** The text of an error about one file, in the reader's language. */
export function fileError(T, name, got) {
  const error = fillText(T[REPORT_ERRORS[got.error]], { version: got.version, kit: got.kit, detail: got.where });
  return fillText(T.error_in_file, { file: name, error });
}

/** "label: count" for each answer of a scale or a choice, or the range of numbers. */
function givenText(T, q, decimal) {
  if (q.counts) return q.counts.map((c) => `${c.label}: ${c.count}`).join(" · ");
  if (q.type === "number" && q.answered) {
    return `${fillText(T.range, { min: formatNumber(q.min, decimal, 0), max: formatNumber(q.max, decimal, 0) })} ${q.unit}`;
  }
  return "";
}

/** Build the summary page into `root`. */
export function mountSummary(root, data, defs, storage) {
  const T = data.strings, decimal = data.language.decimal;
  const key = storageKey(data.kit, "summary");
  const status = el("p", { class: "kit-feedback__status", role: "status", "aria-live": "polite" });
  const alert = el("div", { class: "kit-feedback__alert", role: "alert" });
  const say = (text) => { status.textContent = text; };
  const output = el("div", { class: "kit-feedback__summary", id: "kf-summary" });
  const input = el("input", { type: "file", id: "kf-import", class: "kit-feedback__file", accept: ".json,application/json", multiple: true });
  const printButton = el("button", { type: "button", class: "md-button", text: T.summary_print });
  const clearButton = el("button", { type: "button", class: "md-button", text: T.summary_clear });
  root.replaceChildren(
    el("p", { class: "kit-feedback__privacy", text: T.summary_privacy }),
    el("div", { class: "kit-feedback__actions kit-feedback__noprint" },
      el("label", { for: "kf-import", class: "md-button md-button--primary", text: T.summary_import }), input, printButton, clearButton),
    alert, status, output);

  const th = (text, scope = "col") => el("th", { scope, text });
  function render() {
    const responses = readResponses(storage, key, defs);
    clearButton.disabled = printButton.disabled = !responses.length;
    if (!responses.length) return output.replaceChildren(el("p", { class: "kit-feedback__empty", text: T.summary_empty }));
    const parts = [el("p", { class: "kit-feedback__total", "data-total": responses.length, text: fillText(T.summary_total, { count: responses.length }) })];
    for (const qn of summarize(responses, data)) {
      const heading = qn.about === "skill" ? T.summary_modules : qn.title;
      const section = el("section", { class: "kit-feedback__questionnaire", "data-questionnaire": qn.id }, el("h2", { text: heading }));
      if (qn.about === "skill") {
        // Every module on one line: responses and the average of each scale question.
        const scales = data.questionnaires.find((x) => x.id === qn.id).questions.filter((q) => q.type === "scale");
        section.append(el("h3", { text: T.summary_overview }), el("div", { class: "kit-feedback__scroll" },
          el("table", { class: "kit-feedback__table kit-feedback__overview" },
            el("thead", {}, el("tr", {}, th(T.summary_module), th(T.answered), scales.map((q) => th(q.label)))),
            el("tbody", {}, qn.groups.map((g) => el("tr", { "data-about": g.about }, th(g.name, "row"), el("td", { text: g.count }),
              scales.map((s) => el("td", { "data-question": s.id, text: formatNumber(g.questions.find((q) => q.id === s.id)?.average, decimal) }))))))));
      }
      for (const g of qn.groups) {
        const numbers = g.questions.filter((q) => q.type !== "text");
        const texts = g.questions.filter((q) => q.type === "text");
        section.append(el("section", { class: "kit-feedback__group", "data-about": g.about ?? "" },
          el("h3", { text: fillText(T.summary_group, { name: g.name, count: g.count }) }),
          numbers.length ? el("div", { class: "kit-feedback__scroll" }, el("table", { class: "kit-feedback__table" },
            el("thead", {}, el("tr", {}, th(T.question), th(T.answered), th(T.average), th(T.given))),
            el("tbody", {}, numbers.map((q) => el("tr", { "data-question": q.id }, th(q.label, "row"),
              el("td", { class: "kit-feedback__answered", text: q.answered }),
              el("td", { class: "kit-feedback__average", text: q.average === undefined ? "" : formatNumber(q.average, decimal) }),
              el("td", { class: "kit-feedback__given", text: givenText(T, q, decimal) })))))) : null,
          texts.map((q) => el("div", { class: "kit-feedback__texts", "data-question": q.id },
            el("h4", { text: `${T.free_answers}: ${q.label}` }),
            q.texts.length ? el("ul", {}, q.texts.map((text) => el("li", { text }))) : el("p", { text: T.no_free_answers })))));
      }
      parts.push(section);
    }
    output.replaceChildren(...parts);
  }

  async function importFiles() {
    const files = [...input.files];
    input.value = "";
    const errors = [], good = [];
    for (const file of files) {
      let got = { ok: false, error: "size" };
      if (file.size <= FEEDBACK_MAX_BYTES) {
        got = await file.text().then((text) => parseFeedback(text, file.size, defs), () => ({ ok: false, error: "syntax" }));
      }
      if (got.ok) good.push(got.file);
      else errors.push(fileError(T, file.name, got));
    }
    const all = readResponses(storage, key, defs);
    const totals = { added: 0, updated: 0, same: 0 };
    for (const file of good) {
      const counts = mergeFeedback(all, file.responses);
      for (const k of Object.keys(totals)) totals[k] += counts[k];
    }
    if (good.length && !writeResponses(storage, key, data.kit, all)) return alert.replaceChildren(el("p", { text: T.error_storage }));
    alert.replaceChildren(...errors.map((text) => el("p", { text })));
    say(fillText(T.summary_done, { files: files.length, ...totals }));
    render();
  }
  input.addEventListener("change", importFiles);
  printButton.addEventListener("click", () => window.print());
  clearButton.addEventListener("click", () => {
    if (!window.confirm(T.summary_clear_confirm)) return;
    if (!writeResponses(storage, key, data.kit, [])) return alert.replaceChildren(el("p", { text: T.error_storage }));
    say("");
    render();
  });
  render();
}
