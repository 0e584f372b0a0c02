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
    def build() -> bytes:
        from readiness.compare import compare, earlier_of
        from reports import build_report

        earlier = earlier_of(assessment)  # a follow-up: the progress page after the summary
        comparison = None if earlier is None else compare(bank, earlier, assessment, lang, as_of=dt.date.today())
        return build_report(bank, assessment, lang=lang, brand=brand, comparison=comparison)

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
