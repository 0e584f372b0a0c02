"""The consultant's brand on the plan: name, logo, colours, contact line and website."""

from __future__ import annotations

from io import BytesIO

from readiness.answers import Assessment
from readiness.brand import read_brand
from readiness.samples import best_answers

from .conftest import TODAY, build, page_texts, tiny_png

BRAND_YAML = """\
name: Fjordhavn Rådgivning
logo: logo.png
colours:
  primary: "#1D4ED8"
  accent: "#DB2777"
contact: "Hanne Ølgaard · hanne@fjordhavn.dk · +45 12 34 56 78"
website: "https://fjordhavn.dk"
"""


def _brand_file(tmp_path):
    (tmp_path / "logo.png").write_bytes(tiny_png())
    path = tmp_path / "brand.yaml"
    path.write_text(BRAND_YAML, encoding="utf-8")
    return path


def test_a_brand_with_a_logo_shows_its_name_contact_line_website_and_logo(bank, tmp_path, report_dir):
    from pypdf import PdfReader

    brand = read_brand(_brand_file(tmp_path))
    built = build(bank, Assessment(answers=best_answers(bank), organisation="Kunde A/S"), "branded", report_dir,
                  "da", brand=brand)
    texts = page_texts(built.data)
    assert "Fjordhavn Rådgivning" in texts[0]
    assert "Hanne Ølgaard · hanne@fjordhavn.dk · +45 12 34 56 78" in texts[0]
    assert "https://fjordhavn.dk" in texts[0]
    assert all("Fjordhavn Rådgivning" in page for page in texts[1:])  # running header and footer
    reader = PdfReader(BytesIO(built.data))
    assert reader.metadata.author == "Fjordhavn Rådgivning"
    assert reader.pages[0].images, "the logo is on the cover"
    cover = reader.pages[0].get_contents().get_data()
    assert b"0.1137 0.3059 0.8471 rg" in cover  # the brand's primary colour (#1D4ED8) fills the cover's band
    assert b"0.8588 0.1529 0.4667 rg" in cover  # and its accent colour (#DB2777) the line under it


def test_without_a_brand_argument_the_report_reads_READINESS_BRAND(bank, tmp_path, set_env):
    from reports import build_report

    set_env(READINESS_BRAND=str(_brand_file(tmp_path)))
    data = build_report(bank, Assessment(organisation="Kunde A/S"), lang="en", today=TODAY)
    assert "Fjordhavn Rådgivning" in page_texts(data)[0]
    set_env(READINESS_BRAND=None)
    data = build_report(bank, Assessment(organisation="Kunde A/S"), lang="en", today=TODAY)
    assert "Employee Advocacy Readiness" in page_texts(data)[0]  # the neutral default
