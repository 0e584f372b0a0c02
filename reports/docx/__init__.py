"""Word documents (python-docx): the plan and the positive social media policy, as bytes.

    from reports.docx import plan_docx, policy_docx
    data = plan_docx(plan, brand=brand, today=today)
    data = policy_docx(policy_document, brand=brand)

Both render core objects only (:class:`readiness.plan.Plan`,
:class:`readiness.policy_document.PolicyDocument`), never Streamlit state.
"""

from .plan import plan_docx
from .policy import policy_docx

__all__ = ["plan_docx", "policy_docx"]
