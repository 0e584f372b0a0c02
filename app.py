"""The frame and router: page set-up, language, navigation. Pages do the rest."""

import streamlit as st

from ui import frame

frame.init_session()
page = st.navigation(frame.navigation_pages(), position="hidden")
page.run()
