"""Follow-ups: an assessment knows its predecessor, keeps its roadmap's progress and a keep-until day.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

- ``predecessor_id``: the assessment this one follows up (the series); set to NULL when that one
  is deleted, so deleting an earlier assessment never takes its follow-ups with it.
- ``predecessor``: what the answers file's ``predecessor`` key holds (JSON), so an imported
  follow-up keeps its earlier answers and statuses even without the earlier row.
- ``progress``: the answers file's ``progress`` key (JSON): each action's dated statuses.
- ``keep_until``: the retention purge leaves the assessment alone until this day (its
  re-assessment date + 90 days); NULL for assessments without a planned re-assessment.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("predecessor_id", sa.Integer, nullable=True))
        batch.add_column(sa.Column("predecessor", sa.Text, nullable=True))
        batch.add_column(sa.Column("progress", sa.Text, nullable=False, server_default="{}"))
        batch.add_column(sa.Column("keep_until", sa.Date, nullable=True))
        batch.create_foreign_key("fk_assessments_predecessor_id_assessments", "assessments", ["predecessor_id"],
                                 ["id"], ondelete="SET NULL")
        batch.create_index("ix_assessments_predecessor_id", ["predecessor_id"])


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_index("ix_assessments_predecessor_id")
        batch.drop_constraint("fk_assessments_predecessor_id_assessments", type_="foreignkey")
        batch.drop_column("keep_until")
        batch.drop_column("progress")
        batch.drop_column("predecessor")
        batch.drop_column("predecessor_id")
