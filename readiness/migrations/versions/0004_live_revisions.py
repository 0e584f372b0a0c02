"""Revisions for the live views: ``workshops.revision`` and ``participants.revision``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Every write to a participant (joining, an answer, finishing) bumps its workshop's counter under
the workshop's row lock and stamps the participant with the new value. Writes to one workshop
therefore commit in revision order, so a reader that sees revision R has seen every change up to
R and can read only the participants stamped after its last refresh. Existing workshops and
participants start at revision 1, so a first refresh (from 0) reads them all.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("revision", sa.BigInteger, nullable=False, server_default="0"))
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("revision", sa.BigInteger, nullable=False, server_default="0"))
    op.create_index("ix_participants_workshop_revision", "participants", ["workshop_id", "revision"])
    op.execute("UPDATE workshops SET revision = 1")
    op.execute("UPDATE participants SET revision = 1")


def downgrade() -> None:
    op.drop_index("ix_participants_workshop_revision", table_name="participants")
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("revision")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("revision")
