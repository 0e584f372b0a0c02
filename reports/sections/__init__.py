"""The report's sections, one module each; every one is a function ``render_x(pdf, plan)``."""

from .appendix import render_appendix
from .contents import render_contents
from .cover import render_cover
from .decisions import render_decisions
from .group import render_group_page
from .kpis import render_kpis
from .policy import render_policy
from .profile import render_profile
from .questions import render_questions
from .roadmap import render_roadmap
from .summary import render_summary
from .why import render_why

__all__ = ["render_appendix", "render_contents", "render_cover", "render_decisions", "render_group_page",
           "render_kpis", "render_policy", "render_profile", "render_questions", "render_roadmap",
           "render_summary", "render_why"]
