/* The level rules (strings.yml, rules:): a rater's level of a skill is the median of the
 * indicators rated on the scale without "not observed", rounded down; the suggested agreed
 * level is the median of the raters' levels, rounded down. "Not observed" is never a low
 * score: it is left out. A result is a scale value, fw.none (only "not observed" was
 * given), or undefined (nothing rated yet). */

/** Median; of an even count, the mean of the middle two rounded down. */
export function median(values) {
  const v = values.slice().sort((a, b) => a - b);
  const n = v.length;
  if (!n) return undefined;
  return n % 2 ? v[(n - 1) / 2] : Math.floor((v[n / 2 - 1] + v[n / 2]) / 2);
}

function level(fw, values) {
  const given = values.filter((v) => v !== undefined && v !== null);
  if (!given.length) return undefined;
  const rated = given.filter((v) => fw.rated.includes(v));
  return rated.length ? median(rated) : fw.none;
}

/** One rater's level from the values of a skill's indicators (null = not rated yet). */
export function raterLevel(fw, values) {
  return level(fw, values || []);
}

/** The suggested agreed level from the raters' levels ({rater: level} or a Map). */
export function suggestedLevel(fw, levels) {
  const values = levels instanceof Map ? [...levels.values()] : Object.values(levels || {});
  return level(fw, values);
}

export function isObserved(fw, v) {
  return v !== undefined && v !== null && fw.rated.includes(v);
}
