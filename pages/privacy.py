"""What is stored, where, for how long, and how to delete it."""

import os

import streamlit as st

from ui import frame
from ui.i18n import tr

frame.setup("privacy")
st.title(tr("privacy.title"))
days = os.environ.get("READINESS_RETENTION_DAYS", "180")
st.markdown(tr("privacy.body", days=days))
