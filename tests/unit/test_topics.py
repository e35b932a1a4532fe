"""Every remotable service method that changes data declares what it changes (``@changes``).

``MethodSpec.changes`` decides by name whether a call changes data; the window's refresh
needs to know *what* changed. A new changing method without ``@changes(...)`` fails here
instead of leaving a page that silently does not refresh.
"""

from __future__ import annotations

import pytest

from trygg_desktop.client.remote import ServiceProxy
from trygg_desktop.domain.topics import Topic
from trygg_desktop.services.base import CHANGES_ATTR, changes, changes_of
from trygg_desktop.services.surface import REMOTE, service_classes, surface


def test_every_changing_remotable_method_declares_its_topics() -> None:
    classes = service_classes()
    missing = [f"{s}.{m}" for (s, m), spec in surface().items()
               if spec.changes and not hasattr(getattr(classes[s], m), CHANGES_ATTR)]
    assert not missing, f"changing service methods without @changes(...): {missing}"
    for (s, m), spec in surface().items():
        if spec.changes:
            assert spec.topics is not None and spec.topics <= set(Topic), f"{s}.{m}"
            assert Topic.ALL not in spec.topics, f"{s}.{m}: name what changes, not everything"


def test_the_remote_proxy_carries_the_same_topics() -> None:
    classes = service_classes()
    for service, methods in REMOTE.items():
        proxy = ServiceProxy(service, classes[service], transport=None)  # no call is made
        for method in methods:
            spec = surface()[service, method]
            if spec.changes:
                assert changes_of(getattr(proxy, method)) == changes_of(getattr(classes[service], method))


def test_changes_of_unions_and_refuses_an_undeclared_method() -> None:
    class Svc:
        @changes(Topic.PLANS, Topic.CASE)
        def a(self) -> None: ...

        @changes(Topic.MEETINGS)
        def b(self) -> None: ...

        @changes()
        def logged_read(self) -> None: ...

        def c(self) -> None: ...

    svc = Svc()
    assert changes_of(svc.a, svc.b) == {Topic.PLANS, Topic.CASE, Topic.MEETINGS}
    assert changes_of(svc.logged_read) == frozenset()
    with pytest.raises(TypeError, match="declares no changed topics"):
        changes_of(svc.c)


def test_topics_are_the_strings_the_notification_carried() -> None:
    assert Topic.CASES == "cases" and Topic.ALL == "*"
    assert {"cases"} & {Topic.CASES}   # a StrEnum hashes as its string
