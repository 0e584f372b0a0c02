"""Join codes of 8 characters: ``workshops.code`` widened from 6 to 8 (codes of 6 stay valid).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Six characters from a 23-letter alphabet are about 27 bits, few enough to find a live code by
trying; eight are about 36 bits. SQLite ignores the length, PostgreSQL enforces it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.alter_column("code", existing_type=sa.String(6), type_=sa.String(8), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.alter_column("code", existing_type=sa.String(8), type_=sa.String(6), existing_nullable=False)
