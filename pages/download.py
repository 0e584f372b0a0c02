"""Download: the PDF plan, the plan and the policy in Word, the answers file, the roadmap (spreadsheet, calendar)."""

import streamlit as st

from readiness.theme import Theme
from ui import downloads, frame, state
from ui.cache import plan
from ui.i18n import tr

frame.setup("download")
bank = state.bank()
lang = state.lang()
assessment = state.assessment()  # a snapshot: the builders below never read live session state
the_plan = plan(assessment, lang)
theme = Theme.from_brand(frame.brand()[0])
stem = downloads.file_stem(assessment.organisation, lang)

st.title(tr("download.title"))
st.markdown(tr("download.lead"))

st.subheader(tr("download.pdf"))
st.caption(tr("download.pdf_help"))
st.download_button(tr("download.pdf_button"), downloads.pdf_builder(bank, assessment, lang, frame.brand()[0]),
                   file_name=f"{stem}.pdf", mime="application/pdf", type="primary", icon=":material/picture_as_pdf:",
                   on_click="ignore")

st.subheader(tr("deliverables.docx"))
st.caption(tr("deliverables.docx_help"))
st.download_button(tr("deliverables.docx_button"), downloads.plan_docx_builder(bank, assessment, lang, frame.brand()[0]),
                   file_name=f"{stem}.docx", mime=downloads.DOCX_MIME, icon=":material/description:", on_click="ignore")
st.subheader(tr("deliverables.policy"))
st.caption(tr("deliverables.policy_help"))
st.download_button(tr("deliverables.policy_button"), downloads.policy_docx_builder(bank, assessment, lang, frame.brand()[0]),
                   file_name=f"{downloads.policy_stem(assessment.organisation, lang)}.docx", mime=downloads.DOCX_MIME,
                   icon=":material/gavel:", on_click="ignore")

st.subheader(tr("download.answers"))
st.caption(tr("download.answers_help"))
st.download_button(tr("download.answers_button"), downloads.json_builder(bank, assessment), file_name=f"{stem}.json",
                   mime="application/json", icon=":material/data_object:", on_click="ignore")

st.subheader(tr("download.roadmap"))
st.caption(tr("download.roadmap_help"))
left, right = st.columns(2)
with left:
    st.download_button(tr("download.xlsx_button"), downloads.xlsx_builder(bank, the_plan, lang, theme),
                       file_name=f"{stem}.xlsx", icon=":material/table:", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
with right:
    st.download_button(tr("download.ics_button"), downloads.ics_builder(the_plan, lang, state.token() or stem),
                       file_name=f"{stem}.ics", mime="text/calendar", icon=":material/event:", on_click="ignore")
