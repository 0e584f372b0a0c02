"""The projector: the join code in large type, the link and its QR code, and the live picture.

The address holds the join code and a presenter key derived from the host token, never the host
token itself. The join code alone shows only how to join; the live numbers need the key, and
they appear only once enough people have answered to keep everyone anonymous.
"""

import streamlit as st

from readiness.store import BadToken, UnknownCode
from readiness.theme import Theme
from readiness.workshop import may_show
from ui import frame, state
from ui import workshop as ws_ui
from ui import workshop_sense as sense
from ui.components import escape_markdown
from ui.guard import guard
from ui.i18n import loc, tr, trn
from ui.workshop_charts import section_distribution

frame.setup("present", sidebar_state="collapsed")
st.set_page_config(layout="wide")


def _open():
    """The workshop and whether the presenter key opened it; a code alone counts like a typed one."""
    code, key = st.query_params.get(ws_ui.CODE_PARAM), st.query_params.get(ws_ui.PRESENTER_PARAM)
    if not code:
        return None, False
    if key:
        try:
            return ws_ui.store().workshop_for_presenter(code, key), True
        except (BadToken, UnknownCode):
            pass  # treated as the code alone: no answer tells a wrong key from a wrong code
    if ws_ui.attempts_blocked():
        return None, False
    try:
        return ws_ui.store().workshop_by_code(code), False
    except UnknownCode:
        ws_ui.register_wrong_code(code)
        del st.query_params[ws_ui.CODE_PARAM]  # counted once, not again on a rerun
        return None, False


@st.fragment(run_every=ws_ui.REFRESH_SECONDS)
def live(workshop_id: int, anonymous: bool) -> None:
    with guard("workshop.live.unavailable", quiet=True):
        agg = ws_ui.load_aggregate(workshop_id)
    joined, finished = st.columns(2)
    with joined.container(key="ws-present-joined"):
        st.metric(tr("workshop.live.joined"), agg.joined, border=True)
    with finished.container(key="ws-present-finished"):
        st.metric(tr("workshop.live.finished"), agg.finished, border=True)
    shown = sense.drawn([s for s in agg.sections if may_show(s.n, anonymous=anonymous)])
    if not may_show(agg.responded, anonymous=anonymous) or not shown:
        st.caption(ws_ui.too_few_finished(agg))
        return
    names = {s.id: loc(s.short) for s in state.bank().planning_sections}
    st.plotly_chart(section_distribution(shown, names, Theme.from_brand(frame.brand()[0]), size=18),
                    key="ws.chart.present", config={"displayModeBar": False, "staticPlot": True}, width="stretch")
    note = sense.left_out(agg.sections, shown, names)
    if note:
        st.caption(note)


with guard():
    workshop, presenter = _open()
if workshop is None:
    st.title(tr("workshop.present.title"))
    if ws_ui.attempts_blocked():
        st.error(trn("workshop.join.blocked", ws_ui.wait_minutes()), icon=":material/hourglass:")
    else:
        st.warning(tr("workshop.present.unknown"), icon=":material/search_off:")
    st.stop()

ws_ui.adopt_language(workshop)
if not workshop.is_open:  # closed: neither its title and client nor how to join
    st.title(tr("limits.present_closed_title"))
    st.info(tr("limits.present_closed"), icon=":material/lock:")
    if presenter:
        live(workshop.id, workshop.anonymous)
    sense.watch_status(workshop.id, False)
    st.stop()

with guard():
    url = ws_ui.join_url(workshop.code, ws_ui.store().join_key(workshop.id) if presenter else None)
left, right = st.columns([5, 7], gap="large")
with left:
    st.title(tr("workshop.present.heading"))
    st.markdown(f"**{escape_markdown(workshop.title)}** · {escape_markdown(workshop.organisation)}")
    st.markdown(f"#### {tr('workshop.present.go_to')}")
    st.markdown(f"### {escape_markdown(ws_ui.join_page_url())}")
    st.markdown(f"#### {tr('workshop.present.enter_code')}")
    with st.container(key="ws-present-code"):
        ws_ui.big_code(workshop.code, 6.5)
    if presenter:
        st.image(ws_ui.qr_png(url, 16), width=360, caption=tr("workshop.host.qr_caption"), alt=tr("a11y.qr_alt"))
sense.watch_status(workshop.id, True)
with right:
    if presenter:
        live(workshop.id, workshop.anonymous)
    else:  # the join code alone: how to join, and nothing live
        st.image(ws_ui.qr_png(url, 16), width=520, caption=tr("workshop.host.qr_caption"), alt=tr("a11y.qr_alt"))
        st.caption(tr("workshop.present.no_key"))
