"""Validate the skill model and every content file before anything is built."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from _common import kit, language, reports_content_errors


@event_priority(-110)  # after mkdocs-static-i18n (-100) has set this build's language
@reports_content_errors
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    the_kit = kit(config)
    if language(config) != the_kit.source_language:
        return config  # mkdocs-static-i18n runs one build per language: check once
    the_kit.validate()
    return config
