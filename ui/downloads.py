"""The files a user takes away. Each is built only when its button is clicked, from a snapshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from readiness.answers import Assessment, dumps
from readiness.bank import Bank
from readiness.brand import Brand
from readiness.export import roadmap_ics, roadmap_names, roadmap_xlsx
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
        from reports import build_report

        return build_report(bank, assessment, lang=lang, brand=brand)

    return build


def json_builder(bank: Bank, assessment: Assessment) -> Callable[[], bytes]:
    return lambda: dumps(bank, assessment, dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat())


def xlsx_builder(bank: Bank, plan: Plan, lang: str, theme: Theme) -> Callable[[], bytes]:
    headers, phases, statuses = roadmap_names(bank, lang)
    return lambda: roadmap_xlsx(plan.roadmap, headers, phases, statuses, t("roadmap.title", lang), theme)


def ics_builder(plan: Plan, lang: str, uid_seed: str) -> Callable[[], bytes]:
    name = f"{plan.organisation or plan.title} – {t('roadmap.title', lang)}"
    return lambda: roadmap_ics(plan.roadmap, name, uid_seed)


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def policy_stem(organisation: str, lang: str) -> str:
    """The policy's file name stem, e.g. 'fjordhavn-radgivning-some-politik'."""
    return file_stem(organisation, lang).removesuffix(t("download.plan_word", lang)) + t("deliverables.policy_file_word",
                                                                                          lang)


def plan_docx_builder(bank: Bank, assessment: Assessment, lang: str, brand: Brand) -> Callable[[], bytes]:
    """The plan as a Word document, built on click from the snapshot (the same Plan the PDF renders)."""

    def build() -> bytes:
        from readiness.plan import build_plan
        from reports.docx import plan_docx

        today = dt.date.today()
        return plan_docx(build_plan(bank, assessment, lang, today=today), brand=brand, today=today, bank=bank,
                         assessment=assessment)

    return build


def policy_docx_builder(bank: Bank, assessment: Assessment, lang: str, brand: Brand) -> Callable[[], bytes]:
    """The positive social media policy as a Word document, built on click from the snapshot."""

    def build() -> bytes:
        from readiness.plan import build_plan
        from readiness.policy_document import build_policy_document, load_policy_document
        from reports.docx import policy_docx

        today = dt.date.today()
        sector = assessment.answers.get("context.sector")
        document = build_policy_document(load_policy_document(), build_plan(bank, assessment, lang, today=today),
                                         sector=sector if isinstance(sector, str) else None, today=today)
        return policy_docx(document, brand=brand)

    return build
