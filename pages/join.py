"""Join a workshop on a phone: type the code (or follow the link), answer section by section, finish.

Only a join code or this phone's own participant token opens anything here, and what it opens
is this participant's answers and, when the host allows it, the group's aggregate.
"""

import streamlit as st

from ui import frame
from ui import workshop as ws_ui
from ui import workshop_join as join
from ui import workshop_pulse as pulse
from ui.components import escape_markdown
from ui.i18n import tr

frame.setup("join", sidebar_state="collapsed")

token = ws_ui.participant_token()
view, problem = join.open_view(token)
linked_code = st.query_params.get(ws_ui.CODE_PARAM)
if view is not None and linked_code and not join.same_workshop(view, linked_code):
    ws_ui.set_participant(None, keep_code=True)  # a link to another workshop: join that one instead
    view = None
if view is None:
    linked, wrong = join.from_link(linked_code, st.query_params.get(ws_ui.JOIN_KEY_PARAM))
    st.title(tr("workshop.join.title"))
    for message in (problem, wrong):
        if message:
            st.warning(message, icon=":material/search_off:")
    join.render_join(linked)
elif not view.workshop.is_open or ws_ui.step() >= join.done_step():
    st.title(escape_markdown(view.workshop.title))
    if not view.workshop.is_open:
        st.info(tr("workshop.join.closed_now"), icon=":material/lock:")
    join.render_done(view)
elif pulse.showing(view):
    pulse.render_pulse(view, token)
else:
    join.render_step(view, token)  # its title is the section's planning question
