"""Open Badges 3.0: the Achievement of each skill in each language, the issuer profile and
the issuer's public key, as the static JSON files the site publishes, and the data the
tool (which issues credentials) and the verification page (which checks them) read.

A training centre configures its issuer profile (name, address, public key file) as
options of the ``janus-kit`` plugin; the private key never reaches the build. Without a
public key the tool issues unsigned credentials, labelled as such everywhere.

Facts from the Open Badges Specification v3.0 (1EdTech, 2024), appendix B.1:
Achievement (B.1.1) needs id, type, name, description and criteria; Alignment (B.1.5)
needs targetName and targetUrl, and ``targetType`` takes an ``ext:`` term where the
enumeration (B.1.29) has no entry for ESCO; the JWT proof (section 8.2) names the key
with ``kid``, "a URI that can be dereferenced to an object of type JWK", which MUST
never contain ``d``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ContentError
from .kit import Kit
from .strings import Strings

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CREDENTIAL_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
ESCO_TARGET = "ext:ESCOSkill"  # B.1.29 has no ESCO term; extensions start with 'ext:'
KEY_COMPETENCE_TARGET = "ext:KeyCompetence"
PRIVATE_MEMBERS = frozenset({"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
MIN_BITS = 2048
JS_DIR = Path(__file__).resolve().parent / "theme" / "assets" / "javascripts" / "badges"
JS_ENTRY = "index.js"  # sets globalThis.KitBadges (the tool loads it when it makes badges)
BUNDLE = "assets/javascripts/badges.bundle.js"
VERIFY_MODULE = "assets/javascripts/badges/index.js"  # the same entry as an ES module
MAX_KEY_FILE = 20_000  # bytes


@dataclass(frozen=True)
class Issuer:
    """The centre that issues the badges (plugin options ``issuer`` in mkdocs.yml)."""

    name: str = ""  # empty: the site's name
    url: str = ""  # empty: the site's address
    public_key: Path | None = None  # a public JWK (``kit keys`` writes one); None: unsigned badges
    retired_keys: tuple[Path, ...] = ()  # earlier public keys: badges they signed still verify


@dataclass(frozen=True)
class PublicKey:
    jwk: dict[str, str]  # kty, n, e only
    thumbprint: str  # RFC 7638, base64url

    @property
    def bits(self) -> int:
        return len(_b64decode(self.jwk["n"]).lstrip(b"\0")) * 8


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def thumbprint(jwk: Mapping[str, str]) -> str:
    """The JWK thumbprint of an RSA key (RFC 7638): SHA-256 of its required members, sorted."""
    canonical = json.dumps({"e": jwk["e"], "kty": jwk["kty"], "n": jwk["n"]}, separators=(",", ":"), sort_keys=True)
    return _b64(hashlib.sha256(canonical.encode("ascii")).digest())


def read_public_key(path: Path) -> PublicKey:
    """A public RSA key in JWK form, checked: never a private key, at least 2048 bits."""
    hint = "make a key pair with `kit keys` and give the path of its public half (…-public.jwk.json)"
    if not path.is_file():
        raise ContentError(path, "the issuer's public key file does not exist", hint=hint)
    raw = path.read_bytes()
    if len(raw) > MAX_KEY_FILE:
        raise ContentError(path, f"the public key file is larger than {MAX_KEY_FILE} bytes", hint=hint)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ContentError(path, "the public key file is not a JSON Web Key (JSON)", hint=hint) from None
    if not isinstance(data, dict):
        raise ContentError(path, "the public key file must hold one JSON object (a JWK)", hint=hint)
    private = sorted(PRIVATE_MEMBERS & set(data))
    if private:
        raise ContentError(
            path,
            f"this is a PRIVATE key (it has '{private[0]}'): the build would publish it",
            hint="give the public half instead; keep the private key on the trainer's device only, "
            "and make a new key pair with `kit keys` if this file was ever shared",
        )
    if data.get("kty") != "RSA" or not isinstance(data.get("n"), str) or not isinstance(data.get("e"), str):
        raise ContentError(path, "the key must be an RSA key with 'kty', 'n' and 'e'", hint=hint)
    if data.get("alg") not in (None, "RS256"):
        raise ContentError(path, f"the key is for '{data['alg']}'; Open Badges signs with RS256", hint=hint)
    try:
        _b64decode(data["n"])
        _b64decode(data["e"])
    except ValueError:
        raise ContentError(path, "'n' and 'e' must be base64url text", hint=hint) from None
    key = PublicKey({"kty": "RSA", "n": data["n"], "e": data["e"]}, thumbprint(data))
    if key.bits < MIN_BITS:
        raise ContentError(path, f"the key has {key.bits} bits; at least {MIN_BITS} are needed", hint=hint)
    return key


@dataclass
class Badges:
    """The Open Badges documents of one kit and one issuer (one build)."""

    kit: Kit
    issuer: Issuer = field(default_factory=Issuer)
    _keys: list[PublicKey] | None = None

    # -- addresses -------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        return self.kit.framework.badges is not None

    def absolute(self, rel: str) -> str:
        return self.kit.project.site_url + rel

    @property
    def issuer_id(self) -> str:
        return self.absolute(self.kit.catalogue.issuer_url())

    def keys(self) -> list[PublicKey]:
        """The current key first, then the retired ones (none: badges are unsigned)."""
        if self._keys is None:
            paths = ([self.issuer.public_key] if self.issuer.public_key else []) + list(self.issuer.retired_keys)
            self._keys = [read_public_key(p) for p in paths]
        return self._keys

    @property
    def signed(self) -> bool:
        return bool(self.keys())

    def kid(self, key: PublicKey) -> str:
        return self.absolute(self.kit.catalogue.key_url(key.thumbprint))

    # -- documents -------------------------------------------------------------
    def profile(self) -> dict[str, Any]:
        """The issuer's Profile (B.1.14), as embedded in every credential."""
        s = self.kit.strings(self.kit.source_language)
        return {
            "id": self.issuer_id,
            "type": ["Profile"],
            "name": self.issuer.name or s.text("site.name"),
            "url": self.issuer.url or self.kit.project.site_url,
        }

    def key_document(self, key: PublicKey) -> dict[str, str]:
        return {**key.jwk, "alg": "RS256", "use": "sig", "kid": self.kid(key)}

    def achievement(self, lang: str, skill_id: str) -> dict[str, Any]:
        """The Achievement (B.1.1) of one skill in one language, with its alignments."""
        kit, cat = self.kit, self.kit.catalogue
        rule = kit.framework.badges
        assert rule is not None, "the kit has no badges"
        s = kit.strings(lang)
        fw = kit.framework
        skill = fw.skill(skill_id)
        competence = fw.competence(skill.competence)
        grid = kit.grid(lang, skill.competence)
        name = grid.skill(skill_id).name
        aid = self.absolute(cat.achievement_url(lang, skill_id))
        values = {
            "skill": name,
            "level": rule.level,
            "label": s.text(f"scale.{rule.level}.label"),
            "meaning": s.text(f"scale.{rule.level}.meaning"),
            "raters": raters_text(s, fw.raters, rule.raters),
            "count": rule.raters,
        }
        levels = [v for v in fw.scale if v != fw.not_observed]
        alignment = [
            {
                "type": ["Alignment"],
                "targetName": esco_label(s, uuid, name),
                "targetUrl": fw.esco_prefix + uuid,
                "targetFramework": s.text("badges.esco_framework", version=fw.esco_version),
                "targetCode": uuid,
                "targetType": ESCO_TARGET,
            }
            for uuid in skill.esco
        ]
        alignment.append(
            {
                "type": ["Alignment"],
                "targetName": grid.title,
                "targetDescription": s.text("badges.key_competence_2018", name=competence.name_2018),
                "targetUrl": rule.key_competences(lang),
                "targetFramework": s.text("badges.key_competences_framework"),
                "targetCode": skill.competence,
                "targetType": KEY_COMPETENCE_TARGET,
            }
        )
        return {
            "@context": [VC_CONTEXT, OB_CONTEXT],
            "id": aid,
            "type": ["Achievement"],
            "achievementType": "Competency",
            "name": name,
            "description": s.text("badges.description", **values),
            "criteria": {
                "id": self.absolute(cat.page_url(lang, cat.grid_rel(skill.competence))) + f"#skill-{skill_id}",
                "narrative": s.text("badges.criteria", **values),
            },
            "alignment": alignment,
            "resultDescription": [
                {
                    "id": f"{aid}#agreed-level",
                    "type": ["ResultDescription"],
                    "name": s.text("badges.result_name"),
                    "resultType": "PerformanceLevel",
                    "allowedValue": [str(v) for v in levels],
                    "requiredValue": str(rule.level),
                }
            ],
            "humanCode": skill_id,
            "inLanguage": lang,
            "version": fw.version,
            "related": [
                {"id": self.absolute(cat.achievement_url(other, skill_id)), "type": ["Related"], "inLanguage": other}
                for other in kit.languages
                if other != lang
            ],
        }

    def files(self, lang: str) -> dict[str, Any]:
        """Site-relative path -> JSON document, for one language (the profile and the keys
        go with the source language)."""
        if not self.enabled:
            return {}
        cat = self.kit.catalogue
        out: dict[str, Any] = {
            cat.achievement_url(lang, skill_id): self.achievement(lang, skill_id)
            for skill_id in self.kit.framework.skill_ids
        }
        if lang == self.kit.source_language:
            out[cat.issuer_url()] = {"@context": [VC_CONTEXT, OB_CONTEXT], **self.profile()}
            for key in self.keys():
                out[cat.key_url(key.thumbprint)] = self.key_document(key)
        return out

    def write(self, lang: str, site_dir: Path) -> list[Path]:
        written = []
        for rel, doc in self.files(lang).items():
            target = site_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            written.append(target)
        return written

    # -- what the pages read -----------------------------------------------------
    def page_data(self, lang: str, *, verify_url: str | None, url_of: Callable[[str], str]) -> dict[str, Any]:
        """What the tool and the verification page need: the issuer, its keys, this language's
        achievements by skill, the skill of every achievement id of every language, the rule."""
        kit = self.kit
        rule = kit.framework.badges
        if rule is None:
            return {"enabled": False}
        ids = {
            self.absolute(kit.catalogue.achievement_url(other, skill_id)): skill_id
            for other in kit.languages
            for skill_id in kit.framework.skill_ids
        }
        return {
            "enabled": True,
            "signed": self.signed,
            "issuer": self.profile(),
            "kid": self.kid(self.keys()[0]) if self.signed else "",
            "keys": {self.kid(key): key.jwk for key in self.keys()},
            "achievements": {skill_id: self.achievement(lang, skill_id) for skill_id in kit.framework.skill_ids},
            "skills": ids,
            "modules": {skill_id: url_of(kit.catalogue.module_rel(skill_id)) for skill_id in kit.framework.skill_ids},
            "rule": {"level": rule.level, "raters": rule.raters},
            "verify_url": verify_url or "",
            "kit": {"id": kit.framework.kit_id, "version": kit.framework.version},
            "contexts": [VC_CONTEXT, OB_CONTEXT],
            "schema": CREDENTIAL_SCHEMA,
        }


def raters_text(s: Strings, raters: tuple[str, ...], count: int) -> str:
    """'the trainee, the company tutor and the trainer' or 'at least 2 of ...', in words."""
    names = [s.text(f"raters.{r}") for r in raters]
    listed = names[0] if len(names) == 1 else s.text("badges.list", items=", ".join(names[:-1]), last=names[-1])
    if count >= len(raters):
        return listed
    return s.text("badges.raters_some", count=count, raters=listed)


def esco_label(s: Strings, uuid: str, fallback: str) -> str:
    """The ESCO preferred label of a concept in the reader's language (strings.yml,
    ``badges.esco.<uuid>``), else the kit's own name of the skill."""
    try:
        labels = s.get("badges.esco")
    except ContentError:
        return fallback
    value = labels.get(uuid) if isinstance(labels, Mapping) else None
    return str(value) if value else fallback
