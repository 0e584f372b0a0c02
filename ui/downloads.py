"""The files a user takes away. Each is built only when its button is clicked, from a snapshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from readiness.answers import Assessment, dumps
from readiness.bank import Bank
from readiness.brand import Brand
from readiness.export import followup_reminders, roadmap_ics, roadmap_names, roadmap_xlsx
from readiness.i18n import t
from readiness.plan import Plan
from readiness.theme import Theme


def file_stem(organisation: str, lang: str) -> str:
    """A safe file name stem from the organisation's name, e.g. 'fjordhavn-radgivning-plan'."""
    import re
    import unicodedata

    name = organisation.translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}))
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()[:40]
    return f"{slug or t('download.default_stem', lang)}-{t('download.plan_word', lang)}"


def pdf_builder(bank: Bank, assessment: Assessment, lang: str, brand: Brand) -> Callable[[], bytes]:
    """The PDF, built in the document worker (off this server's GIL) or taken from its cache."""
    def build() -> bytes:
        from reports.worker import build as build_document

        from .cache import assessment_key

        return build_document("pdf", assessment_key(assessment), lang=lang, brand=brand, bank_version=bank.version)

    return build


def json_builder(bank: Bank, assessment: Assessment) -> Callable[[], bytes]:
    return lambda: dumps(bank, assessment, dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat())


def xlsx_builder(bank: Bank, plan: Plan, lang: str, theme: Theme) -> Callable[[], bytes]:
    headers, phases, statuses = roadmap_names(bank, lang)
    return lambda: roadmap_xlsx(plan.roadmap, headers, phases, statuses, t("roadmap.title", lang), theme)


def ics_builder(plan: Plan, lang: str, uid_seed: str) -> Callable[[], bytes]:
    name = f"{plan.organisation or plan.title} – {t('roadmap.title', lang)}"
    reminders = followup_reminders(plan.roadmap, plan.organisation or plan.title, lang)
    return lambda: roadmap_ics(plan.roadmap, name, uid_seed, reminders=reminders)
