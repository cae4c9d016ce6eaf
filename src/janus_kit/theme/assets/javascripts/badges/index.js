/* The badge code of the kit: signing (jws.js), credentials (credential.js), links (link.js)
 * and checking (verify.js). As one classic script (badges.bundle.js) it sets
 * globalThis.KitBadges, which the tool loads when a trainer makes badges; on the
 * verification page it starts the page. */

import { sign, importPrivate, parse, verifySignature, claimProblem, payloadOf } from "./jws.js";
import { makeCredential, identityObject, identityMatches, subjectId, reached, randomSalt, normalName } from "./credential.js";
import { toLink, fromLink } from "./link.js";
import { check } from "./verify.js";
import { startVerifyPage } from "./verify-page.js";

export const KitBadges = { sign, importPrivate, parse, verifySignature, claimProblem, payloadOf, makeCredential, identityObject, identityMatches, subjectId, reached, randomSalt, normalName, toLink, fromLink, check };
globalThis.KitBadges = KitBadges;

if (typeof document !== "undefined") {
  const dataEl = document.getElementById("kit-verify-data");
  const rootEl = document.getElementById("kit-verify");
  if (dataEl && rootEl) globalThis.KitVerify = startVerifyPage(JSON.parse(dataEl.textContent), rootEl);
}
