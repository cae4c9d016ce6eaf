"""The mkdocs adapter: each event hands its part of the build to the pipeline.

Registered as the mkdocs plugin ``janus-kit`` (see pyproject.toml), so a kit's
``mkdocs.yml`` lists it under ``plugins`` after ``i18n`` and needs no Python of its
own. Every method is a few lines; the logic lives in ``janus_kit.pipeline``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..badges import Issuer
from ..catalogue import Layout
from ..errors import ContentError, relative
from ..files import published
from ..kit import Kit
from ..pipeline import Options, PageRef, Pipeline
from ..search import lunr_languages

THEME_DIR = Path(__file__).resolve().parents[1] / "theme"
STYLESHEET = "assets/stylesheets/kit.css"


class IssuerConfig(base.Config):  # type: ignore[no-untyped-call]
    """The training centre that issues the Open Badges (see janus_kit.badges)."""

    name = opt.Type(str, default="")  # default: the site's name
    url = opt.Type(str, default="")  # the centre's own address; default: the site's
    public_key = opt.Type(str, default="")  # a public JWK file (`kit keys`), relative to mkdocs.yml
    retired_keys = opt.ListOfItems(opt.Type(str), default=[])  # earlier public keys


class KitConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin's options: where a kit keeps its special pages (defaults: catalogue.Layout)."""

    grids_dir = opt.Type(str, default=Layout.grids_dir)
    guides_dir = opt.Type(str, default=Layout.guides_dir)
    printables_dir = opt.Type(str, default=Layout.printables_dir)
    tool_page = opt.Type(str, default=Layout.tool_page)
    downloads_page = opt.Type(str, default=Layout.downloads_page)
    status_page = opt.Type(str, default=Layout.status_page)
    evaluation_dir = opt.Type(str, default=Layout.evaluation_dir)
    events_dir = opt.Type(str, default=Layout.events_dir)
    offline = opt.Type(bool, default=False)  # also publish an offline copy (a zip per language)
    issuer = opt.SubConfig(IssuerConfig)


def _reported(error: ContentError) -> PluginError:
    error.path = relative(error.path, Path.cwd())  # as the author sees it
    return PluginError(f"Content error in {error}")


def _walk(items: Any) -> Any:
    for item in items:
        yield item
        yield from _walk(item.children)


class KitPlugin(BasePlugin[KitConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.pipeline: Pipeline | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.pipeline = None

    # -- helpers ------------------------------------------------------------
    def _i18n(self, config: MkDocsConfig) -> Any:
        return config.plugins.get("i18n")

    def _lang(self, config: MkDocsConfig) -> str:
        i18n = self._i18n(config)
        return str(i18n.current_language) if i18n is not None else str(config.theme.get("language") or "en")

    def _pipe(self) -> Pipeline:
        assert self.pipeline is not None, "on_config runs first"
        return self.pipeline

    @staticmethod
    def _rel(page: Page) -> str:
        """A page's path inside its language folder (the i18n plugin keeps the folder in src_uri)."""
        return page.file.src_uri.split("/", 1)[-1]

    def _issuer(self, root: Path) -> Issuer:
        conf = self.config.issuer
        if conf.url and not conf.url.startswith("https://"):
            raise PluginError(f"janus-kit issuer url '{conf.url}' must start with https://")
        return Issuer(
            name=conf.name,
            url=conf.url,
            public_key=root / conf.public_key if conf.public_key else None,
            retired_keys=tuple(root / p for p in conf.retired_keys),
        )

    # -- events -------------------------------------------------------------
    @event_priority(-110)  # after mkdocs-static-i18n (-100) has set this build's language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n = self._i18n(config)
        if self.pipeline is None or i18n is None or not i18n.building:  # a new build command
            options = Options.from_env(serving=self.command == "serve", offline=self.config.offline)
            if options.offline_build:
                from ..offline_search import SHIM

                config.use_directory_urls = False  # the offline copy opens from file://
                config.extra["polyfills"] = [SHIM]  # its search worker runs in an iframe (offline_search.py)
            fields = {k: v for k, v in self.config.items() if k in Layout.__dataclass_fields__}
            layout = Layout(**fields, directory_urls=config.use_directory_urls)
            root = Path(config.config_file_path).resolve().parent
            kit = Kit.at(root, layout)
            self.pipeline = Pipeline(kit, options, issuer=self._issuer(root))
        if self.command == "gh-deploy" and not self.pipeline.kit.project.site_url_is_real:
            raise PluginError(
                f"gh-deploy refuses to publish with the site address '{self.pipeline.kit.project.site_url}': "
                "set KIT_SITE_URL (or site_url in mkdocs.yml) to the real https:// address first"
            )
        try:
            self.pipeline.validate()
            texts = self.pipeline.site_texts(self._lang(config))
        except ContentError as error:
            raise _reported(error) from None
        config.site_name, config.copyright, config.site_description = texts.name, texts.copyright, texts.description
        config.extra.update(generator=False, kit_not_found=texts.not_found, kit_logo_alt=texts.logo_alt)
        config.extra["kit_theme"] = texts.theme  # partials/language.html: the kit's words before Material's
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = texts.permalink
        for option in config.theme.get("palette") or []:
            if isinstance(option, dict) and isinstance(option.get("toggle"), dict):
                option["toggle"]["name"] = texts.palette.get(
                    option.get("scheme") or "default", option["toggle"]["name"]
                )
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        self.pipeline.lunr_languages = lunr_languages(config.theme.dirs)
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        self.pipeline.search_scripts = bool(offline and offline.config.get("enabled", True))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        try:
            self._pipe().documents(self._lang(config))  # every language's PDFs, once
        except ContentError as error:
            raise _reported(error) from None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs = Path(config.docs_dir).resolve()
        for file in list(files):
            source = file.abs_src_path
            inside = bool(source) and Path(str(source)).resolve().is_relative_to(docs)
            if inside and not file.is_documentation_page() and not published(file.src_uri):
                files.remove(file)  # the skill model and strings.yml are sources, not assets
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        for item in nav.items:
            index = next((c for c in item.children or [] if isinstance(c, Page) and c.file.name == "index"), None)
            if isinstance(item, Section) and index is not None:
                item.title = self._pipe().section_title(self._lang(config), self._rel(index)) or item.title
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        page.meta = self._pipe().page_meta(dict(page.meta))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        lang = self._lang(config)
        ref = PageRef(lang, self._rel(page), page.url, str(getattr(page.file, "locale", lang)))
        try:
            html = self._pipe().page(ref, html)
        except ContentError as error:
            raise _reported(error) from None
        for item in _walk(page.toc):  # headings reach the table of contents as HTML
            item.title, item.id = self._pipe().toc_title(item.title), self._pipe().anchor(item.id)
        return html

    @event_priority(-200)  # after every other plugin has changed the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        try:
            return self._pipe().finish_html(output, source=page.file.abs_src_path or page.file.src_uri, url=page.url)
        except ContentError as error:
            raise _reported(error) from None

    @event_priority(-200)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return self._pipe().finish_html(output_content, source=template_name)

    def _post_build_language(self, *, config: MkDocsConfig) -> None:
        self._pipe().finish_language(self._lang(config), Path(config.site_dir))

    @event_priority(-200)  # after mkdocs-static-i18n has built every language (and merged their indexes)
    def _post_build_site(self, *, config: MkDocsConfig) -> None:
        i18n = self._i18n(config)
        if i18n is None or not i18n.building:  # the whole site, not one language inside it
            self._pipe().finish_site(Path(config.site_dir))

    on_post_build = CombinedEvent(_post_build_language, _post_build_site)
