"""A bare Streamlit page with the wizard's widgets: the same kinds, labels and options as
``pages/assess.py`` draws for a step, plus the same sidebar, but none of the app's code (no
session-state module, no validation, no store, no question bank). The benchmark writes a copy
beside ``bare_wizard_spec.py``, which holds the texts of every step (from the bank and the
locale files).
"""

import sys
from pathlib import Path

import streamlit as st

# The texts, written by bench.click beside this file and imported once per process (as the
# app imports its question bank once), not parsed on every run.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))
from bare_wizard_spec import SPEC

ss = st.session_state
ss.setdefault("step", SPEC.get("first_step", 0))
ss.setdefault("answers", {})
steps = SPEC["steps"]


def save(question_id: str, key: str) -> None:
    ss.answers[question_id] = ss[key]


def go(step: int) -> None:
    ss.step = step


with st.sidebar:
    st.markdown(f"**{SPEC['app_name']}**")
    st.segmented_control("Sprog · Language", options=["da", "en"], format_func={"da": "Dansk", "en": "English"}.get,
                         key="lang", default="en", required=True)
    for label in SPEC["nav"]:
        st.page_link("https://example.org/" + label.replace(" ", "-"), label=label, icon=":material/home:")
    st.divider()
    st.markdown(f"**{SPEC['resume_title']}**")
    st.code(SPEC["resume_url"], language=None, wrap_lines=True)
    st.caption(SPEC["resume_note"])
    with st.popover(SPEC["delete"], icon=":material/delete:"):
        st.write(SPEC["delete_confirm"])
        st.button(SPEC["delete_yes"], type="primary", key="delete")
    st.page_link("https://example.org/privacy", label=SPEC["privacy"], icon=":material/shield:")

current = ss.step
step = steps[current]
st.title(SPEC["title"])
st.html(SPEC["scroll_script"].replace("{marker}", str(current)), unsafe_allow_javascript=True, width="content")
st.progress((current + 1) / len(steps), text=step["progress"])
st.selectbox(SPEC["jump"], list(range(len(steps))), index=current, format_func=[s["short"] for s in steps].__getitem__,
             key=f"jump.{current}", on_change=lambda: go(ss[f"jump.{current}"]))
st.header(step["header"])
st.markdown(step["intro"])
if step["items"]:
    with st.expander(SPEC["scale_help"], icon=":material/help:"):
        st.markdown(SPEC["scale_text"])


def widget(q: dict) -> None:
    key = f"q.{q['id']}"
    common = {"key": key, "help": q["help"] or None, "on_change": save, "args": (q["id"], key)}
    labels = dict(q["options"])
    ids = list(labels)
    if q["kind"] in ("scale", "single"):
        st.radio(q["label"], ids, format_func=labels.get, horizontal=q["kind"] == "scale", index=None, **common)
    elif q["kind"] == "multi":
        st.pills(q["label"], ids, format_func=labels.get, selection_mode="multi", **common)
    elif q["kind"] == "number":
        st.number_input(q["label"], min_value=0, value=None, step=1, **common)
    elif q["kind"] == "date":
        st.date_input(q["label"], value=None, format="YYYY-MM-DD", **common)
    else:
        st.text_area(q["label"], **common)


if step["decisions"]:
    if step["items"]:
        st.subheader(SPEC["decisions"])
    for q in step["decisions"]:
        widget(q)
if step["items"]:
    st.subheader(SPEC["readiness"])
    st.caption(SPEC["readiness_help"])
    for q in step["items"]:
        widget(q)
st.caption(SPEC["required_note"])
back, forward = st.columns(2)
with back:
    if current > 0:
        st.button(SPEC["back"], icon=":material/arrow_back:", key="back", on_click=go, args=(current - 1,), width="stretch")
with forward:
    if current < len(steps) - 1:
        st.button(SPEC["next"], icon=":material/arrow_forward:", type="primary", key="next", on_click=go,
                  args=(current + 1,), width="stretch")
