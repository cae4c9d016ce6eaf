/* The reader's language: every word comes from the page's strings (strings.yml), dates in
 * the language's own format. Keys missing in a translation fall back to English at build. */

export function fill(text, values = {}) {
  return String(text).replace(/\{(\w+)\}/g, (m, k) => (Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m));
}

export function makeTexts(strings, fw) {
  const S = strings;
  const tx = {
    S,
    t: (key, values) => fill(Object.prototype.hasOwnProperty.call(S.tool, key) ? S.tool[key] : key, values),
    rater: (r) => (S.raters && S.raters[r]) || r,
    kind: (k) => (S.checkpoints && S.checkpoints[k]) || k,
    scale: (v) => (S.scale && S.scale[v] ? S.scale[v].label : String(v)),
    meaning: (v) => (S.scale && S.scale[v] ? S.scale[v].meaning : ""),
    flagName: (id) => (S.flags && S.flags[id] ? S.flags[id].name : id),
    flagRule: (id) => (S.flags && S.flags[id] ? S.flags[id].rule : ""),
    rule: (key) => (S.rules && S.rules[key]) || "",
    pdf: (key) => (S.pdf && S.pdf[key]) || key,
  };
  tx.date = (iso) => {
    if (!iso) return tx.t("no_date");
    const [year, month, day] = iso.split("-").map(Number);
    return fill(S.language.date_format, { day, month, month_name: S.language.months[month - 1], year });
  };
  /** A stamp as a date and time on this device's clock. */
  tx.when = (stamp) => {
    const d = new Date(stamp);
    const two = (n) => String(n).padStart(2, "0");
    const day = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
    return tx.t("date_time", { date: tx.date(day), time: `${two(d.getHours())}:${two(d.getMinutes())}` });
  };
  tx.checkpoint = (cp) => {
    if (!cp) return "";
    const name = cp.label ? `${tx.kind(cp.kind)} – ${cp.label}` : tx.kind(cp.kind);
    return cp.date ? tx.t("checkpoint_on", { checkpoint: name, date: tx.date(cp.date) }) : name;
  };
  /** A level in words: "3 On my own"; "Not observed" (never 0); "—" when nothing is rated. */
  tx.level = (v) => {
    if (v === undefined || v === null) return tx.t("nothing_rated");
    if (v === fw.none) return tx.scale(v);
    return `${v} ${tx.scale(v)}`;
  };
  tx.trainee = (rec) => {
    const t = rec.trainee;
    const extra = [t.code, t.centre].filter(Boolean).join(", ");
    return t.name ? `${t.name} (${extra})` : extra;
  };
  tx.size = (chars) => {
    const kb = chars / 1000;
    const text = kb >= 1000 ? (kb / 1000).toFixed(1) : kb < 10 ? kb.toFixed(1) : String(Math.round(kb));
    const value = text.replace(".", S.language.decimal || ".");
    return kb >= 1000 ? fill(S.downloads.size_mb, { size: value }) : fill(S.downloads.size_kb, { size: value });
  };
  return tx;
}
