"""Progress: the roadmap's statuses with their dates, the monthly check-in, and the follow-up assessment."""

from ui import frame
from ui.progress import progress_page

frame.setup("progress")
progress_page()
