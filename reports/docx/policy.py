"""The positive social media policy as a Word document, ready to adopt (HR, the works council)."""

from __future__ import annotations

from readiness.brand import Brand
from readiness.i18n import format_date, t
from readiness.policy_document import PolicyDocument
from readiness.theme import Theme

from .common import bullet, cover, footer, heading, new_document, para, table, to_bytes


def policy_docx(document: PolicyDocument, *, brand: Brand) -> bytes:
    """The policy as DOCX bytes: cover (owner, version, date), preamble, the decisions behind it, the
    points in the organisation's voice, examples of good posts, the Danish ground rules, adoption."""
    lang = document.lang
    theme = Theme.from_brand(brand)

    def tr(key: str, **params: object) -> str:
        return t(f"deliverables.{key}", lang, **params)

    organisation = document.organisation.strip() or t("report.org_fallback", lang)
    doc = new_document(theme, lang, title=f"{document.title} – {organisation}", author=organisation)
    owner = document.owner[:1].upper() + document.owner[1:]  # it starts a line here, not a sentence
    cover(doc, brand, theme, title=document.title, subtitle=organisation, date=document.date, lang=lang,
          show_date=False, lines=[(tr("owner"), owner), (tr("version"), document.version),
                 (tr("date"), format_date(document.date, lang)), (tr("platforms"), document.platforms)])

    heading(doc, document.title)
    para(doc, document.preamble)
    heading(doc, document.decisions_title, 2)
    para(doc, document.decisions_intro)
    table(doc, [t("report.decisions.col_question", lang), t("report.decisions.col_answer", lang)],
          [[d.text, d.answer] for d in document.decisions], theme, [9.5, 7])
    for part in document.parts:
        heading(doc, part.title, 2)
        for point in part.points:
            bullet(doc, point)
    heading(doc, document.examples_title, 2)
    para(doc, document.examples_intro, muted=theme.muted)
    for example in document.examples:
        para(doc, example, italic=True)
    heading(doc, t("report.policy.guardrails", lang), 2)
    para(doc, document.guardrails_intro)
    for g in document.guardrails:
        heading(doc, g.title, 3)
        para(doc, g.text)
    heading(doc, document.adoption_title, 2)
    para(doc, document.adoption_text)
    table(doc, [tr("owner"), tr("version"), tr("date")],
          [[owner, document.version, format_date(document.date, lang)]], theme, [8, 3, 5.5])
    footer(doc, f"{organisation} · {document.title} · {tr('version')} {document.version}", t("report.page", lang))
    return to_bytes(doc)
