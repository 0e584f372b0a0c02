"""Groups in workshops: ``workshops.groups``, ``workshops.group_threshold``, ``participants.group_id``.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

A workshop may have groups (a JSON list of ``{"id", "label"}``; NULL: no groups) and a threshold
for figures by group (3 to 5, default 3). A participant may belong to one group (NULL: none, or
"rather not say"). Existing workshops have no groups.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("groups", sa.Text, nullable=True))
        batch.add_column(sa.Column("group_threshold", sa.Integer, nullable=False, server_default="3"))
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("group_id", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("group_id")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("group_threshold")
        batch.drop_column("groups")
