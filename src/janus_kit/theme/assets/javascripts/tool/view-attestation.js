/* The attestation of soft skills: one A4 page (portrait) printed from a review, in the
 * reader's language: the trainee, the period, the host company and the training centre;
 * each skill with its agreed level, what the level means and a short evidence summary;
 * the raters' signatures and dates; the kit's version; a QR code to the verification
 * page when badges were made at this review. It says clearly that it is not a
 * qualification. It prints instead of the review record (see badges.js). */

import { h } from "./dom.js";
import { reviewData } from "./review.js";
import { liveCheckpoints } from "./record.js";
import { qrSvg } from "./qr.js";
import { today } from "./util.js";
import { badgeTexts, madeAt, sessionFacts, ratersText } from "./badges.js";

const EVIDENCE_MAX = 160; // characters per skill: the page stays one page

function evidence(notes, tx) {
  const text = notes.map((n) => `${tx.rater(n.rater)}: ${n.text.replace(/\s+/g, " ").trim()}`).join(" · ");
  return text.length > EVIDENCE_MAX ? `${text.slice(0, EVIDENCE_MAX - 1).trimEnd()}…` : text;
}

export function attestationView(app, rec, cp) {
  const { fw, tx, data } = app;
  const bt = badgeTexts(app);
  const facts = sessionFacts();
  const review = reviewData(fw, rec, cp.id);
  const first = liveCheckpoints(rec)[0];
  const start = first && first.date ? tx.date(first.date) : "—";
  const end = cp.date ? tx.date(cp.date) : "—";
  const made = madeAt(cp);
  const th = (text) => h("th", { scope: "col", text });
  const rows = review.grids.map((g) => [
    h("tr", { class: "kit-record__competence" }, h("th", { colspan: 4, scope: "rowgroup", text: g.title })),
    g.skills.map((s) => {
      const final = s.agreed.final ? s.agreed.value : undefined;
      const level = final === undefined ? "—" : final === fw.none ? tx.scale(final) : `${final} ${tx.scale(final)}`;
      return h("tr", { "data-skill": s.skill.id },
        h("th", { scope: "row", text: s.skill.name }),
        h("td", { class: "kit-attest__level", text: level }),
        h("td", { text: final === undefined || final === fw.none ? "" : tx.meaning(final) }),
        h("td", { class: "kit-attest__evidence", text: s.notes.length ? evidence(s.notes, tx) : bt.c("no_evidence") }));
    }),
  ]);
  const qr = h("div", { class: "kit-attest__qr" });
  const verify = data.badges && data.badges.verify_url;
  if (made.length && verify) {
    qrSvg(verify, { src: app.asset("vendor/qrcode-generator.js"), label: bt.c("qr") }).then((el) => qr.prepend(el)).catch(() => {});
    qr.append(h("p", { text: bt.c("qr") }), h("p", { class: "kit-attest__url", text: verify }),
      h("p", { text: bt.c("badges_listed", { skills: made.map((m) => m.name + (m.signed ? "" : ` (${bt.b("unsigned")})`)).join(", ") }) }));
  }
  const S = (data.badges && data.badges.strings) || {};
  const kitName = (S.site && S.site.name) || fw.kit;
  return h("div", { class: "kit-record kit-attest", "data-checkpoint": cp.id },
    h("h1", { text: bt.c("attestation_title") }),
    h("p", { class: "kit-attest__not", text: bt.c("not_qualification", { raters: ratersText(app, fw.raters.length) }) }),
    h("dl", { class: "kit-record__facts" },
      h("dt", { text: bt.c("trainee") }), h("dd", { class: "kit-attest__trainee", text: rec.trainee.name || rec.trainee.code }),
      h("dt", { text: bt.c("period") }), h("dd", { text: bt.c("period_value", { start, end }) }),
      h("dt", { text: bt.c("company") }), h("dd", { text: facts.company || "—" }),
      h("dt", { text: bt.c("centre") }), h("dd", { text: facts.centre || "—" }),
      h("dt", { text: bt.c("checkpoint") }), h("dd", { text: [tx.kind(cp.kind), cp.label, cp.date ? tx.date(cp.date) : ""].filter(Boolean).join(", ") })),
    h("p", { text: bt.c("attestation_intro", { raters: ratersText(app, fw.raters.length) }) }),
    h("table", { class: "kit-attest__table" },
      h("thead", {}, h("tr", {}, th(bt.c("skill")), th(bt.c("level")), th(bt.c("meaning")), th(bt.c("evidence")))),
      h("tbody", {}, rows)),
    h("div", { class: "kit-attest__foot" },
      h("div", { class: "kit-record__signatures kit-attest__signatures" }, fw.raters.map((r) => h("p", { class: "kit-record__sign" },
        h("span", { text: `${tx.pdf("signature")}: ${tx.rater(r)}` }), h("span", { class: "kit-record__line" }),
        h("span", { text: `${bt.c("signed_on")}: ` }), h("span", { class: "kit-record__line kit-record__line--short" })))),
      qr),
    h("p", { class: "kit-attest__kit", text: bt.c("kit_version", { kit: kitName, version: (data.kit && data.kit.version) || "", date: tx.date(today()) }) }));
}
