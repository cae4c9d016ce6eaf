"""Site-wide texts from the language's strings.yml: site name, footer, 404 page.

The host serves one 404 page for the whole site, so it speaks every language.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from _common import kit, language, reports_content_errors


@event_priority(-110)  # after mkdocs-static-i18n (-100) has set this build's language
@reports_content_errors
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    the_kit = kit(config)
    s = the_kit.strings(language(config))
    config.site_name = s.text("site.name")
    config.copyright = s.text("site.copyright")
    config.extra["generator"] = False
    config.extra["kit_not_found"] = [
        {
            "lang": lang,
            "title": the_kit.strings(lang).text("error.title"),
            "text": the_kit.strings(lang).text("error.text"),
            "home": the_kit.strings(lang).text("error.home"),
            "href": "/" + the_kit.page_url(lang, "index.md"),
        }
        for lang in the_kit.languages
    ]
    return config
