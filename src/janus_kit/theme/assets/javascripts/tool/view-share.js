/* Passing a checkpoint between devices: the invitation (link, QR code, file) and the
 * rater's file (save, or send with the Web Share API where the browser has it). */

import { h, field, button, download } from "./dom.js";
import { makeInvitation, invitationFragment } from "./invite.js";
import { serialize, progress } from "./record.js";
import { qrSvg } from "./qr.js";

export const fileName = (app, rec, what) => `${app.fw.kit}-${rec.trainee.code}-${what}.json`.replace(/[^A-Za-z0-9._-]+/g, "-");

async function share(app, file, text) {
  try {
    await navigator.share(file ? { files: [file], title: text } : { url: text, title: app.tx.t("invite_title") });
  } catch (e) {
    if (e && e.name !== "AbortError") app.complain(app.tx.t("error_share"));
  }
}

export function inviteLink(rec, cp, fw) {
  return `${location.href.split("#")[0]}${invitationFragment(makeInvitation(fw, rec, cp))}`;
}

export function shareView(app, rec, cp) {
  const { fw, tx } = app;
  const link = inviteLink(rec, cp, fw);
  const linkBox = h("input", { type: "text", id: "kt-invite-link", readonly: true, value: link });
  const qr = h("div", { class: "kit-tool__qr-box", id: "kt-qr" });
  qrSvg(link, { src: app.asset("vendor/qrcode-generator.js"), label: tx.t("qr_alt", { checkpoint: tx.checkpoint(cp) }) })
    .then((el) => qr.replaceChildren(el), () => qr.replaceChildren(h("p", { text: tx.t("error_qr") })));
  const canShare = typeof navigator.share === "function";
  const invite = h("section", { class: "kit-tool__part", "aria-labelledby": "kt-invite-title" },
    h("h2", { id: "kt-invite-title", tabindex: "-1", text: tx.t("invite_title") }),
    h("p", { text: tx.t("invite_intro", { checkpoint: tx.checkpoint(cp) }) }),
    field(linkBox, tx.t("invite_link")),
    h("div", { class: "kit-tool__bar" },
      button(tx.t("copy_link"), async () => {
        linkBox.select();
        try {
          await navigator.clipboard.writeText(link);
          app.say(tx.t("link_copied"));
        } catch {
          app.say(tx.t("link_select"));
        }
      }, { id: "kt-copy" }),
      canShare ? button(tx.t("share_link"), () => share(app, null, link), { id: "kt-share-link" }) : null,
      button(tx.t("invite_file"), () => download(fileName(app, rec, `invitation-${cp.date || cp.kind}`), JSON.stringify(makeInvitation(fw, rec, cp))), { id: "kt-invite-file" })),
    qr);

  const p = progress(fw, rec, cp.id, app.settings.rater);
  const text = () => serialize(fw, rec);
  const name = fileName(app, rec, `${app.settings.rater}-${cp.date || cp.kind}`);
  const incomplete = () => p.rated < p.total && !window.confirm(tx.t("export_incomplete", { rated: p.rated, total: p.total, checkpoint: tx.checkpoint(cp) }));
  const file = () => new File([text()], name, { type: "application/json" });
  const canShareFiles = canShare && typeof navigator.canShare === "function" && navigator.canShare({ files: [new File(["{}"], "x.json", { type: "application/json" })] });
  const send = !app.settings.rater ? h("section", { class: "kit-tool__part", "aria-labelledby": "kt-send-title" },
    h("h2", { id: "kt-send-title", text: tx.t("send_title") }), h("p", { text: tx.t("device_no_rater") }),
    button(tx.t("rater_change"), () => app.chooseRater())) : h("section", { class: "kit-tool__part", "aria-labelledby": "kt-send-title" },
    h("h2", { id: "kt-send-title", text: tx.t("send_title") }),
    h("p", { text: tx.t("send_intro", { rater: tx.rater(app.settings.rater), rated: p.rated, total: p.total }) }),
    h("div", { class: "kit-tool__bar" },
      button(tx.t("export"), () => {
        if (incomplete()) return;
        download(name, text());
        app.exported();
      }, { id: "kt-export", class: "md-button md-button--primary" }),
      canShareFiles ? button(tx.t("share_file"), () => {
        if (incomplete()) return;
        share(app, file(), tx.t("send_title")).then(() => app.exported());
      }, { id: "kt-share-file" }) : null));
  return h("div", { class: "kit-tool__share" }, invite, send, app.importPart());
}
