"""Groups in workshops: the host's group list and threshold, and which group each participant chose.

A participant's group is personal data like their answers: it is deleted with them, and only the
host's gap view reads it, through :func:`readiness.groups.group_view` (which never shows a group
figure from fewer people than the threshold).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from . import values
from .engine import Database
from .errors import StoreError, UnknownToken, UnknownWorkshop
from .schema import participants, workshops
from .tokens import hash_token
from .workshops import WorkshopQueries

if TYPE_CHECKING:
    from ..groups import GroupSetup


class GroupsLocked(StoreError):
    """The groups cannot change any more: somebody has joined the workshop."""


class GroupQueries(Database):
    """Workshop groups (see :class:`readiness.store.Store`)."""

    def workshop_groups(self, workshop_id: int) -> GroupSetup | None:
        """The workshop's groups and threshold; None when it has no groups."""
        from ..groups import GroupSetup

        with self._read() as conn:
            row = conn.execute(sa.select(workshops.c.groups, workshops.c.group_threshold)
                               .where(workshops.c.id == workshop_id)).first()
        if row is None:
            raise UnknownWorkshop("this workshop no longer exists")
        return GroupSetup.from_json(row.groups, int(row.group_threshold))

    def set_workshop_groups(self, workshop_id: int, setup: GroupSetup | None) -> None:
        """Set the groups and threshold (None: no groups). Before anyone joins, anything goes; once
        somebody has joined, only a higher threshold (:class:`GroupsLocked` otherwise)."""
        from ..groups import DEFAULT_THRESHOLD, GroupSetup, check_groups, check_threshold

        groups = check_groups(setup.groups) if setup is not None else ()
        threshold = check_threshold(setup.threshold) if setup is not None else DEFAULT_THRESHOLD
        text = GroupSetup(groups, threshold).to_json() if groups else None
        with self._write() as conn:
            row = conn.execute(sa.select(workshops.c.groups, workshops.c.group_threshold)
                               .where(workshops.c.id == workshop_id).with_for_update()).first()
            if row is None:
                raise UnknownWorkshop("this workshop no longer exists")
            joined = conn.execute(sa.select(sa.func.count()).select_from(participants)
                                  .where(participants.c.workshop_id == workshop_id)).scalar_one()
            if joined and (text != row.groups or threshold < row.group_threshold):
                raise GroupsLocked("the groups cannot change once somebody has joined (the threshold may go up)")
            conn.execute(workshops.update().where(workshops.c.id == workshop_id)
                         .values(groups=text, group_threshold=threshold, updated_at=values.now()))

    def set_participant_group(self, token: str, group_id: str | None) -> None:
        """The participant's group (None: rather not say); ``ValueError`` for a group the workshop
        does not have, :class:`WorkshopClosed` when it is closed."""
        from ..groups import GroupSetup

        token_hash = hash_token(token)
        with self._write() as conn:
            row = WorkshopQueries._locked_participant(conn, token_hash, workshops.c.groups, workshops.c.group_threshold)
            setup = GroupSetup.from_json(row.groups, int(row.group_threshold))
            if group_id is not None and (setup is None or group_id not in setup.ids):
                raise ValueError(f"group: this workshop has no group {group_id!r}")
            revision = WorkshopQueries._bump(conn, row.workshop_id)  # the live views re-read this participant
            conn.execute(participants.update().where(participants.c.id == row.id)
                         .values(group_id=group_id, updated_at=values.now(), revision=revision))

    def participant_group(self, token: str) -> str | None:
        with self._read() as conn:
            row = conn.execute(sa.select(participants.c.group_id)
                               .where(participants.c.token_hash == hash_token(token))).first()
        if row is None:
            raise UnknownToken("this workshop link no longer works (the workshop may have been deleted)")
        return row.group_id

    def participant_groups(self, workshop_id: int) -> dict[int, str | None]:
        """Participant id -> group id (None: no group), for the host's gap view."""
        with self._read() as conn:
            rows = conn.execute(sa.select(participants.c.id, participants.c.group_id)
                                .where(participants.c.workshop_id == workshop_id)).all()
        return {int(pid): gid for pid, gid in rows}
