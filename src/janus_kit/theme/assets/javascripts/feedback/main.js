/* JANUS+ kit, feedback: the entry point. Reads the page's kit-feedback-data (inert JSON)
 * and builds the form or the summary. */

import { definitionsOf } from "./format.js";
import { mountForm } from "./form.js";
import { mountSummary } from "./report.js";

/** Start the feedback part of this page, if it has one. */
export function startFeedback() {
  const source = document.getElementById("kit-feedback-data");
  const root = document.getElementById("kit-feedback");
  if (!source || !root) return;
  const data = JSON.parse(source.textContent);
  const defs = definitionsOf(data);
  let storage = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = { getItem: () => null, setItem: () => { throw new Error("blocked"); }, removeItem: () => { throw new Error("blocked"); } };
  }
  if (data.page.mode === "summary") mountSummary(root, data, defs, storage);
  else mountForm(root, data, defs, storage);
}

startFeedback();
