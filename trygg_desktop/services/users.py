"""Accounts, roles, units and passwords (system administrators), and one's own password.

Key-file changes and database changes of one action go together: the key file is
written atomically just before the transaction commits, so a crash leaves either
both or (at worst) an unused slot, never a user without a way in.
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from ..domain import vocab
from ..domain.access import Act, Rec
from ..domain.errors import NotFound, ValidationError
from ..store.models import CaseAssignment, Unit, User, UserRole, UserUnit, utcnow
from ..vault.kdf import KdfParams, calibrated
from ..vault.throttle import Throttle
from . import mapping
from .base import Service, Tx, changes
from .credentials import ServerCredentials
from .account_rules import check_password, check_username
from .database import default_throttle
from .dto import UnitDTO, UserDTO
from ..domain.topics import Topic

log = logging.getLogger(__name__)


class UserService(Service):

    # -- units ---------------------------------------------------------------
    @changes(Topic.USERS)
    def add_unit(self, name: str, *, agency: str, case_kind: str | None = None, area: str | None = None) -> UnitDTO:
        vocab.AGENCIES.check(agency)
        if case_kind is not None:
            vocab.CASE_KINDS.check(case_kind)
        name = name.strip()
        if not name or len(name) > 200:
            raise ValidationError("A unit needs a name", code="unit.name")
        with self.tx() as tx:
            tx.require(Act.CREATE, Rec.USER_ACCOUNT)
            if tx.session.scalar(select(Unit).where(Unit.name == name)):
                raise ValidationError("A unit with that name exists", code="unit.exists")
            unit = Unit(name=name, agency_code=agency, case_kind=case_kind, area=area)
            tx.session.add(unit)
            tx.session.flush()
            tx.audit("UNIT_CREATE", entity="unit", entity_id=unit.id)
            return mapping.unit(unit)

    def list_units(self) -> list[UnitDTO]:
        """Unit names are organisation data, not case content: every user may list them."""
        with self.tx() as tx:
            return [mapping.unit(u) for u in tx.session.scalars(select(Unit).order_by(Unit.name))]

    def _unit_ids(self, tx: Tx, names_or_ids: list[str | int]) -> list[int]:
        ids = []
        for ref in names_or_ids:
            unit = (tx.session.get(Unit, int(ref)) if str(ref).isdigit()
                    else tx.session.scalar(select(Unit).where(Unit.name == str(ref))))
            if unit is None:
                raise ValidationError("Unknown unit", code="unit.unknown", unit=str(ref))
            ids.append(unit.id)
        return ids

    # -- accounts ------------------------------------------------------------
    @changes(Topic.USERS)
    def add_user(self, username: str, password: str, *, agency: str, roles: list[str],
                 units: list[str | int] = (), display_name: str | None = None, title: str | None = None,
                 kdf_params: KdfParams | None = None) -> UserDTO:
        check_username(username)
        check_password(password)
        vocab.AGENCIES.check(agency)
        if not roles:
            raise ValidationError("A user needs at least one role", code="user.roles")
        for role in roles:
            if role not in vocab.ROLES:
                raise ValidationError("Unknown role", code="user.role_unknown", role=role)
        params = kdf_params or calibrated()
        with self.tx() as tx:
            tx.require(Act.CREATE, Rec.USER_ACCOUNT)
            if tx.session.scalar(select(User).where(User.username == username.strip())):
                raise ValidationError("That user name is taken", code="user.exists")
            unit_ids = self._unit_ids(tx, list(units))
            slot_id = self.db.credentials.add(tx.session, username, password, params)
            user = User(username=username.strip(), display_name=display_name or username.strip(), title=title,
                        agency_code=agency, slot_id=slot_id,
                        roles=[UserRole(role=r) for r in sorted(set(roles))],
                        units=[UserUnit(unit_id=u) for u in sorted(set(unit_ids))])
            tx.session.add(user)
            tx.session.flush()
            tx.audit("USER_CREATE", entity="user", entity_id=user.id,
                     detail={"roles": sorted(set(roles)), "agency": agency, "units": sorted(set(unit_ids))})
            return mapping.user(user)

    def list_users(self) -> list[UserDTO]:
        with self.tx() as tx:
            tx.require(Act.READ, Rec.USER_ACCOUNT)
            tx.audit("USER_LIST", entity="user")
            return [mapping.user(u) for u in tx.session.scalars(select(User).order_by(User.username))]

    def directory(self) -> list[UserDTO]:
        """Active colleagues (names, agencies, roles) for choosing meeting roles and assignees."""
        with self.tx() as tx:
            return [mapping.user(u) for u in tx.session.scalars(
                select(User).where(User.active.is_(True)).order_by(User.display_name))]

    @changes(Topic.USERS)
    def set_units(self, username: str, units: list[str | int]) -> UserDTO:
        with self.tx() as tx:
            tx.require(Act.UPDATE, Rec.USER_ACCOUNT)
            user = self._user(tx, username)
            ids = self._unit_ids(tx, list(units))
            user.units = [UserUnit(unit_id=u) for u in sorted(set(ids))]
            tx.session.flush()
            tx.audit("USER_UNITS", entity="user", entity_id=user.id, detail={"units": sorted(set(ids))})
            return mapping.user(user)

    @changes(Topic.USERS)
    def change_own_password(self, old_password: str, new_password: str,
                            kdf_params: KdfParams | None = None) -> None:
        """Rewraps this user's slot only: the database file is not touched (R8).

        The audit event is queued in this machine's state file and written at the
        next unlock, like failed attempts, so not one byte of the database changes.
        """
        check_password(new_password)
        if self.db.server is not None:  # the verifier lives in the database: one audited change
            with self.tx() as tx:
                user = ServerCredentials.verify(tx.session, self.actor.username, old_password)
                self.db.credentials.reset(tx.session, user, new_password, kdf_params or calibrated())
                tx.audit("PASSWORD_CHANGE", entity="user", entity_id=user.id)
            return
        keyfile = self.db.load_keyfile()
        keyfile.change_password(self.actor.username, old_password, new_password, kdf_params or calibrated())
        keyfile.save(self.db.key_path)
        default_throttle().record_event(
            Throttle.key_for(keyfile.db_uuid, keyfile.lookup_tag(self.actor.username)),
            Throttle.scope_for(keyfile.db_uuid), "PASSWORD_CHANGE")

    @changes(Topic.USERS)
    def reset_password(self, username: str, new_password: str, kdf_params: KdfParams | None = None) -> None:
        """An administrator sets a new password (the user forgot theirs)."""
        check_password(new_password)
        with self.tx() as tx:
            tx.require(Act.UPDATE, Rec.USER_ACCOUNT)
            user = self._user(tx, username)
            self.db.credentials.reset(tx.session, user, new_password, kdf_params or calibrated())
            tx.audit("PASSWORD_RESET", entity="user", entity_id=user.id)

    @changes(Topic.USERS)
    def remove_user(self, username: str) -> None:
        """Deactivate the account and rotate the database key (R11)."""
        with self.tx() as tx:
            tx.require(Act.DELETE, Rec.USER_ACCOUNT)
            user = self._user(tx, username)
            if user.id == self.actor.user_id:
                raise ValidationError("You cannot remove yourself", code="user.remove_self")
            user.active = False
            user.removed_at = utcnow()
            for assignment in tx.session.scalars(select(CaseAssignment).where(
                    CaseAssignment.user_id == user.id, CaseAssignment.ended_at.is_(None))):
                assignment.ended_at = utcnow()
            slot_id = user.slot_id
            self.db.credentials.remove(tx.session, [slot_id])
            tx.audit("USER_REMOVE", entity="user", entity_id=user.id,
                     flags=["KEY_ROTATION"] if self.db.server is None else ())
        self.db.credentials.after_remove([slot_id])

    def _user(self, tx: Tx, username: str) -> User:
        user = tx.session.scalar(select(User).where(User.username == username.strip()))
        if user is None:
            raise NotFound("No such user", code="user.not_found")
        return user
