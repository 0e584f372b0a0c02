"""Import messages in the user's language, naming the field as the user knows it; the CLI's
English one-line messages unchanged; a notice for another bank version; the name limit shown."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from readiness.answers import MAX_FILE_BYTES, AnswersError, Notice, parse_answers_file
from readiness.bank import load_bank

from .conftest import new_app

BANK = load_bank()
ENGLISH_BITS = ("Expecting", "expected", "not valid JSON", "limit is", "unknown option", "characters, the")


def _import(data: bytes, lang: str = "da") -> tuple[bool, str]:
    def script():
        import streamlit as st

        from ui import state
        from ui.importer import import_bytes

        state.init(st.session_state["lang"])
        if "payload" in st.session_state:
            st.session_state["result"] = import_bytes(st.session_state["payload"])

    at = AppTest.from_function(script, default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    at.session_state["payload"] = data
    at.run()
    assert not at.exception, at.exception
    return at.session_state["result"]


def _doc(**fields) -> bytes:
    return json.dumps({"format": "readiness-answers/1", "answers": {}, **fields}, ensure_ascii=False).encode()


def _plain(message: str) -> str:
    return message.replace("\\", "")


def test_broken_json_is_explained_in_danish_without_the_parser_s_english():
    ok, message = _import(b'{"format": "readiness-answers/1", answers: {}}')
    assert not ok
    assert "Filen er ikke gyldig JSON: der er en fejl i linje 1, tegn 35" in _plain(message), message
    assert not any(bit in message for bit in ENGLISH_BITS), message


def test_an_unknown_option_names_the_question_by_its_danish_text():
    ok, message = _import(_doc(answers={"cadence.frequency": "hourly"}))
    question = BANK.questions["cadence.frequency"].text.get("da")
    assert not ok
    assert f"Svaret på »{question}« er ikke en af svarmulighederne (hourly)" in _plain(message), message
    assert "cadence.frequency" not in _plain(message)


def test_the_same_problem_in_english():
    ok, message = _import(_doc(answers={"cadence.frequency": "hourly"}), "en")
    question = BANK.questions["cadence.frequency"].text.get("en")
    assert not ok and f"The answer to “{question}” is not one of the options" in _plain(message), message


def test_a_300_character_organisation_name_gets_a_message_with_the_limit():
    ok, message = _import(_doc(organisation={"name": "Å" * 300}))
    assert not ok
    assert "Organisationens navn fylder 300 tegn, men der er kun plads til 200" in _plain(message), message


def test_a_too_large_file_names_the_size_in_danish_numbers():
    ok, message = _import(b" " * (MAX_FILE_BYTES + 1))
    assert not ok and "1.048.577 bytes" in _plain(message) and "1.048.576 bytes (1 MB)" in _plain(message), message


def test_an_impossible_date_names_the_roadmap_start():
    ok, message = _import(_doc(roadmap={"start": "2027-02-30"}))
    assert not ok and "Køreplanens startdato er ikke en gyldig dato (2027-02-30)" in _plain(message), message


def test_a_file_from_another_bank_version_is_loaded_with_a_notice():
    ok, message = _import(_doc(bank_version="2025.1.0", answers={"cadence.frequency": "weekly"}))
    assert ok
    assert f"spørgsmålene fra version 2025.1.0, og appen bruger nu version {BANK.version}" in _plain(message), message


def test_a_file_from_this_bank_version_has_no_notice():
    ok, message = _import(_doc(bank_version=BANK.version, answers={"cadence.frequency": "weekly"}))
    assert ok and "version" not in message, message


def test_an_unknown_field_is_noted_in_danish():
    ok, message = _import(_doc(colour="blue"))
    assert ok and "feltet »colour« kendes ikke og er sprunget over" in _plain(message), message


@pytest.mark.parametrize("data, code, line", [
    (b"{not json", "not_json", "not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2"),
    (b'{"format": "readiness-answers/1", "answers": {}, "organisation": {"name": "' + b"x" * 300 + b'"}}',
     "too_long", "organisation.name: text is 300 characters, the limit is 200"),
    (b'{"format": "readiness-answers/1", "answers": {"nope.q": 1}}', "unknown_question",
     "answers.nope.q: unknown question id"),
])
def test_the_core_keeps_its_english_line_and_adds_a_code(data, code, line):
    with pytest.raises(AnswersError) as caught:
        parse_answers_file(BANK, data)
    assert str(caught.value) == line
    assert caught.value.code == code


def test_a_warning_is_still_its_english_line():
    warnings: list[str] = []
    parse_answers_file(BANK, _doc(colour="blue"), warnings)
    assert warnings == ["colour: unknown field, ignored"]
    assert isinstance(warnings[0], Notice) and warnings[0].code == "unknown_field"


def test_the_organisation_field_shows_its_limit():
    at = new_app("da-DK")
    at.switch_page("pages/assess.py")
    at.run()
    name = at.text_input(key="w.organisation")
    assert name.max_chars == 200
    assert "Højst 200 tegn" in (name.help or ""), name.help


def test_the_uploader_gets_danish_inner_texts():
    at = new_app("da-DK")
    at.run()
    assert not at.exception, at.exception
    scripts = [e.proto.body for e in at.get("html") if "uploader texts" in e.proto.body]
    assert scripts, "no uploader script on the start page"
    assert '"button": "Vælg fil"' in scripts[0] and '"limit": "JSON-fil, højst 1 MB"' in scripts[0]
