/* The verification page: open a badge file, paste its text, or follow a badge link (#z=...);
 * the check runs here (verify.js) and the result is shown in the reader's language. Text
 * from the badge is shown as text only, and links from it only when they are https. */

import { check } from "./verify.js";
import { identityMatches } from "./credential.js";
import { texts, h } from "./text.js";

const MAX_FILE = 200000;

function safeUrl(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}

function link(url, text) {
  const href = safeUrl(url);
  return href ? h("a", { href, rel: "external noopener", text }) : h("span", { text });
}

export function resultView(data, result, tx) {
  const messages = {
    valid: () => tx.c("result_valid", { issuer: data.issuer.name }),
    invalid: () => tx.c("result_invalid", { issuer: data.issuer.name }),
    unsigned: () => tx.c("result_unsigned"),
    foreign: () => tx.c("result_foreign", { kid: result.kid || "—" }),
    claims: () => tx.c("result_claims", { field: result.field }),
    "not-yet": () => tx.c("result_not_yet", { date: tx.date(result.credential.validFrom) }),
    "too-big": () => tx.c("result_too_big", { size: "200 kB" }),
    unreadable: () => tx.c("result_unreadable"),
  };
  const box = h("section", { class: `kit-verify__result kit-verify__result--${result.status}`, "data-status": result.status, "aria-live": "polite" },
    h("p", { class: "kit-verify__status", text: messages[result.status]() }));
  if (!result.credential) return box;
  const cred = result.credential;
  const local = result.skill && data.achievements ? data.achievements[result.skill] : null;
  const shown = local || cred.credentialSubject.achievement;
  const issuer = typeof cred.issuer === "string" ? { id: cred.issuer, name: cred.issuer } : cred.issuer;
  const facts = h("dl", { class: "kit-verify__facts" },
    h("dt", { text: tx.c("achievement") }), h("dd", { class: "kit-verify__achievement", text: String(shown.name || "") }),
    result.level !== null ? [h("dt", { text: tx.b("result_name") }), h("dd", { class: "kit-verify__level", text: `${result.level} ${tx.scale(result.level)}: ${tx.meaning(result.level)}` })] : null,
    h("dt", { text: tx.c("issuer") }), h("dd", { text: String(issuer.name || issuer.id || "") }),
    h("dt", { text: tx.c("issued_on", { date: "" }).replace(/\s*$/, "") }), h("dd", { text: tx.date(cred.validFrom) }),
    h("dt", { text: tx.c("recipient") }), h("dd", { class: "kit-verify__recipient" }, recipient(result, tx)));
  const alignment = Array.isArray(shown.alignment) ? shown.alignment.filter((a) => a && typeof a === "object") : [];
  const parts = [facts,
    shown.description ? h("p", { text: String(shown.description) }) : null,
    alignment.length ? h("h3", { text: tx.c("alignment") }) : null,
    alignment.length ? h("ul", { class: "kit-verify__alignment" }, alignment.map((a) => h("li", { "data-target": String(a.targetUrl || "") },
      link(a.targetUrl, String(a.targetName || a.targetUrl || "")), a.targetFramework ? ` (${String(a.targetFramework)})` : ""))) : null,
    shown.criteria && shown.criteria.narrative ? [h("h3", { text: tx.c("criteria") }), h("p", { text: String(shown.criteria.narrative) })] : null];
  box.append(...parts.flat().filter(Boolean)); // append() would write an array or null as text
  return box;
}

function recipient(result, tx) {
  const id = result.identity;
  if (!id) return "—";
  if (!id.hashed) return String(id.identityHash);
  const input = h("input", { type: "text", id: "kv-name", autocomplete: "off", maxlength: "120" });
  const out = h("span", { class: "kit-verify__match", "aria-live": "polite" });
  return [h("span", { text: tx.c("recipient_hidden") }), " ", input, " ",
    h("button", { type: "button", class: "md-button", onclick: async () => {
      out.textContent = (await identityMatches(id, input.value)) ? tx.c("recipient_match") : tx.c("recipient_no_match");
    }, text: tx.c("recipient_check") }), " ", out];
}

export function startVerifyPage(data, root) {
  const tx = texts(data.strings);
  const result = h("div", { id: "kv-result" });
  const show = async (text) => {
    const got = await check(text, data);
    result.replaceChildren(resultView(data, got, tx));
  };
  const file = h("input", { type: "file", id: "kv-file", accept: ".json,.jwt,.txt,application/json" });
  file.addEventListener("change", async () => {
    const f = file.files && file.files[0];
    if (!f) return;
    if (f.size > MAX_FILE) return result.replaceChildren(resultView(data, { status: "too-big" }, tx));
    await show(await f.text());
  });
  const paste = h("textarea", { id: "kv-text", rows: "4", spellcheck: "false" });
  root.replaceChildren(...[
    h("p", { class: "kit-tool__privacy", text: tx.c("verify_offline") }),
    data.signed ? null : h("p", { class: "kit-tool__warn", text: tx.b("unsigned_site") }),
    h("div", { class: "kit-tool__field" }, h("label", { for: "kv-file", text: tx.c("verify_file") }), file),
    h("div", { class: "kit-tool__field" }, h("label", { for: "kv-text", text: tx.c("verify_paste") }), paste),
    h("p", {}, h("button", { type: "button", class: "md-button md-button--primary", id: "kv-check", onclick: () => show(paste.value), text: tx.c("verify_button") })),
    result].filter(Boolean));
  const fromHash = () => (/#z=/.test(location.hash) ? show(location.href) : null);
  window.addEventListener("hashchange", fromHash);
  fromHash();
  return { show };
}
