"""Alembic environment: always runs on the caller's unlocked connection.

The app hands its keyed SQLCipher connection in ``config.attributes["connection"]``;
there is no URL and no key anywhere in Alembic's configuration. Live models are not
imported here (migrations must not depend on today's models); the model/migration
agreement test passes ``target_metadata`` itself.
"""

from alembic import context

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - guarded by store.migrate
    raise RuntimeError("migrations run only through trygg_desktop.store.migrate")

context.configure(
    connection=connection,
    target_metadata=config.attributes.get("target_metadata"),
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
