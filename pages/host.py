"""The facilitator's workshop: create one, show the code, watch the answers come in, agree, download.

Only the host token (``?h=``, or kept in this session) opens a workshop here; anything else
(a join code, a participant's token, a mistyped link) gets the form to create a new one.
"""

import streamlit as st

from ui import frame, state
from ui import workshop as ws_ui
from ui import workshop_gaps as gaps
from ui import workshop_host as host
from ui import workshop_pulse as pulse
from ui.guard import guard
from ui.i18n import tr

frame.setup("host")
st.set_page_config(layout="wide")

access = ws_ui.host_access()
if access is None:
    host.render_create()
    st.stop()
workshop, token = access
host.render_header(workshop, token)
if workshop.pulse == "only":  # a pulse for all staff: its summary, its answers file, the settings
    pulse.render_host(workshop)
    st.stop()

# Only the open tab runs (and fetches fresh answers when it is opened); the live one refreshes itself.
names = [tr(f"workshop.host.tab_{name}") for name in ("live", "agree", "results", "manage")]
names.insert(1, tr("gaps.tab"))
live, by_group, agree, results, manage = st.tabs(names, key=state.widget_key(f"{state.lang()}.ws.host_tab"),
                                                 on_change="rerun")
if live.open:
    with live:
        host.live(workshop.id, workshop.anonymous)
        if workshop.pulse == "with":
            pulse.summary(workshop.id)
if by_group.open:
    with by_group:
        gaps.live_gaps(workshop.id)
        gaps.render_compare(workshop)
if agree.open or results.open:
    with guard("workshop.live.unavailable"):
        aggregate = ws_ui.load_aggregate(workshop.id, live=not workshop.anonymous)
    if agree.open:
        with agree:
            host.render_agree(workshop, aggregate)
    else:
        with results:
            host.render_results(workshop, aggregate)
if manage.open:
    with manage:
        host.render_manage(workshop)
