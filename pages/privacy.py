"""What is stored, where, for how long, and how to delete it."""

import streamlit as st

from readiness import settings
from ui import frame
from ui.components import escape_markdown
from ui.i18n import tr

frame.setup("privacy")
config = settings.get()
st.title(tr("privacy.title"))
where = tr(f"privacy.where_{config.database_kind}", location=escape_markdown(config.database_description()))
st.markdown(tr("privacy.body", days=config.retention_days, where=where))
st.markdown(tr("safety.privacy_workshops"))
st.markdown(tr("followup.privacy"))
st.markdown(tr("pulse.privacy", days=config.retention_days))
st.markdown(tr("gaps.privacy"))
