"""The desktop's remote backend against a real ``trygg-server`` process (TLS, PostgreSQL, the
non-owner role): the generated RPC surface gives the same DTOs as the local services, the same
refusals as the same exception classes, hostile search text is harmless, the certificate is
verified (CA file or pinned fingerprint), and a token is dead after logout."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from trygg_desktop.client.connect import connect
from trygg_desktop.client.errors import CertificateChanged, LocalOnly, ServerUnreachable, UntrustedCertificate
from trygg_desktop.client.remote import RemoteServices
from trygg_desktop.client.transport import Transport
from trygg_desktop.client.trust import KnownServers, fingerprint, pinned_context
from trygg_desktop.domain.errors import (AccessDenied, AuthenticationError, InvalidTransition, NotFound, TryggError,
                                         ValidationError, WrongPassword)
from trygg_desktop.server.cluster import free_port
from trygg_desktop.server.tls import self_signed
from trygg_desktop.services.audit_view import AuditFilter
from trygg_desktop.services.cases import CaseFilter, Referral
from trygg_desktop.services.est_incidents import IncidentInput
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.services.persons import PersonInput
from trygg_desktop.services.surface import REMOTE

from ..conftest import PASSWORD, test_pnr
from .remote_support import RemoteWorld, build_remote_world

HOSTILE = ["'; DROP TABLE case_file; --", "%' OR 1=1 --", "\" OR \"\"=\"", "Robert'); DELETE FROM person; --",
           "\\x00", "%_%", "') UNION SELECT password_hash FROM app_user --", "å'ä\"ö;"]


@pytest.fixture(scope="module")
def remote(pg_cluster, pg_template) -> Iterator[RemoteWorld]:
    yield from build_remote_world(pg_cluster, pg_template)


def signed_in(remote: RemoteWorld, username: str, password: str = PASSWORD) -> RemoteServices:
    return connect(remote.url, username, password, ca=remote.cert)


@pytest.fixture(scope="module")
def coordinator(remote: RemoteWorld) -> Iterator[RemoteServices]:
    services = signed_in(remote, "samordnare")
    yield services
    services.close()


def test_the_openapi_document_lists_every_generated_call_with_its_types(remote: RemoteWorld) -> None:
    with httpx.Client(verify=remote.context()) as c:
        schema = c.get(f"{remote.url}/openapi.json").json()
    calls = {p for p in schema["paths"] if p.startswith("/api/v1/call/")}
    assert calls == {f"/api/v1/call/{s}/{m}" for s, methods in REMOTE.items() for m in methods}
    assert not any("/backup/" in p or "/integrity/" in p for p in calls)  # local-file work is not offered
    body = schema["paths"]["/api/v1/call/meetings/create"]["post"]["requestBody"]["content"]["application/json"]
    request = schema["components"]["schemas"][body["schema"]["$ref"].rsplit("/", 1)[1]]
    assert request["properties"]["data"]["$ref"].endswith("/MeetingInput")
    meeting_input = schema["components"]["schemas"]["MeetingInput"]["properties"]
    assert meeting_input["starts_at"]["format"] == "date-time"
    answer = schema["paths"]["/api/v1/call/case_view/open"]["post"]["responses"]["200"]["content"]
    assert answer["application/json"]["schema"]["$ref"].endswith("/CaseDetail")


def test_remote_calls_give_the_same_dtos_as_local_ones(remote: RemoteWorld, coordinator: RemoteServices) -> None:
    world, built = remote.world, remote.built
    local = world.as_("samordnare")
    assert coordinator.actor == world.actors["samordnare"]
    assert coordinator.cases.list() == local.cases.list()
    assert coordinator.cases.list(CaseFilter(query="Alva", open_only=True)) == local.cases.list(
        CaseFilter(query="Alva", open_only=True))
    assert coordinator.case_view.open(built.case_id) == local.case_view.open(built.case_id)
    assert coordinator.persons.get(built.person_id) == local.persons.get(built.person_id)
    assert coordinator.persons.search("Berg") == local.persons.search("Berg")
    assert coordinator.consents.list_for_case(built.case_id) == local.consents.list_for_case(built.case_id)
    assert coordinator.users.directory() == local.users.directory()
    assert coordinator.cases.allowed_transitions(built.case_id) == local.cases.allowed_transitions(built.case_id)
    # Writes through the server come back as DTOs equal to what a local read then sees.
    person = coordinator.persons.register(PersonInput(first_name="Vide", last_name="Lind", pnr=test_pnr(2010, 2, 3)))
    assert person == local.persons.get(person.id)
    case = coordinator.cases.create(Referral(kind="SSPF", person_id=person.id, unit_id=world.units["SSPF Tureberg"],
                                             referral_date=date.today() - timedelta(days=2),
                                             concerns=("HOG_FRANVARO",), description="Via servern"))
    assert case in local.cases.list()[0]
    entry = coordinator.journal.add(JournalInput(case_id=built.case_id, event_date=date.today(), entry_type="SAMTAL",
                                                 text="Samtal med skolan om närvaron"))
    assert entry in local.journal.list(built.case_id)
    assert coordinator.journal.list(built.case_id) == local.journal.list(built.case_id)
    assert coordinator.journal.search("närvaron") == local.journal.search("närvaron")
    start = datetime.combine(date.today() + timedelta(days=7), time(13, 30))
    meeting = coordinator.meetings.create(MeetingInput(meeting_type="NATVERKSMOTE", starts_at=start,
                                                       case_id=built.case_id, place="Tureberg"))
    assert meeting.starts_at == start and meeting == local.meetings.get(meeting.id)
    assert coordinator.meetings.list(built.case_id) == local.meetings.list(built.case_id)
    assert coordinator.dashboard.for_me() == local.dashboard.for_me()
    assert coordinator.plans.get_current(built.case_id) == local.plans.get_current(built.case_id)


def test_est_through_the_server_is_the_same(remote: RemoteWorld) -> None:
    world = remote.world
    reporter = signed_in(remote, "rapp_polis")
    try:
        day = date.today() - timedelta(days=1)
        dto = reporter.est_incidents.register(IncidentInput(category="SKADEGORELSE.KLOTTER", area="Björkdalen",
                                                            occurred_on=day, place="Björkdalens torg",
                                                            time_from=time(22, 15), description="Klotter"))
        local = world.as_("rapp_polis").est_incidents
        assert dto == local.get(dto.id) and dto.occurred_from.hour == 22
        assert reporter.est_incidents.list(day, day) == local.list(day, day)
        assert reporter.est_setup.setup() == world.as_("rapp_polis").est_setup.setup()
    finally:
        reporter.close()
    coordinator = signed_in(remote, "trygghet")
    try:
        year = str(date.today().year)
        remote_picture = coordinator.est_picture.picture(year)
        local_picture = world.as_("trygghet").est_picture.picture(year)
        # The same picture; made a moment apart, it may say the next second.
        assert dataclasses.replace(remote_picture, generated_at=local_picture.generated_at) == local_picture
        assert abs(remote_picture.generated_at - local_picture.generated_at) < timedelta(seconds=30)
        exported = coordinator.est_picture.export_json(coordinator.est_picture.picture(year))
        assert isinstance(exported, bytes) and json.loads(exported)  # bytes travel as base64 and come back
    finally:
        coordinator.close()


def test_refusals_come_back_as_the_same_exception_with_the_same_code(remote: RemoteWorld) -> None:
    world, built = remote.world, remote.built
    other = signed_in(remote, "annan")  # a coordinator of another unit
    try:
        with pytest.raises(AccessDenied) as local:
            world.as_("annan").case_view.open(built.case_id)
        with pytest.raises(AccessDenied) as through:
            other.case_view.open(built.case_id)
        assert (type(through.value), through.value.code, through.value.message) == (
            type(local.value), local.value.code, local.value.message)
        assert other.cases.list() == ([], 0)
    finally:
        other.close()
    coordinator = signed_in(remote, "samordnare")
    try:
        with pytest.raises(InvalidTransition) as info:  # a ValidationError subclass, as locally
            coordinator.cases.change_status(built.case_id, "AVSLUTAT_NONSENSE")
        assert isinstance(info.value, ValidationError) and info.value.code == "lifecycle.invalid_transition"
        with pytest.raises(NotFound):
            coordinator.persons.get(987654)
        with pytest.raises(ValidationError) as bad:  # not a date: refused before any service runs
            coordinator.transport.request("POST", "/api/v1/call/cases/set_follow_up",
                                          json={"case_id": built.case_id, "when": "inte ett datum"})
        assert bad.value.code == "request.invalid" and bad.value.params == {"fields": ["when"]}
        with pytest.raises(TypeError):  # the proxy has the real signature
            coordinator.cases.set_follow_up(built.case_id)
        with pytest.raises(LocalOnly) as local_only:  # backups need the local file
            coordinator.backup.create()
        assert local_only.value.code == "server.local_only" and coordinator.local_file is None
        assert world.as_("samordnare").local_file is None  # the server's own database has no file either
    finally:
        coordinator.close()


def test_hostile_text_in_every_search_parameter_is_harmless(remote: RemoteWorld, coordinator: RemoteServices) -> None:
    calls = {
        "persons.search": lambda q: coordinator.persons.search(q),
        "journal.search": lambda q: coordinator.journal.search(q),
        "cases.list": lambda q: coordinator.cases.list(CaseFilter(query=q)),
        "cases.list area": lambda q: coordinator.cases.list(CaseFilter(area=q)),
        "emergency.lookup": lambda q: coordinator.emergency.lookup(q),
        "earchive.candidates": lambda q: coordinator.earchive.candidates([q]),
        "persons.possible_duplicates": lambda q: coordinator.persons.possible_duplicates(
            PersonInput(first_name=q, last_name=q)),
    }
    auditor = signed_in(remote, "granskare")
    calls["audit_view.search"] = lambda q: auditor.audit_view.search(AuditFilter(username=q, case_query=q, action=q))
    try:
        for name, call in calls.items():
            for text in HOSTILE:
                try:
                    result = call(text)
                except TryggError as exc:  # a clear refusal is fine; a server failure is not
                    assert not isinstance(exc, (ServerUnreachable,)) and exc.code != "server.error", (name, text)
                else:
                    assert result is not None, name
        assert coordinator.cases.list()[1] >= 1  # nothing was dropped
    finally:
        auditor.close()


def test_wrong_password_and_the_token_after_logout(remote: RemoteWorld) -> None:
    with pytest.raises(WrongPassword) as wrong:
        connect(remote.url, "skola", "fel lösenord", ca=remote.cert)
    assert wrong.value.code == "auth.wrong_password"
    services = signed_in(remote, "skola")
    token = services.transport.token
    assert services.cases.list()[1] == 1
    services.transport.sign_out()
    assert services.transport.token is None
    with httpx.Client(verify=remote.context()) as c:
        refused = c.post(f"{remote.url}/api/v1/call/cases/list", json={},
                         headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401 and refused.json()["code"] == "session.required"
    with pytest.raises(AuthenticationError) as after:
        services.cases.list()
    assert after.value.code == "session.required"
    services.close()


def test_pinning_asks_once_writes_the_fingerprint_and_refuses_a_changed_certificate(remote: RemoteWorld,
                                                                                    tmp_path: Path) -> None:
    known = KnownServers(tmp_path / "config" / "known_servers.json")
    expected = fingerprint(remote.cert.read_bytes())
    with pytest.raises(UntrustedCertificate) as untrusted:  # nobody confirmed: refused, nothing written
        connect(remote.url, "skola", PASSWORD, known=known)
    assert untrusted.value.params["fingerprint"] == expected and not known.path.exists()
    asked: list[tuple[str, str]] = []
    with pytest.raises(UntrustedCertificate):
        connect(remote.url, "skola", PASSWORD, known=known, confirm=lambda host, fp: asked.append((host, fp)) or False)
    assert asked == [(remote.url.removeprefix("https://"), expected)] and not known.path.exists()
    services = connect(remote.url, "skola", PASSWORD, known=known, confirm=lambda host, fp: True)
    services.close()
    assert json.loads(known.path.read_text())["servers"] == {remote.url.removeprefix("https://"): expected}
    assert known.path.stat().st_mode & 0o077 == 0
    again = connect(remote.url, "skola", PASSWORD, known=known, confirm=lambda *_: pytest.fail("asked twice"))
    again.close()
    # The server now shows another certificate than the one pinned: refused, whatever the user says.
    stranger, _key = self_signed(tmp_path / "other", ["127.0.0.1"])
    known.trust(remote.url.removeprefix("https://"), fingerprint(stranger.read_bytes()))
    with pytest.raises(CertificateChanged) as changed:
        connect(remote.url, "skola", PASSWORD, known=known, confirm=lambda *_: True)
    assert changed.value.code == "server.certificate_changed" and expected in changed.value.message
    # A connection that trusts only another certificate never reaches the password exchange.
    transport = Transport(remote.url, pinned_context(stranger.read_text()))
    with pytest.raises(UntrustedCertificate):
        transport.sign_in("skola", PASSWORD)
    transport.close()
    with pytest.raises(UntrustedCertificate):  # a CA file that did not sign the server's certificate
        connect(remote.url, "skola", PASSWORD, ca=stranger)
    with pytest.raises(ValidationError) as plain:  # TLS is required
        connect(remote.url.replace("https", "http"), "skola", PASSWORD, ca=remote.cert)
    assert plain.value.code == "server.url_invalid"


def test_an_unreachable_server_is_a_clear_error(remote: RemoteWorld, coordinator: RemoteServices) -> None:
    closed = f"https://127.0.0.1:{free_port()}"
    with pytest.raises(ServerUnreachable) as first:
        connect(closed, "skola", PASSWORD, known=KnownServers(remote.folder / "none.json"), confirm=lambda *_: True)
    assert first.value.code == "server.unreachable" and "Servern går inte att nå" in first.value.message
    lost = RemoteServices(Transport(closed, remote.context(), timeout=2), coordinator.actor)
    with pytest.raises(ServerUnreachable):
        lost.cases.list()


def test_dtos_survive_a_json_round_trip_unchanged(coordinator: RemoteServices, remote: RemoteWorld) -> None:
    """The decoded answer is the real DTO class (frozen dataclass), not a dict or a model."""
    detail = coordinator.case_view.open(remote.built.case_id)
    assert dataclasses.is_dataclass(detail) and type(detail).__module__.startswith("trygg_desktop.services")
    assert type(detail).__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert type(detail) is type(remote.world.as_("samordnare").case_view.open(remote.built.case_id))


SCHOOL_CLIENT = """
import json, sys
from pathlib import Path
from trygg_desktop.client.connect import connect
from trygg_desktop.domain.errors import TryggError
url, ca, case_id = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
services = connect(url, "skola", sys.argv[4], ca=ca)
try:
    print(json.dumps({"texts": [e.text for e in services.journal.list(case_id)]}))
except TryggError as exc:
    print(json.dumps({"refused": exc.code, "kind": type(exc).__name__}))
finally:
    services.close()
"""


def _school_sees(remote: RemoteWorld, case_id: int) -> dict:
    """The school's contact person, in a process of their own (another desktop, another agency)."""
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", SCHOOL_CLIENT, remote.url, str(remote.cert), str(case_id), PASSWORD],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_cli_refuses_a_ca_without_a_server_and_a_plain_http_address() -> None:
    from trygg_desktop.cli import main
    assert main(["--ca", "some.pem"]) == 2
    assert main(["--server", "http://127.0.0.1:8443"]) == 4  # TLS is required: refused before any window


def test_two_agencies_in_two_processes_see_what_consent_allows(remote: RemoteWorld,
                                                               coordinator: RemoteServices) -> None:
    """Last in the module: it revokes the case's consent."""
    case_id = remote.built.case_id
    coordinator.journal.add(JournalInput(case_id=case_id, event_date=date.today(), entry_type="SAMTAL",
                                         text="Delad: mentorn rapporterar bättre närvaro", visibility="SHARED",
                                         information_category="SKOLGANG_NARVARO"))
    coordinator.journal.add(JournalInput(case_id=case_id, event_date=date.today(), entry_type="SAMTAL",
                                         text="Intern: familjesituationen", visibility="INTERNAL",
                                         information_category="FAMILJESITUATION"))
    seen = _school_sees(remote, case_id)
    assert "Delad: mentorn rapporterar bättre närvaro" in seen["texts"]
    assert not any(t.startswith("Intern") for t in seen["texts"])
    [consent] = coordinator.consents.list_for_case(case_id)
    coordinator.consents.revoke(consent.id, date.today(), channel="telefon")
    after = _school_sees(remote, case_id)  # revoked consent stops the sharing at once
    assert after == {"refused": "access.consent_missing", "kind": "AccessDenied"}


def test_a_remote_client_never_loads_the_local_only_services(remote: RemoteWorld) -> None:
    """Signing in to a server builds proxies for the remotable services only: the demo's Faker,
    the backup and integrity modules stay unloaded, and calling them is ``LocalOnly``."""
    import subprocess
    import sys
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from trygg_desktop.client.connect import connect\n"
        "from trygg_desktop.client.errors import LocalOnly\n"
        f"s = connect({remote.url!r}, 'samordnare', {PASSWORD!r}, ca=Path({str(remote.cert)!r}))\n"
        "refused = []\n"
        "for name in ('demo', 'backup', 'integrity'):\n"
        "    try:\n"
        "        getattr(s, name).create()\n"
        "    except LocalOnly:\n"
        "        refused.append(name)\n"
        "loaded = [m for m in ('faker', 'trygg_desktop.services.demo', 'trygg_desktop.services.backup')\n"
        "          if m in sys.modules]\n"
        "print(refused, loaded, s.cases.list()[1] >= 0)\n"
        "s.close()\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "['demo', 'backup', 'integrity'] [] True"
