"""The page's language script and style sheet: fixed text, only checked codes and hex colours go in,
and every page draws them with its own language."""

from __future__ import annotations

import pytest

from readiness.theme import Theme
from tests.app.conftest import new_app
from ui import a11y


def test_the_script_takes_a_language_code_and_a_page_id_only():
    script = a11y.head_script("da", "results")
    assert 'document.documentElement.lang = "da";' in script and 'const page = "results";' in script
    for bad in ('da";alert(1);"', "<b>", "", "DA"):
        with pytest.raises(ValueError):
            a11y.head_script(bad, "start")
    with pytest.raises(ValueError):
        a11y.head_script("en", "start</script>")


def test_colour_variables_take_hex_colours_only():
    assert "--readiness-caption: #4B5563;" in a11y.colour_variables(Theme())
    with pytest.raises(ValueError):
        a11y.colour_variables(Theme(primary="red;} body{display:none"))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_page_draws_the_head_in_its_language(lang):
    at = new_app("da-DK" if lang == "da" else "en-GB")
    at.run()
    html = [e for e in at.get("html") if "documentElement.lang" in e.proto.body]
    assert len(html) == 1
    assert f'document.documentElement.lang = "{lang}";' in html[0].proto.body
    assert "--readiness-caption" in html[0].proto.body
