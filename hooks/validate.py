"""Validate the skill model and every content file before anything is built."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from _common import kit, language, reports_content_errors


@reports_content_errors
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    the_kit = kit(config)
    if language(config) != the_kit.source_language:
        return config  # mkdocs-static-i18n runs one build per language: check once
    the_kit.validate()
    return config
