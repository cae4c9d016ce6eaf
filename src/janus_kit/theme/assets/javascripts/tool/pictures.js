/* The pictures the build drew for the tool's page (janus_kit.pictures): the scale and the
 * icon of each skill and rater, in a hidden block of the page. The tool copies them as
 * elements; it never parses markup. A page without them (another engine) shows none. */

function source(selector) {
  const box = document.getElementById("kit-tool-pictures");
  return box ? box.querySelector(selector) : null;
}

/** A decorative copy of a skill's or a rater's icon, or null. */
export function icon(id, cls = "kit-icon") {
  const found = source(`[data-kit-icon="${CSS.escape(id)}"] svg`);
  if (!found) return null;
  const copy = found.cloneNode(true);
  copy.setAttribute("class", `${cls} kit-icon--${id}`);
  copy.setAttribute("aria-hidden", "true");
  return copy;
}

let serial = 0;

/** A copy of a picture (an image with its own title and description), with fresh ids. */
export function picture(name) {
  const found = source(`[data-kit-picture="${CSS.escape(name)}"] svg`);
  if (!found) return null;
  const copy = found.cloneNode(true);
  const renamed = new Map();
  serial += 1;
  for (const el of copy.querySelectorAll("[id]")) {
    const fresh = `${el.id}-${serial}`;
    renamed.set(el.id, fresh);
    el.id = fresh;
  }
  for (const attr of ["aria-labelledby", "aria-describedby"]) {
    const ids = copy.getAttribute(attr);
    if (ids) copy.setAttribute(attr, ids.split(/\s+/).map((id) => renamed.get(id) || id).join(" "));
  }
  return copy;
}
