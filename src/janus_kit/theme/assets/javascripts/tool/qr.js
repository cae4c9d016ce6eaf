/* The QR code of an invitation link, drawn in the browser as SVG. The encoder is the
 * vendored qrcode-generator (vendor/qrcode-generator.js, MIT), a classic script loaded
 * from this site only when a QR code is first shown, so it works from file:// too. */

import { svg } from "./dom.js";

let loading = null;

function load(src) {
  if (globalThis.qrcode) return Promise.resolve(globalThis.qrcode);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = () => (globalThis.qrcode ? resolve(globalThis.qrcode) : reject(new Error("qrcode")));
      s.onerror = () => reject(new Error("qrcode"));
      document.head.append(s);
    });
  }
  return loading;
}

/** An <svg> of `text` (error correction M unless told, a quiet zone of 4 modules). */
export async function qrSvg(text, { src, label, level = "M" }) {
  const qrcode = await load(src);
  const code = qrcode(0, level);
  code.addData(unescape(encodeURIComponent(text)), "Byte");
  code.make();
  const n = code.getModuleCount();
  const size = n + 8;
  let path = "";
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (code.isDark(r, c)) path += `M${c + 4} ${r + 4}h1v1h-1z`;
  const el = svg("svg", { viewBox: `0 0 ${size} ${size}`, role: "img", "aria-label": label, class: "kit-tool__qr", "shape-rendering": "crispEdges" });
  el.append(svg("rect", { width: size, height: size, fill: "#fff" }), svg("path", { d: path, fill: "#000" }));
  return el;
}
