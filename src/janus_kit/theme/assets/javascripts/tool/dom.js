/* Building the page: elements from data, text always as text (textContent), never HTML. */

export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") el.textContent = String(v);
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "value") el.value = v;
    else if (k === "checked" || k === "selected" || k === "disabled") el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const kid of kids.flat(Infinity)) if (kid !== null && kid !== undefined && kid !== false) el.append(kid);
  return el;
}

export function svg(tag, attrs, text) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

let serial = 0;
export const uid = (base) => `kt-${base}-${++serial}`;

/** A labelled control: <div><label for>text</label>control [hint]</div>. */
export function field(control, label, hint) {
  if (!control.id) control.id = uid("f");
  const kids = [h("label", { for: control.id, text: label }), control];
  if (hint) {
    const id = uid("hint");
    control.setAttribute("aria-describedby", id);
    kids.push(h("p", { class: "kit-tool__hint", id, text: hint }));
  }
  return h("div", { class: "kit-tool__field" }, kids);
}

export function button(text, onclick, attrs = {}) {
  return h("button", { type: "button", class: "md-button", onclick, ...attrs, text });
}

export function select(options, value, attrs = {}) {
  const el = h("select", attrs, options.map(([v, text]) => h("option", { value: v, text })));
  el.value = value;
  return el;
}

/** Save text as a file on this device. */
export function download(name, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
