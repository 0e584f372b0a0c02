"""The frame every page shares: page config, session set-up, language switch and navigation.

Each page calls :func:`setup` first. That makes every page self-sufficient: Streamlit may run
a page file on its own (without ``app.py``) for the first request after a server start that
lands on a sub-page, because a folder named ``pages/`` sits beside the entry script. The frame
draws its own navigation with ``st.page_link`` so it looks the same in both modes, and carries
the resume token in the URL from page to page.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import sys

import streamlit as st

from readiness import settings
from readiness.brand import BrandError, load_brand
from readiness.i18n import language_name, languages
from readiness.theme import Theme

from . import a11y, env, persist, resume, state
from .i18n import tr


@dataclasses.dataclass(frozen=True)
class PageSpec:
    id: str
    path: str
    icon: str
    url_path: str
    in_menu: bool = True
    title_key: str | None = None  # the locale key of its title; default ``nav.<id>``

    @property
    def title(self) -> str:
        return tr(self.title_key or f"nav.{self.id}")


PAGES: tuple[PageSpec, ...] = (
    PageSpec("start", "pages/start.py", ":material/home:", "start"),
    PageSpec("assess", "pages/assess.py", ":material/checklist:", "assess"),
    PageSpec("results", "pages/results.py", ":material/insights:", "results"),
    PageSpec("roadmap", "pages/roadmap.py", ":material/timeline:", "roadmap"),
    PageSpec("download", "pages/download.py", ":material/download:", "download"),
    PageSpec("progress", "pages/progress.py", ":material/trending_up:", "progress", title_key="followup.nav_progress"),
    PageSpec("compare", "pages/compare.py", ":material/compare_arrows:", "compare", title_key="followup.nav_compare"),
    PageSpec("privacy", "pages/privacy.py", ":material/shield:", "privacy", in_menu=False),
    # The workshop: url paths are the file names, so a first request after a server start (which
    # Streamlit may serve as a plain "pages folder" app) lands on the same page.
    PageSpec("host", "pages/host.py", ":material/groups:", "host", title_key="workshop.nav.host"),
    PageSpec("join", "pages/join.py", ":material/login:", "join", in_menu=False, title_key="workshop.nav.join"),
    PageSpec("present", "pages/present.py", ":material/co_present:", "present", in_menu=False,
             title_key="workshop.nav.present"),
)
PAGE_BY_ID = {p.id: p for p in PAGES}


@functools.cache  # not st.cache_resource: its first use costs ~70 ms of source hashing, on the first page (cold start)
def brand():
    """The brand named by READINESS_BRAND (read once per process); the default when it is broken."""
    try:
        return load_brand(), None
    except BrandError as exc:
        from readiness.brand import DEFAULT_BRAND

        return DEFAULT_BRAND, str(exc)


def init_session() -> None:
    """Session keys and the resume token from the URL (idempotent; safe to call from any page).

    A configuration that cannot be used (see :mod:`readiness.settings`) stops every page with one
    clear message naming the environment variable.
    """
    state.init(env.default_language())
    try:
        settings.get()
    except settings.SettingsError as exc:
        st.error(tr("settings.broken", problem=_escape(str(exc))), icon=":material/settings_alert:")
        st.stop()
    resume.restore_from_url()
    persist.maybe_purge()  # the retention setting; the store runs it at most once an hour


def navigation_pages() -> list:
    """The st.Page objects for ``st.navigation``, titled in the session's language.

    No icons here: the router's navigation is hidden (ours is drawn by :func:`sidebar`, with the
    icons), and a page's ":material/…:" icon becomes the browser's favicon, fetched from Google.
    """
    return [st.Page(p.path, title=p.title, url_path=p.url_path, default=p.id == "start")
            for p in PAGES]


def _on_language() -> None:
    value = st.session_state.get(state.widget_key("lang"))
    if value in languages():
        state.set_lang(value)


def page_link(page_id: str, label: str | None = None, icon: str | None = None, **kwargs) -> None:
    """A link to one of our pages that keeps the resume token in the URL."""
    spec = PAGE_BY_ID[page_id]
    st.page_link(spec.path, label=label or spec.title, icon=icon or spec.icon,
                 query_params=resume.query_params(), **kwargs)


def cta(page_id: str, label: str, icon: str | None = None) -> None:
    """A main call to action: :func:`page_link` drawn as a primary button (``ui/app.css`` styles
    the container key ``cta-<page>``)."""
    with st.container(key=f"cta-{page_id}"):
        page_link(page_id, label=label, icon=icon)


def go(page_id: str) -> None:
    """Switch page, keeping the resume token in the URL."""
    st.switch_page(PAGE_BY_ID[page_id].path, query_params=resume.query_params())


def sidebar(current: str) -> None:
    the_brand, problem = brand()
    with st.sidebar:
        if the_brand.logo:
            st.image(str(the_brand.logo), width=160, alt=the_brand.name)
        st.markdown(f"**{_escape(the_brand.name if not the_brand.is_default else tr('app.name'))}**")
        key = state.widget_key("lang")
        # Seeded on every run, even when it already holds the language: after a page change the key
        # still holds the previous page's widget value, which Streamlit drops at the end of the run,
        # and a control left unseeded then shows nothing selected on every second page.
        st.session_state[key] = state.lang()
        st.segmented_control("Sprog · Language", options=list(languages()), format_func=language_name,
                             key=key, on_change=_on_language, required=True)
        for spec in PAGES:
            if spec.in_menu:
                page_link(spec.id, disabled=spec.id == current)
        st.divider()
        resume.sidebar_box()
        page_link("privacy", label=tr("privacy.link"), icon=":material/shield:")
        if problem:
            st.caption(tr("brand.broken"))
        if the_brand.contact or the_brand.website:
            st.caption(_escape(" · ".join(x for x in (the_brand.contact, the_brand.website) if x)))


def setup(page_id: str, *, sidebar_state: str = "auto") -> None:
    """Everything a page needs before it renders its own content.

    ``sidebar_state="collapsed"`` starts with the sidebar folded away (the workshop's phone and
    projector pages, whose users have no use for the wizard's navigation).
    """
    init_session()
    # no page_icon: the head script sets ours (ui/a11y.py), without Streamlit's image pipeline
    st.set_page_config(page_title=f"{PAGE_BY_ID[page_id].title} · {tr('app.name')}",
                       layout="centered", initial_sidebar_state=sidebar_state)
    a11y.apply(state.lang(), page_id, Theme.from_brand(brand()[0]))
    resume.keep_in_url()
    sidebar(page_id)
    message = state.pop_flash()
    if message:
        kind, text = message
        getattr(st, kind if kind in ("success", "info", "warning", "error") else "info")(text)
    freeze_long_lived()


_modules_at_freeze = 0


def freeze_long_lived() -> None:
    """Put what is alive now out of the garbage collector's way, whenever new modules were imported.

    Streamlit forces a full collection after every script run (``runner.postScriptGC``). It walks
    every object in the process while holding the GIL: about 80 ms per run once the app's modules
    are loaded, on every click of every session (docs/benchmarks.md). Modules, classes and the
    question bank live as long as the process, so walking them finds nothing; frozen, they are
    skipped. Frozen objects are still freed by reference counting; only reference cycles among
    them are never collected, and freezing happens a few times per process (when a page first
    imports what it needs), so that is bounded.
    """
    global _modules_at_freeze
    if len(sys.modules) != _modules_at_freeze:
        _modules_at_freeze = len(sys.modules)
        gc.freeze()


def _escape(text: str) -> str:
    """Markdown-escape short trusted-ish texts (brand name) for st.markdown."""
    from .components import escape_markdown

    return escape_markdown(text)
