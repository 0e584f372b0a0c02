"""Assembling the report: the plan from the core, then every section in order."""

from __future__ import annotations

import datetime as dt
from typing import Any

from readiness.answers import Assessment
from readiness.bank import Bank
from readiness.brand import Brand, brand_for, load_brand
from readiness.i18n import locale_info, normalise_language, t
from readiness.plan import Plan, build_plan
from readiness.theme import Theme

from .document import ReportContext, ReportPDF
from .sections import (
    render_appendix,
    render_cover,
    render_decisions,
    render_group_page,
    render_kpis,
    render_policy,
    render_profile,
    render_questions,
    render_roadmap,
    render_summary,
    render_why,
)
from .sections.effort import render_effort
from .sections.gaps import render_gap_pages
from .sections.governance import render_governance
from .sections.measurement import render_measurement
from .sections.pilot import render_pilot
from .sections.progress import render_progress
from .sections.pulse import render_pulse_page
from .sections.starters import render_starters

#: The body of the report, in order (the cover, with the contents, comes first, the group page after the summary).
SECTIONS = (render_why, render_decisions, render_questions, render_profile, render_roadmap, render_effort,
            render_pilot, render_starters, render_kpis, render_measurement, render_governance, render_policy,
            render_appendix)


def _as_datetime(value: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)


def build_report(bank: Bank, assessment: Assessment, *, lang: str | None = None, brand: Brand | None = None,
                 today: dt.date | None = None, creation_date: dt.datetime | dt.date | None = None,
                 start: dt.date | str | None = None, group: Any = None,
                 comparison: Any = None) -> bytes:
    """The PDF plan for one assessment, as bytes.

    - ``lang``: ``da`` or ``en`` (default: the assessment's language).
    - ``brand``: whose name, logo, colours and contact line the plan carries (default:
      :func:`readiness.brand.load_brand`, i.e. ``READINESS_BRAND`` or the neutral brand).
    - ``today``: the date on the cover and the roadmap's last-resort start (default: the
      creation date's day, else today).
    - ``creation_date``: fixed PDF creation date; with it the same inputs give identical bytes.
    - ``start``: overrides the roadmap's start date (as ``--start`` does).
    - ``group``: the workshop's aggregate for the participation page (see
      :func:`reports.sections.render_group_page`); ``None`` for a single assessment.
    - ``comparison``: a :class:`readiness.compare.Comparison` with the predecessor, for the
      progress page after the summary; ``None`` when there is none.
    """
    lang = normalise_language(lang or assessment.language)
    brand = brand if brand is not None else load_brand()
    created = _as_datetime(creation_date) if creation_date is not None else None
    today = today or (created.date() if created else dt.date.today())
    plan = build_plan(bank, assessment, lang, start=start, today=today)
    return render_plan(plan, bank, assessment, brand=brand, today=today, created=created, group=group,
                       comparison=comparison)


def render_plan(plan: Plan, bank: Bank, assessment: Assessment, *, brand: Brand, today: dt.date,
                created: dt.datetime | None = None, group: Any = None, comparison: Any = None) -> bytes:
    """Render an already built plan (the app may hold one) to PDF bytes."""
    lang = plan.lang
    brand = brand_for(brand, lang)  # the neutral brand's name in the report's language
    organisation = plan.organisation.strip() or t("report.org_fallback", lang)
    ctx = ReportContext(bank=bank, assessment=assessment, brand=brand, theme=Theme.from_brand(brand), lang=lang,
                        date=today, organisation=organisation)
    pdf = ReportPDF(ctx)
    pdf.set_lang(locale_info(lang).tag)
    pdf.set_title(pdf.safe(f"{plan.title} – {organisation}", single_line=True))
    pdf.set_author(pdf.safe(brand.name, single_line=True))
    pdf.set_subject(pdf.tr("subject"))
    pdf.set_keywords(pdf.tr("keywords"))
    pdf.set_creator(pdf.safe(brand.name, single_line=True))
    pdf.set_producer("fpdf2")
    if created is not None:
        pdf.set_creation_date(created)

    render_cover(pdf, plan)
    render_summary(pdf, plan)
    render_progress(pdf, comparison)
    render_group_page(pdf, group)
    render_pulse_page(pdf, plan)
    render_gap_pages(pdf, group)
    for render in SECTIONS:
        render(pdf, plan)
    return bytes(pdf.output())
