"""The schema as it is now (``migrations/versions`` hold how it got here). Imports SQLAlchemy."""

from __future__ import annotations

import sqlalchemy as sa

from .models import MAX_BANK_VERSION, MAX_DISPLAY_NAME, MAX_LANGUAGE, MAX_QUESTION_ID
from .tokens import CODE_LENGTH

#: The newest migration in ``migrations/versions`` (a test keeps the two in step).
SCHEMA_REVISION = "0006"
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = sa.MetaData(naming_convention=NAMING)
_TS = sa.DateTime(timezone=True)

assessments = sa.Table(
    "assessments", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("language", sa.String(MAX_LANGUAGE), nullable=False),
    sa.Column("organisation", sa.Text, nullable=False),
    sa.Column("roadmap_start", sa.Date, nullable=True),
    sa.Column("edits", sa.Text, nullable=False),
    sa.Column("notes", sa.Text, nullable=False),
    sa.Column("bank_version", sa.String(MAX_BANK_VERSION), nullable=False),
    sa.Column("created_at", _TS, nullable=False),
    sa.Column("updated_at", _TS, nullable=False, index=True),
    # follow-ups (0003): the series, the roadmap's dated statuses, and how long retention waits
    sa.Column("predecessor_id", sa.Integer, sa.ForeignKey("assessments.id", ondelete="SET NULL"), nullable=True,
              index=True),
    sa.Column("predecessor", sa.Text, nullable=True),
    sa.Column("progress", sa.Text, nullable=False, server_default="{}"),
    sa.Column("keep_until", sa.Date, nullable=True),
    sa.Column("pulse", sa.Text, nullable=True),  # the employee pulse's totals (0005), as in the answers file
)

answers = sa.Table(
    "answers", metadata,
    sa.Column("assessment_id", sa.Integer, sa.ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("question_id", sa.String(MAX_QUESTION_ID), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated_at", _TS, nullable=False),
)

workshops = sa.Table(
    "workshops", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(CODE_LENGTH), nullable=False, unique=True),
    sa.Column("host_token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("organisation", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("language", sa.String(MAX_LANGUAGE), nullable=False),
    sa.Column("anonymous", sa.Boolean, nullable=False),
    sa.Column("show_results", sa.Boolean, nullable=False),
    sa.Column("status", sa.String(8), nullable=False),
    sa.Column("created_at", _TS, nullable=False),
    sa.Column("updated_at", _TS, nullable=False, index=True),
    sa.Column("agreed", sa.Text, nullable=False),
    sa.Column("notes", sa.Text, nullable=False),
    # bumped under the row lock by every participant write (see store.workshops.WorkshopQueries)
    sa.Column("revision", sa.BigInteger, nullable=False, server_default="0"),
    # the employee pulse (0005): "off", "with" (after the planning questions) or "only"
    sa.Column("pulse", sa.String(8), nullable=False, server_default="off"),
    # groups (0006): the host's group list as JSON (NULL: no groups) and the threshold for figures by group
    sa.Column("groups", sa.Text, nullable=True),
    sa.Column("group_threshold", sa.Integer, nullable=False, server_default="3"),
    sa.CheckConstraint("status IN ('open', 'closed')", name="status"),
)

participants = sa.Table(
    "participants", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("display_name", sa.String(MAX_DISPLAY_NAME), nullable=True),
    sa.Column("finished", sa.Boolean, nullable=False),
    sa.Column("joined_at", _TS, nullable=False),
    sa.Column("updated_at", _TS, nullable=False),
    sa.Column("revision", sa.BigInteger, nullable=False, server_default="0"),  # the workshop's, at the last write
    sa.Column("group_id", sa.String(16), nullable=True),  # 0006: NULL is no group ("rather not say")
    sa.Index("ix_participants_workshop_revision", "workshop_id", "revision"),
)

participant_answers = sa.Table(
    "participant_answers", metadata,
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("question_id", sa.String(MAX_QUESTION_ID), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated_at", _TS, nullable=False),
)
