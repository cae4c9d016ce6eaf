/* Words and dates in the reader's language, from the page's strings (strings.yml). */

export function fill(text, values = {}) {
  return String(text).replace(/\{(\w+)\}/g, (m, k) => (Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m));
}

export function texts(strings) {
  const group = (name) => (strings && strings[name]) || {};
  const pick = (name) => (key, values) => {
    const g = group(name);
    return fill(Object.prototype.hasOwnProperty.call(g, key) ? g[key] : key, values);
  };
  const tx = { c: pick("certification"), b: pick("badges") };
  /** "YYYY-MM-DD..." as the language writes a date. */
  tx.date = (iso) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso || ""));
    const lang = group("language");
    if (!m || !lang.date_format || !lang.months) return String(iso || "");
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return fill(lang.date_format, { day, month, month_name: lang.months[month - 1], year });
  };
  tx.scale = (v) => {
    const s = group("scale")[String(v)];
    return s ? s.label : String(v);
  };
  tx.meaning = (v) => {
    const s = group("scale")[String(v)];
    return s ? s.meaning : "";
  };
  return tx;
}

export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") el.textContent = String(v);
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const kid of kids.flat(Infinity)) if (kid !== null && kid !== undefined && kid !== false) el.append(kid);
  return el;
}
