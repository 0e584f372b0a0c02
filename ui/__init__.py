"""What several pages share: session state, translations, the frame, charts and components."""

import gc

# The first page of a process imports the app (Pydantic, the question bank, ...) on top of what
# Streamlit has loaded. Freezing Streamlit's own objects first keeps the garbage collections
# those imports trigger from walking them again (~50-90 ms of a cold start; see
# ui.frame.freeze_long_lived and docs/benchmarks.md).
gc.freeze()
