"""The desktop's remote backend: the same service calls, over HTTPS to ``trygg-server``.

``RemoteServices`` (remote.py) has the attributes of ``api.facade.Services`` (``api.facade.Backend``) and answers
with the same DTO classes; transport.py signs in and carries the calls; trust.py decides which
server certificate is trusted (a CA file, or a fingerprint pinned at the first connection).
No UI module imports this package: ``app.py`` hands the window one or the other backend.
"""
