"""Baseline Streamlit scripts: what a bare page with the same widgets costs (no app code)."""
