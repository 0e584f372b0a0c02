"""Compare: this assessment against the one it follows up — scores, level, blockers, the roadmap."""

from readiness.theme import Theme
from ui import frame
from ui.progress import compare_page

frame.setup("compare")
compare_page(Theme.from_brand(frame.brand()[0]))
