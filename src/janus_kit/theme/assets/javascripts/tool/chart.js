/* One chart per skill for the review: each rater's level at each checkpoint up to this one,
 * with the agreed level behind them as a bar, and the same numbers as a table (the chart's
 * text alternative, on screen and on paper). The raters differ by marker and line as well
 * as by colour, so the chart reads in black and white; words come from strings.yml. */

import { h, svg } from "./dom.js";
import { fill } from "./i18n.js";
import { liveCheckpoints, levelsAt, agreedAt } from "./record.js";

export const MAX_POINTS = 8; // the last checkpoints a chart shows
const W = 320;
const H = 172;
const LEFT = 24;
const RIGHT = 8;
const TOP = 10;
const BASE = 128; // the floor of the bars
const MARKERS = ["circle", "square", "triangle", "diamond"];
const DASHES = ["", "6 3", "1.5 3", "8 2 2 2"];
const dash = (k) => (DASHES[k % DASHES.length] ? { "stroke-dasharray": DASHES[k % DASHES.length] } : {});

/** The points of one skill's chart: the live checkpoints up to ``cpId``, in date order,
 * with each rater's level and the agreed level (pure: tested with Node). */
export function history(fw, rec, cpId, skillId, max = MAX_POINTS) {
  const live = liveCheckpoints(rec);
  const at = live.findIndex((c) => c.id === cpId);
  const upto = at < 0 ? live : live.slice(0, at + 1);
  return upto.slice(-max).map((cp) => ({ cp, levels: levelsAt(fw, rec, cp.id, skillId), agreed: agreedAt(fw, rec, cp.id, skillId) }));
}

/** A checkpoint's date, short, in the page's language ("3 May"; with the year when the
 * checkpoints span years); its number when it has no date. ``lang`` is a BCP 47 tag: the
 * page's language, or its own strings.yml pictures.chart.date_locale (e.g. "en-GB"). */
export function tickLabel(lang, cp, index, years) {
  if (!cp.date) return `#${index + 1}`;
  const [y, m, d] = cp.date.split("-").map(Number);
  const options = years ? { day: "numeric", month: "short", year: "2-digit", timeZone: "UTC" } : { day: "numeric", month: "short", timeZone: "UTC" };
  try {
    return new Intl.DateTimeFormat(lang, options).format(new Date(Date.UTC(y, m - 1, d)));
  } catch {
    return cp.date;
  }
}

function marker(kind, x, y, r) {
  if (kind === "square") return svg("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r });
  if (kind === "triangle") return svg("path", { d: `M${x} ${y - r * 1.2}L${x + r * 1.15} ${y + r * 0.8}L${x - r * 1.15} ${y + r * 0.8}Z` });
  if (kind === "diamond") return svg("path", { d: `M${x} ${y - r * 1.25}L${x + r * 1.1} ${y}L${x} ${y + r * 1.25}L${x - r * 1.1} ${y}Z` });
  return svg("circle", { cx: x, cy: y, r });
}

/** The chart as an SVG image with a title and a description. */
export function chartSvg(app, points, { title, ident }) {
  const { fw, tx } = app;
  const levels = fw.rated.slice().sort((a, b) => a - b);
  const step = (BASE - TOP) / levels.length;
  const y = (v) => BASE - (levels.indexOf(v) + 1) * step;
  const slot = (W - LEFT - RIGHT) / Math.max(1, points.length);
  const x = (i) => LEFT + slot * (i + 0.5);
  const years = new Set(points.filter((p) => p.cp.date).map((p) => p.cp.date.slice(0, 4))).size > 1;
  const el = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "kit-chart__svg", role: "img", "aria-labelledby": `${ident}-title`, "aria-describedby": `${ident}-desc` });
  el.append(svg("title", { id: `${ident}-title` }, title), svg("desc", { id: `${ident}-desc` }, fill(tx.S.pictures.chart.desc, { top: fw.top })));
  const grid = svg("g", { class: "kit-chart__grid" });
  for (const v of levels) {
    grid.append(svg("line", { x1: LEFT, x2: W - RIGHT, y1: y(v), y2: y(v) }));
    grid.append(svg("text", { x: LEFT - 7, y: y(v) + 4, "text-anchor": "end", class: "kit-chart__label" }, String(v)));
  }
  grid.append(svg("line", { x1: LEFT, x2: W - RIGHT, y1: BASE, y2: BASE, class: "kit-chart__floor" }));
  el.append(grid);
  const bars = svg("g", { class: "kit-chart__agreed" });
  points.forEach((p, i) => {
    const v = p.agreed.value;
    if (v === undefined || v === null || !levels.includes(v)) return;
    const width = Math.min(30, slot * 0.55);
    bars.append(svg("rect", { x: x(i) - width / 2, y: y(v), width, height: BASE - y(v), class: p.agreed.final ? "kit-chart__bar" : "kit-chart__bar kit-chart__bar--suggested" }));
  });
  el.append(bars);
  fw.raters.forEach((r, k) => {
    const dx = (k - (fw.raters.length - 1) / 2) * Math.min(7, slot / 8);
    const g = svg("g", { class: `kit-chart__rater kit-chart__rater--${k}`, "data-rater": r });
    let run = [];
    const flush = () => {
      if (run.length > 1) g.append(svg("polyline", { points: run.map(([px, py]) => `${px},${py}`).join(" "), fill: "none", ...dash(k) }));
      run = [];
    };
    const shown = (v) => v !== undefined && levels.includes(v); // "not observed" is no point
    points.forEach((p, i) => {
      const v = p.levels.get(r);
      if (!shown(v)) return flush();
      run.push([x(i) + dx, y(v)]);
    });
    flush();
    points.forEach((p, i) => {
      const v = p.levels.get(r);
      if (shown(v)) g.append(marker(MARKERS[k % MARKERS.length], x(i) + dx, y(v), 4.2));
    });
    el.append(g);
  });
  const ticks = svg("g", { class: "kit-chart__ticks" });
  const locale = app.data.date_locale || app.data.lang;
  const stagger = slot < 58; // long dates side by side would touch: every other one lower
  points.forEach((p, i) => ticks.append(svg("text", { x: x(i), y: BASE + 18 + (stagger && i % 2 ? 14 : 0), "text-anchor": "middle", class: "kit-chart__label" }, tickLabel(locale, p.cp, i, years))));
  el.append(ticks);
  return el;
}

/** The key of the chart: each rater's marker and line, and the agreed bar, with their names. */
export function chartKey(app) {
  const { fw, tx } = app;
  const swatch = (k) => {
    const s = svg("svg", { viewBox: "0 0 28 12", class: `kit-chart__swatch kit-chart__rater--${k}`, "aria-hidden": "true" });
    s.append(svg("line", { x1: 1, x2: 27, y1: 6, y2: 6, ...dash(k) }), marker(MARKERS[k % MARKERS.length], 14, 6, 3.6));
    return s;
  };
  const bar = svg("svg", { viewBox: "0 0 28 12", class: "kit-chart__swatch", "aria-hidden": "true" });
  bar.append(svg("rect", { x: 8, y: 1, width: 12, height: 11, class: "kit-chart__bar" }));
  return h("ul", { class: "kit-chart__key", "aria-hidden": "true" },
    fw.raters.map((r, k) => h("li", {}, swatch(k), tx.rater(r))),
    h("li", { class: "kit-chart__key-agreed" }, h("span", { class: "kit-chart__agreed" }, bar), tx.S.pictures.chart.agreed));
}

/** The same numbers as a table; ``cell(v)`` makes the cell of a level. */
export function chartTable(app, points, caption, cell) {
  const { fw, tx } = app;
  const th = (text) => h("th", { scope: "col", text });
  return h("table", { class: "kit-tool__table kit-chart__table" },
    h("caption", { class: "kit-tool__sr", text: caption }),
    h("thead", {}, h("tr", {}, th(tx.S.pictures.chart.checkpoint), fw.raters.map((r) => th(tx.rater(r))), th(tx.S.pictures.chart.agreed))),
    h("tbody", {}, points.map((p) => h("tr", { "data-checkpoint": p.cp.id },
      h("th", { scope: "row", text: tx.checkpoint(p.cp) }),
      fw.raters.map((r) => cell(p.levels.get(r))),
      cell(p.agreed.value)))));
}

let charts = 0;

/** One skill's chart, its key and its table; null before a second checkpoint. ``cell(v)``
 * makes a table cell of a level; ``print``: the skill's name above, the table always shown
 * (on screen it folds away under the chart), and no key (the page has one for all). */
export function skillChart(app, rec, cpId, skill, { cell, print = false }) {
  const points = history(app.fw, rec, cpId, skill.id);
  if (points.length < 2) return null;
  charts += 1;
  const title = fill(app.tx.S.pictures.chart.title, { name: skill.name });
  const ident = `kt-chart-${print ? "p" : "s"}${charts}`;
  const table = chartTable(app, points, title, cell);
  return h("div", { class: `kit-chart${print ? " kit-chart--print" : ""}`, role: "group", "aria-labelledby": `${ident}-title`, "data-skill": skill.id },
    print ? h("p", { class: "kit-chart__name", text: skill.name }) : null,
    chartSvg(app, points, { title, ident }),
    print ? null : chartKey(app),
    print ? table : h("details", { class: "kit-tool__detail kit-chart__more" }, h("summary", { text: app.tx.S.pictures.chart.table }), h("div", { class: "kit-tool__scroll" }, table)));
}
