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


def json_builder(bank: Bank, assessment: Assessment) -> Callable[[], bytes]:
    return lambda: dumps(bank, assessment, dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat())


def xlsx_builder(bank: Bank, plan: Plan, lang: str, theme: Theme) -> Callable[[], bytes]:
    headers, phases, statuses = roadmap_names(bank, lang)
    return lambda: roadmap_xlsx(plan.roadmap, headers, phases, statuses, t("roadmap.title", lang), theme)


def ics_builder(plan: Plan, lang: str, uid_seed: str) -> Callable[[], bytes]:
    name = f"{plan.organisation or plan.title} – {t('roadmap.title', lang)}"
    reminders = followup_reminders(plan.roadmap, plan.organisation or plan.title, lang)
    return lambda: roadmap_ics(plan.roadmap, name, uid_seed, reminders=reminders)


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def policy_stem(organisation: str, lang: str) -> str:
    """The policy's file name stem, e.g. 'fjordhavn-radgivning-some-politik'."""
    return file_stem(organisation, lang).removesuffix(t("download.plan_word", lang)) + t("deliverables.policy_file_word",
                                                                                          lang)


def _worker_builder(kind: str, bank: Bank, assessment: Assessment, lang: str, brand: Brand) -> Callable[[], bytes]:
    """A document of ``kind`` (see reports.worker.KINDS), built in the document worker or taken from its cache."""

    def build() -> bytes:
        from reports.worker import build as build_document

        from .cache import assessment_key

        return build_document(kind, assessment_key(assessment), lang=lang, brand=brand, bank_version=bank.version)

    return build


def pdf_builder(bank: Bank, assessment: Assessment, lang: str, brand: Brand) -> Callable[[], bytes]:
    """The PDF plan (with the progress page for a follow-up)."""
    return _worker_builder("pdf", bank, assessment, lang, brand)


def plan_docx_builder(bank: Bank, assessment: Assessment, lang: str, brand: Brand) -> Callable[[], bytes]:
    """The plan as a Word document (the same Plan the PDF renders)."""
    return _worker_builder("plan_docx", bank, assessment, lang, brand)


def policy_docx_builder(bank: Bank, assessment: Assessment, lang: str, brand: Brand) -> Callable[[], bytes]:
    """The positive social media policy as a Word document."""
    return _worker_builder("policy_docx", bank, assessment, lang, brand)
