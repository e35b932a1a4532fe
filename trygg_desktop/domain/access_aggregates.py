"""Who may see the aggregated views: the follow-up statistics and EST (effektiv samordning för
trygghet). Neither holds a person, a case or a reference, so there is no case connection or
consent to check; the rules are the capability table of ``access`` plus a scope (statistics:
the kinds and units a coordinator owns) or the owning agency (EST: one incident or action).
"""

from __future__ import annotations

from dataclasses import dataclass

from .access import CAPABILITIES, COORDINATOR_ROLES, Act, Actor, Decision, Rec, capable


@dataclass(frozen=True, slots=True)
class StatisticsScope:
    """What follow-up statistics a user may see: case kinds, and units (None: every unit)."""

    kinds: frozenset[str]
    unit_ids: frozenset[int] | None

    def covers_unit(self, unit_id: int) -> bool:
        return self.unit_ids is None or unit_id in self.unit_ids


def statistics_scope(actor: Actor) -> StatisticsScope | None:
    """The follow-up statistics (``Rec.STATISTICS``) a user may see, or None for none at all.

    Only aggregated, small-number-suppressed tables ever leave the statistics service,
    never a person, a case or a reference; still not everyone needs them (DOMAIN 1.10, 7):

    * STYRGRUPP: every case kind and every unit. The steering group decides on resources
      for SSPF, TREFAS and defector work alike, so it sees all three (suppressed).
    * A coordinator (SSPF_KOORDINATOR, TREFAS_KOORDINATOR, AVHOPPARSAMORDNARE): the kinds
      they coordinate, in their own units only, the cases they already own. They follow
      their work up and present it to the steering group; an SSPF coordinator does not
      learn TREFAS or defector figures (that such cases exist at all is restricted).
    * Nobody else: SYSTEMADMIN manages accounts and sees no case content, not even counted;
      LOGGGRANSKARE and ARKIVANSVARIG have their own records; case-work roles (handläggare,
      contact persons, chair, secretary, adjuster) work with cases, not with follow-up.
    """
    if "STYRGRUPP" in actor.roles and capable(actor, Act.READ, Rec.STATISTICS):
        return StatisticsScope(kinds=frozenset(COORDINATOR_ROLES), unit_ids=None)
    kinds = frozenset(kind for kind, role in COORDINATOR_ROLES.items()
                      if role in actor.roles and Act.READ in CAPABILITIES.get(role, {}).get(Rec.STATISTICS, ()))
    if not kinds:
        return None
    return StatisticsScope(kinds=kinds, unit_ids=frozenset(actor.unit_ids))


def decide_statistics(actor: Actor, act: Act, kind: str | None = None, unit_id: int | None = None) -> Decision:
    """May ``actor`` ``act`` (READ a report, PRINT its PDF, EXPORT its CSV) on follow-up
    statistics of ``kind`` (None: every kind in scope) and ``unit_id`` (None: every unit in
    scope)? The statistics service asks this before it counts anything."""
    if not capable(actor, act, Rec.STATISTICS):
        return Decision(False, "access.no_capability")
    scope = statistics_scope(actor)
    if scope is None:
        return Decision(False, "access.no_capability")
    if kind is not None and kind not in scope.kinds:
        return Decision(False, "access.statistics_scope")
    if unit_id is not None and not scope.covers_unit(unit_id):
        return Decision(False, "access.not_in_unit")
    return Decision(True)


#: EST records whose single rows belong to the agency that reported (incident) or performs (action) them.
EST_AGENCY_RECORDS = frozenset({Rec.EST_INCIDENT, Rec.EST_ACTION})
EST_RECORDS = frozenset({Rec.EST_INCIDENT, Rec.EST_IMPORT, Rec.EST_SETUP, Rec.EST_PICTURE, Rec.EST_ACTION,
                         Rec.EST_MEETING})


def est_owner(actor: Actor) -> bool:
    """The EST coordinator: sees and changes every agency's incidents and actions."""
    return "TRYGGHETSSAMORDNARE" in actor.roles and capable(actor, Act.UPDATE, Rec.EST_SETUP)


def decide_est(actor: Actor, act: Act, rec: Rec, owning_agency: str | None = None) -> Decision:
    """May ``actor`` ``act`` on the EST record kind ``rec``; for one incident or action,
    ``owning_agency`` is the agency that reported it (an ``EST_SOURCES`` code) or performs it.

    * capability first (the table above): only TRYGGHETSSAMORDNARE and EST_RAPPORTOR have
      any EST capability; the steering group, administrators, log reviewers and case-work
      roles have none (EST holds no case content, but it is not theirs either);
    * a single incident or action of another agency: the coordinator reads and changes it,
      a reporter neither (``access.est_other_agency``). Lists, the duplicate warning and
      the lägesbild aggregate over all agencies: that is the joint picture.
    """
    if rec not in EST_RECORDS or not capable(actor, act, rec):
        return Decision(False, "access.no_capability")
    if rec in EST_AGENCY_RECORDS and owning_agency is not None and act is not Act.CREATE:
        if owning_agency != actor.agency and not est_owner(actor):
            return Decision(False, "access.est_other_agency")
    return Decision(True)


def decide_est_meeting(actor: Actor, act: Act, *, adjuster_user_id: int | None = None) -> Decision:
    """May ``actor`` ``act`` on an EST meeting (its agenda, attendance, protocol).

    The coordinator books and keeps the meeting, prints it and may justera it; a reporter
    reads and prints it; the meeting's named adjuster (justerare) justerar it although a
    reporter, as the person the meeting chose to check the protocol."""
    if act is Act.APPROVE and adjuster_user_id is not None and adjuster_user_id == actor.user_id \
            and capable(actor, Act.READ, Rec.EST_MEETING):
        return Decision(True)
    return decide_est(actor, act, Rec.EST_MEETING)
