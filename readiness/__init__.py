"""Employee advocacy readiness: the pure core (bank, answers, scoring, roadmap, storage).

Nothing in this package imports streamlit, fpdf or plotly; the CLI (``readiness.cli``) is the
one face that lives here, and it imports ``reports`` only inside its ``report`` command.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
