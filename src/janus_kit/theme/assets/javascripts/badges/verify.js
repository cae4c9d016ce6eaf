/* Checking a badge against the issuer keys this site publishes, in the browser, offline:
 * the Open Badges 3.0 verification of a JWT proof (8.2.6 and 8.2.6.1, see jws.js), then
 * whether the achievement is one of this kit's. The result is data; verify-page.js shows it. */

import { parse, verifySignature, claimProblem, credentialOf, MAX_JWS } from "./jws.js";
import { fromLink } from "./link.js";

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Is this the shape of an OpenBadgeCredential for one achievement? */
export function isCredential(c) {
  if (!isObj(c) || !Array.isArray(c.type) || !c.type.includes("VerifiableCredential")) return false;
  if (!c.type.includes("OpenBadgeCredential") && !c.type.includes("AchievementCredential")) return false;
  const s = c.credentialSubject;
  return isObj(s) && isObj(s.achievement) && typeof s.achievement.id === "string" && typeof s.achievement.name === "string" &&
    (isObj(c.issuer) || typeof c.issuer === "string") && typeof c.validFrom === "string";
}

/**
 * @param input the text of a file, pasted text, or a link to the verification page
 * @param data the page's data: keys (kid -> JWK), issuer, skills (achievement id -> skill)
 * @returns {status, credential?, skill?, level?, kid?, field?}; status is one of valid,
 *   invalid, unsigned, foreign, claims, not-yet, unreadable, too-big
 */
export async function check(input, data, now = Date.now()) {
  let text = String(input || "").trim();
  if (text.length > MAX_JWS) return { status: "too-big" };
  try {
    const unpacked = await fromLink(text);
    if (unpacked !== null) text = unpacked.trim();
  } catch (e) {
    return { status: e && e.message === "too-big" ? "too-big" : "unreadable" };
  }
  if (text.startsWith("{")) {
    let credential;
    try {
      credential = JSON.parse(text);
    } catch {
      return { status: "unreadable" };
    }
    if (!isCredential(credential)) return { status: "unreadable" };
    return describe({ status: "unsigned", credential }, data);
  }
  let parsed;
  try {
    parsed = parse(text);
  } catch {
    return { status: "unreadable" };
  }
  const credential = credentialOf(parsed.payload);
  if (!isCredential(credential)) return { status: "unreadable" };
  const kid = typeof parsed.header.kid === "string" ? parsed.header.kid : "";
  const jwk = Object.prototype.hasOwnProperty.call(data.keys || {}, kid) ? data.keys[kid] : null;
  if (!jwk) return describe({ status: "foreign", credential, kid: kid.slice(0, 200) }, data);
  let ok = false;
  try {
    ok = await verifySignature(parsed, jwk);
  } catch {
    ok = false;
  }
  if (!ok) return describe({ status: "invalid", credential, kid }, data);
  const problem = claimProblem(parsed.payload, now);
  if (problem === "not-yet") return describe({ status: "not-yet", credential, kid }, data);
  if (problem) return describe({ status: "claims", field: problem, credential, kid }, data);
  const issuer = isObj(credential.issuer) ? credential.issuer.id : credential.issuer;
  if (!data.issuer || issuer !== data.issuer.id) return describe({ status: "foreign", credential, kid }, data);
  return describe({ status: "valid", credential, kid }, data);
}

function describe(result, data) {
  const s = result.credential.credentialSubject;
  const skill = Object.prototype.hasOwnProperty.call(data.skills || {}, s.achievement.id) ? data.skills[s.achievement.id] : null;
  const res = Array.isArray(s.result) ? s.result.find((r) => isObj(r) && typeof r.value === "string") : null;
  const identity = Array.isArray(s.identifier) ? s.identifier.find((i) => isObj(i) && i.identityType === "name") : null;
  return { ...result, skill, level: res ? res.value : null, identity: identity || null };
}
