/* Badges and the attestation at a review: which skills reached the badge level (the model's
 * rule), what goes into a badge (the trainee's name or a code, with the trainee's consent),
 * the centre's private key opened from a file on this device, and the badges made as
 * files and links. The signing code (../badges/, loaded as badges.bundle.js when first
 * used) follows Open Badges 3.0 section 8.2. The private key lives only in this module's
 * memory while the page is open: never in localStorage, IndexedDB or a file, never sent. */

import { h, field, button, download } from "./dom.js";
import { qrSvg } from "./qr.js";
import { reviewData } from "./review.js";
import { fill } from "./i18n.js";
import { today } from "./util.js";

const MAX_KEY_FILE = 20000;
// What this page session knows: the key (a non-extractable CryptoKey) and the badges made.
const session = { key: null, made: new Map(), hidden: true, name: null, agreed: false, company: "", centre: null, keyNote: "" };
let loading = null;

export function forgetKey() {
  session.key = null;
  session.keyNote = "";
}

/** The words of the badges and certification groups of this language. */
export function badgeTexts(app) {
  const S = (app.data.badges && app.data.badges.strings) || {};
  const pick = (group) => (key, values) => fill(S[group] && Object.prototype.hasOwnProperty.call(S[group], key) ? S[group][key] : key, values);
  return { b: pick("badges"), c: pick("certification") };
}

function loadBadges(src) {
  if (globalThis.KitBadges) return Promise.resolve(globalThis.KitBadges);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = () => (globalThis.KitBadges ? resolve(globalThis.KitBadges) : reject(new Error("badges")));
      s.onerror = () => reject(new Error("badges"));
      document.head.append(s);
    });
  }
  return loading;
}

/** The skills of this review that earn a badge: a final agreed level of the rule's level or
 * more, and rated by at least the rule's number of raters. */
export function badgeSkills(app, rec, cp) {
  const badges = app.data.badges;
  if (!badges || !badges.enabled) return [];
  const rule = badges.rule;
  const data = reviewData(app.fw, rec, cp.id);
  return data.grids.flatMap((g) => g.skills)
    .filter((s) => s.agreed.final && Number.isInteger(s.agreed.value) && s.agreed.value >= rule.level && s.levels.size >= rule.raters)
    .map((s) => ({ id: s.skill.id, name: s.skill.name, level: s.agreed.value }));
}

export const madeAt = (cp) => session.made.get(cp.id) || [];
export const sessionFacts = () => session;

async function makeBadges(app, rec, cp, skills) {
  const { data } = app;
  const B = await loadBadges(app.asset("badges.bundle.js"));
  const subject = await B.subjectId(data.badges.kit.id, rec.trainee.id);
  const out = [];
  for (const s of skills) {
    const identity = await B.identityObject(session.name, { hidden: session.hidden });
    const credential = B.makeCredential({
      achievement: data.badges.achievements[s.id], issuer: data.badges.issuer, contexts: data.badges.contexts,
      schema: data.badges.schema, subject, identity, level: s.level, reviewDate: cp.date,
    });
    const signed = Boolean(data.badges.signed && session.key);
    const text = signed ? await B.sign(credential, session.key, data.badges.kid) : JSON.stringify(credential, null, 2);
    const file = `${data.badges.kit.id}-${s.id}-${cp.date || today()}${signed ? ".jwt" : "-unsigned.json"}`;
    const link = data.badges.verify_url ? await B.toLink(data.badges.verify_url, text) : "";
    out.push({ skill: s.id, name: s.name, level: s.level, signed, text, file, link });
  }
  session.made.set(cp.id, out);
}

function keyPart(app, bt) {
  const badges = app.data.badges;
  if (!badges.signed) return h("p", { class: "kit-tool__warn", id: "kt-badge-unsigned", text: bt.b("unsigned_site") });
  const input = h("input", { type: "file", id: "kt-badge-key", accept: ".pem,.json,.jwk,.key,.txt" });
  input.addEventListener("change", async () => {
    const f = input.files && input.files[0];
    input.value = "";
    if (!f) return;
    try {
      if (f.size > MAX_KEY_FILE) throw new Error("key-file");
      const B = await loadBadges(app.asset("badges.bundle.js"));
      session.key = await B.importPrivate(await f.text(), badges.keys[badges.kid]);
      session.keyNote = bt.b("key_loaded");
      window.addEventListener("pagehide", forgetKey, { once: true });
      app.clearAlert();
    } catch {
      forgetKey();
      app.complain(bt.b("key_wrong"));
    }
    app.render({ focus: "kt-badge-key" });
  });
  return h("div", { class: "kit-tool__badge-key" },
    field(input, bt.b("key_label"), bt.b("key_hint")),
    session.key ? h("p", { class: "kit-tool__hint", id: "kt-badge-key-ok", text: session.keyNote }) : null,
    session.key ? button(bt.b("key_forget"), () => {
      forgetKey();
      app.render({ focus: "kt-badge-key" });
    }, { id: "kt-badge-forget" }) : null);
}

function madePart(app, cp, bt) {
  const made = madeAt(cp);
  if (!made.length) return null;
  const items = made.map((m) => {
    const qr = h("div", { class: "kit-tool__badge-qr" });
    if (m.link) {
      // Error correction L: a badge is long (about 2.3 kB as a link), and a screen is clean.
      qrSvg(m.link, { src: app.asset("vendor/qrcode-generator.js"), label: bt.b("qr_label", { skill: m.name }), level: "L" })
        .then((el) => qr.replaceChildren(el))
        .catch(() => qr.replaceChildren(h("p", { class: "kit-tool__hint", text: bt.b("qr_too_long") })));
    }
    return h("li", { class: "kit-tool__badge", "data-skill": m.skill, "data-signed": m.signed ? "yes" : "no" },
      h("strong", { text: m.name }), " ",
      h("span", { class: m.signed ? "kit-tool__badge-signed" : "kit-tool__badge-unsigned", text: m.signed ? bt.b("signed", { issuer: app.data.badges.issuer.name }) : bt.b("unsigned") }),
      h("div", { class: "kit-tool__bar" }, button(bt.b("download", { skill: m.name }), () => download(m.file, m.text, m.signed ? "application/jwt" : "application/json"), { class: "md-button kit-tool__badge-save" })),
      m.link ? field(h("input", { type: "text", readonly: true, value: m.link, class: "kit-tool__badge-link" }), bt.b("link")) : null,
      qr);
  });
  return h("div", { class: "kit-tool__badges-made" },
    h("p", { role: "status", text: bt.b("made", { count: made.length }) }),
    h("ul", {}, items),
    session.hidden ? h("p", { class: "kit-tool__hint", text: bt.b("salt_note", { name: session.name }) }) : null);
}

/** The "Badges and attestation" part of the review view. */
export function badgesPart(app, rec, cp) {
  const badges = app.data.badges;
  const bt = badgeTexts(app);
  const skills = badgeSkills(app, rec, cp);
  if (session.name === null) session.name = rec.trainee.name || rec.trainee.code;
  if (session.centre === null) session.centre = rec.trainee.centre || (badges && badges.issuer ? badges.issuer.name : "");
  const text = (id, value, label, set) => field(h("input", { type: "text", id, value, maxlength: "120", autocomplete: "off", oninput: (e) => set(e.target.value) }), label);
  const attestation = h("div", { class: "kit-tool__attest" },
    text("kt-attest-company", session.company, bt.c("company"), (v) => (session.company = v)),
    text("kt-attest-centre", session.centre, bt.c("centre"), (v) => (session.centre = v)),
    button(bt.c("attestation"), () => printAttestation(app), { class: "md-button md-button--primary", id: "kt-attest-print" }));
  if (!badges || !badges.enabled) {
    return h("section", { class: "kit-tool__badges", "aria-labelledby": "kt-badges-title" }, h("h3", { id: "kt-badges-title", text: bt.c("attestation_title") }), attestation);
  }
  const radio = (value, label) => h("p", { class: "kit-tool__check" },
    h("input", { type: "radio", name: "kt-badge-who", id: `kt-badge-${value}`, value, checked: session.hidden === (value === "code"), onchange: () => {
      session.hidden = value === "code";
      app.render({ focus: `kt-badge-${value}` });
    } }), h("label", { for: `kt-badge-${value}`, text: label }));
  const agree = h("input", { type: "checkbox", id: "kt-badge-agree", checked: session.agreed, onchange: (e) => (session.agreed = e.target.checked) });
  const issue = button(badges.signed && session.key ? bt.b("issue") : bt.b("issue_unsigned"), async () => {
    if (!session.agreed) return app.complain(bt.b("agree_needed"));
    if (!String(session.name || "").trim()) return app.complain(bt.b("name_needed"));
    app.clearAlert();
    await makeBadges(app, rec, cp, skills);
    app.render({ focus: "kt-badges-title" });
  }, { class: "md-button md-button--primary", id: "kt-badge-issue", disabled: !skills.length });
  return h("section", { class: "kit-tool__badges", "aria-labelledby": "kt-badges-title" },
    h("h3", { id: "kt-badges-title", tabindex: "-1", text: bt.b("title") }),
    h("p", { text: bt.b("intro") }),
    skills.length
      ? [h("p", { text: bt.b("reached", { level: badges.rule.level, raters: ratersText(app, badges.rule.raters) }) }), h("ul", { class: "kit-tool__badge-skills" }, skills.map((s) => h("li", { "data-skill": s.id, text: `${s.name}: ${app.tx.level(s.level)}` })))]
      : h("p", { class: "kit-tool__hint", id: "kt-badge-none", text: bt.b("none_reached") }),
    skills.length ? h("fieldset", { class: "kit-tool__badge-privacy" },
      h("legend", { text: bt.b("privacy_title") }),
      h("p", { text: bt.b("privacy") }),
      radio("name", bt.b("with_name")), radio("code", bt.b("with_code")),
      text("kt-badge-name", session.name, bt.b("name_label"), (v) => (session.name = v)),
      h("p", { class: "kit-tool__check" }, agree, h("label", { for: "kt-badge-agree", text: bt.b("agree") }))) : null,
    skills.length ? keyPart(app, bt) : null,
    skills.length ? h("div", { class: "kit-tool__bar" }, issue) : null,
    madePart(app, cp, bt),
    h("h3", { text: bt.c("attestation_title") }), attestation);
}

/** "Trainee, Company tutor, Trainer", or the number when not every rater is needed. */
export function ratersText(app, count) {
  return count >= app.fw.raters.length ? app.fw.raters.map((r) => app.tx.rater(r)).join(", ") : String(count);
}

/** The attestation is A4 portrait (the review record is landscape): a page rule that
 * lasts while it prints, and the attestation printed instead of the record. */
function printAttestation(app) {
  app.state.printing = "attestation";
  app.render();
  const page = document.createElement("style");
  page.id = "kt-attest-page";
  page.textContent = "@page { size: A4 portrait; margin: 12mm; }";
  document.body.append(page); // after tool.css, whose landscape page rule it overrides
  const done = () => {
    window.removeEventListener("afterprint", done);
    page.remove();
    app.state.printing = "";
    app.render({ focus: "kt-attest-print" });
  };
  window.addEventListener("afterprint", done);
  window.print();
}
