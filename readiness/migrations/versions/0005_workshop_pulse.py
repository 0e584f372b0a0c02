"""The employee pulse: ``workshops.pulse`` and ``assessments.pulse``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

A workshop either asks no pulse ("off", what every existing workshop keeps), asks the pulse after
the planning questions ("with"), or is a pulse for all staff on its own ("only", the same join
link and code). Pulse answers are stored in ``participant_answers`` under the pulse's own question
ids (all starting with ``pulse.``). An assessment made from a pulse workshop's answers file keeps the
pulse's totals (the answers file's ``pulse`` key, as JSON) in ``assessments.pulse``; NULL: none.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        # a plain added column: a CHECK constraint would make SQLite rebuild the table, and dropping the
        # old one would take its participants with it (ON DELETE CASCADE); the store checks the value
        batch.add_column(sa.Column("pulse", sa.String(8), nullable=False, server_default="off"))
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("pulse", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("pulse")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("pulse")
