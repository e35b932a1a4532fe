"""Row-level security without whole-register work: each row's case checked by index, the visible
cases by index, the journal search by its GIN index (server mode, issue 13; PostgreSQL only).

Measured at bench scale M (2,000 cases, 40,000 journal entries) as the server's role:

* 0017's policies asked "is this row's case in the set of visible cases?", and PostgreSQL built
  that set, every case tested against the four ways of being connected, once per statement:
  reading one case's journal cost 1.6–2.4 ms for a coordinator and grew with the register.
  The policies now look up the row's own case (``connected_to_case``): 0.6 ms, the same at
  any size; over many rows PostgreSQL hashes the sub-selects, as it did (all 40,000 journal
  rows: 12 ms). 0017 had rejected a per-row check as slow: that was a per-row *function*,
  which PostgreSQL cannot plan into the query (still 14 µs a row). Written into the policy,
  the check is planned with the statement; but its cost estimate then crosses
  ``jit_above_cost`` and PostgreSQL's JIT compiled the plan for 0.3 s, so the server's
  connections turn JIT off (store/server_engine.py).
* ``trygg_visible_case_ids()`` is the union of the four ways, each read through its own index
  (responsible, assignment, coordinator's units, emergency grant): the same set, at the cost
  of the user's own cases instead of all cases.
* PostgreSQL may not run a user's condition before a table's policy unless the condition's
  function is LEAKPROOF, and ``tsvector @@ tsquery`` is not: under the policy the journal search
  could not use its GIN index and read the whole journal (a word nobody wrote: 15 ms at M,
  linear in the journal). ``trygg_journal_matches`` runs the same search as the table's owner,
  so the index is used, and applies exactly the policy's condition itself; it returns ids and
  ranks only, and the service then reads the entries through the policy as before. It is a
  SECURITY DEFINER function with a pinned search_path, executable only by the roles that may
  read the journal (granted here to those that exist; ``provision_app_role`` grants it to new
  ones). SQLite: nothing.

Revision ID: 0020
Revises: 0019
Create Date: 2027-01-25
"""
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

_USER = "nullif(current_setting('trygg.user_id', true), '')::integer"

VISIBLE_BY_INDEX = f"""
CREATE OR REPLACE FUNCTION trygg_visible_case_ids() RETURNS SETOF integer LANGUAGE sql STABLE AS $$
  SELECT c.id FROM case_file c WHERE c.responsible_user_id = {_USER}
  UNION ALL
  SELECT a.case_id FROM case_assignment a WHERE a.user_id = {_USER} AND a.ended_at IS NULL
  UNION ALL
  SELECT c.id FROM user_unit u JOIN case_file c ON c.unit_id = u.unit_id
   WHERE u.user_id = {_USER}
     AND c.kind = ANY (string_to_array(coalesce(current_setting('trygg.coordinates', true), ''), ','))
  UNION ALL
  SELECT g.case_id FROM emergency_grant g
   WHERE g.user_id = {_USER} AND g.ended_at IS NULL AND g.expires_at > (now() AT TIME ZONE 'utc')
$$
"""

#: Case ``c`` is connected to the acting user: responsible, assigned, coordinator of its kind in
#: its unit, or an active emergency grant (0017's four ways).
_CONNECTED = f"""c.responsible_user_id = {_USER}
      OR EXISTS (SELECT 1 FROM case_assignment a
                  WHERE a.case_id = c.id AND a.ended_at IS NULL AND a.user_id = {_USER})
      OR (c.kind = ANY (string_to_array(coalesce(current_setting('trygg.coordinates', true), ''), ','))
          AND EXISTS (SELECT 1 FROM user_unit u WHERE u.unit_id = c.unit_id AND u.user_id = {_USER}))
      OR EXISTS (SELECT 1 FROM emergency_grant g
                  WHERE g.case_id = c.id AND g.ended_at IS NULL
                    AND g.expires_at > (now() AT TIME ZONE 'utc') AND g.user_id = {_USER})"""

#: 0017's function, for the downgrade.
VISIBLE_BY_SCAN = f"""
CREATE OR REPLACE FUNCTION trygg_visible_case_ids() RETURNS SETOF integer LANGUAGE sql STABLE AS $$
  SELECT c.id FROM case_file c WHERE {_CONNECTED}
$$
"""

#: 0017's tables.
TABLES = ("journal_entry", "assessment", "risk_level_entry", "threat_assessment", "conditions",
          "instrument_reference")
_ALL = "coalesce(current_setting('trygg.scope', true), '') = 'all'"


def connected_to_case(table: str) -> str:
    """The policy's condition for one row: its case, looked up by the row's own case id (so a
    statement about one case reads that case's connections, not every case's), connected in
    one of the four ways. Over many rows PostgreSQL hashes the sub-selects instead (an
    AlternativeSubPlan), so a wide read stays one pass."""
    return f"{_ALL} OR EXISTS (SELECT 1 FROM case_file c WHERE c.id = {table}.case_id AND ({_CONNECTED}))"


SIGNATURE = "trygg_journal_matches(text, integer)"

#: The newest ``row_limit`` entries matching ``query`` that the journal's policy (0017) shows the
#: acting user, with their rank: the policy's own condition, written out.
MATCHES = f"""
CREATE FUNCTION {SIGNATURE} RETURNS TABLE (id integer, rank real)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
BEGIN
  -- EXECUTE plans with this call's words: a rare one is found through the index, a common one
  -- among the newest rows (one plan for any words read the whole journal for a rare one).
  RETURN QUERY EXECUTE $q$
    SELECT j.id, ts_rank(j.text_search, q.q)
      FROM journal_entry j, plainto_tsquery('swedish', $1) AS q(q)
     WHERE j.text_search @@ q.q
       AND (coalesce(current_setting('trygg.scope', true), '') = 'all'
            OR j.case_id IN (SELECT trygg_visible_case_ids()))
     ORDER BY j.id DESC
     LIMIT $2
  $q$ USING $1, $2;
END
$fn$
"""

#: Whoever may read the journal may search it (the server's role of an upgraded database).
GRANT_TO_READERS = f"""
DO $$
DECLARE reader record;
BEGIN
  FOR reader IN SELECT DISTINCT grantee FROM information_schema.role_table_grants
                 WHERE table_schema = 'public' AND table_name = 'journal_entry'
                   AND privilege_type = 'SELECT' AND grantee NOT IN ('PUBLIC', current_user)
  LOOP
    EXECUTE format('GRANT EXECUTE ON FUNCTION {SIGNATURE} TO %I', reader.grantee);
  END LOOP;
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(VISIBLE_BY_INDEX)
    for table in TABLES:
        _policy(table, connected_to_case(table))
    op.execute(MATCHES)
    op.execute(f"REVOKE ALL ON FUNCTION {SIGNATURE} FROM PUBLIC")
    op.execute(GRANT_TO_READERS)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP FUNCTION IF EXISTS {SIGNATURE}")
    op.execute(VISIBLE_BY_SCAN)
    for table in TABLES:
        _policy(table, f"{_ALL} OR case_id IN (SELECT trygg_visible_case_ids())")


def _policy(table: str, condition: str) -> None:
    op.execute(f"DROP POLICY IF EXISTS {table}_of_connected_cases ON {table}")
    op.execute(f"CREATE POLICY {table}_of_connected_cases ON {table} USING ({condition}) WITH CHECK ({condition})")
