"""Row-level security on the case content tables (server mode, issue 13; PostgreSQL only).

Defence in depth under the service layer: on PostgreSQL the journal, the kartläggning and the
police/Kriminalvård records of a case are readable and writable only by a database session whose
acting user (``trygg.user_id``, set per transaction with ``set_config(…, true)`` by the trusted
server, services/base.py) is connected to the case: assigned to it, responsible for it, the
coordinator of its kind in its unit (``trygg.coordinates``: the case kinds the user coordinates),
or holding an active emergency grant. This is a superset of what the access policy
(domain/access.py) allows, never more restrictive, so a forgotten filter in a service query can
at most show rows of the user's own cases. Roles whose work spans every case by design (the
system administrator's bulk work, gallring, the steering group's aggregates) run with
``trygg.scope = 'all'``; without any setting nothing is visible (fail closed). The owner (the
migrations, backups) is not subject to the policies; the server's role is. SQLite: nothing.

Revision ID: 0017
Revises: 0016
Create Date: 2027-01-22
"""
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

TABLES = ("journal_entry", "assessment", "risk_level_entry", "threat_assessment", "conditions",
          "instrument_reference")

#: The cases the acting user is connected to, as a set: the policies use it as an uncorrelated
#: subquery, which PostgreSQL runs once per statement (a per-row function cost 0.35 ms a row:
#: a search over 1,550 matches took 0.54 s; the set makes it a hash lookup).
VISIBLE = """
CREATE FUNCTION trygg_visible_case_ids() RETURNS SETOF integer LANGUAGE sql STABLE AS $$
  SELECT c.id FROM case_file c
   WHERE c.responsible_user_id = nullif(current_setting('trygg.user_id', true), '')::integer
      OR EXISTS (SELECT 1 FROM case_assignment a
                  WHERE a.case_id = c.id AND a.ended_at IS NULL
                    AND a.user_id = nullif(current_setting('trygg.user_id', true), '')::integer)
      OR (c.kind = ANY (string_to_array(coalesce(current_setting('trygg.coordinates', true), ''), ','))
          AND EXISTS (SELECT 1 FROM user_unit u
                       WHERE u.unit_id = c.unit_id
                         AND u.user_id = nullif(current_setting('trygg.user_id', true), '')::integer))
      OR EXISTS (SELECT 1 FROM emergency_grant g
                  WHERE g.case_id = c.id AND g.ended_at IS NULL
                    AND g.expires_at > (now() AT TIME ZONE 'utc')
                    AND g.user_id = nullif(current_setting('trygg.user_id', true), '')::integer)
$$
"""
POLICY = ("coalesce(current_setting('trygg.scope', true), '') = 'all' "
          "OR case_id IN (SELECT trygg_visible_case_ids())")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(VISIBLE)
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_of_connected_cases ON {table} USING ({POLICY}) WITH CHECK ({POLICY})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP POLICY IF EXISTS {table}_of_connected_cases ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute("DROP FUNCTION IF EXISTS trygg_visible_case_ids()")
