"""The initial schema: assessments with one row per answer, and workshops with participants.

Revision ID: 0001
Revises:
Create Date: 2026-11-28

Frozen: this file describes the schema as it was at revision 0001. Change the schema with a new
revision, never by editing this one.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("organisation", sa.Text, nullable=False),
        sa.Column("roadmap_start", sa.Date, nullable=True),
        sa.Column("edits", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("bank_version", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
        sa.UniqueConstraint("token_hash", name="uq_assessments_token_hash"),
    )
    op.create_index("ix_assessments_updated_at", "assessments", ["updated_at"])
    op.create_table(
        "answers",
        sa.Column("assessment_id", sa.Integer, nullable=False),
        sa.Column("question_id", sa.String(200), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("assessment_id", "question_id", name="pk_answers"),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"], ondelete="CASCADE",
                                name="fk_answers_assessment_id_assessments"),
    )
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("code", sa.String(6), nullable=False),
        sa.Column("host_token_hash", sa.String(64), nullable=False),
        sa.Column("organisation", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("anonymous", sa.Boolean, nullable=False),
        sa.Column("show_results", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("agreed", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_workshops"),
        sa.UniqueConstraint("code", name="uq_workshops_code"),
        sa.UniqueConstraint("host_token_hash", name="uq_workshops_host_token_hash"),
        sa.CheckConstraint("status IN ('open', 'closed')", name="ck_workshops_status"),
    )
    op.create_index("ix_workshops_updated_at", "workshops", ["updated_at"])
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("workshop_id", sa.Integer, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(60), nullable=True),
        sa.Column("finished", sa.Boolean, nullable=False),
        sa.Column("joined_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_participants"),
        sa.UniqueConstraint("token_hash", name="uq_participants_token_hash"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE",
                                name="fk_participants_workshop_id_workshops"),
    )
    op.create_index("ix_participants_workshop_id", "participants", ["workshop_id"])
    op.create_table(
        "participant_answers",
        sa.Column("participant_id", sa.Integer, nullable=False),
        sa.Column("question_id", sa.String(200), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("participant_id", "question_id", name="pk_participant_answers"),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE",
                                name="fk_participant_answers_participant_id_participants"),
    )


def downgrade() -> None:
    op.drop_table("participant_answers")
    op.drop_index("ix_participants_workshop_id", table_name="participants")
    op.drop_table("participants")
    op.drop_index("ix_workshops_updated_at", table_name="workshops")
    op.drop_table("workshops")
    op.drop_table("answers")
    op.drop_index("ix_assessments_updated_at", table_name="assessments")
    op.drop_table("assessments")
