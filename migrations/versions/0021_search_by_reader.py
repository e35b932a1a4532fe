"""The journal search planned for its reader: a coordinator's matches checked on their own case,
anyone else's matches looked for among their own cases (server mode, issue 13; PostgreSQL only).

Measured at bench scale XL (10,000 cases, 200,000 journal entries; the word "skolan" in 7,452
entries, the newest 1,000 asked for) as the owner, with the session settings of each reader:

* 0020's ``trygg_journal_matches`` built the set of visible cases (``trygg_visible_case_ids``)
  and hashed it. For a coordinator of every kind that set is all 10,000 cases: 8 ms to build,
  16 ms a search in all. The coordinator's form joins each match to its case by primary key
  and tests the policy's own condition (0020's ``_CONNECTED``) on that case, which PostgreSQL
  memoizes per case: 9–10 ms, and it stops at the thousandth visible match.
* For a reader who coordinates nothing the visible set is their own, assigned and emergency
  cases. 0020 still walked the journal newest first and tested each match against the set,
  so a reader with few matches walked them all: 36 ms for a reader with no case, 39 ms for
  one assigned 1,000 cases without the word. Given the set as an array parameter, PostgreSQL
  plans with its size and reads those cases' entries by the case index: 0.4 and 7 ms (15 ms,
  as before, for a reader assigned 3,239 cases). The coordinator's form is the wrong one here
  (56 ms for the second reader: it too walks every match), and the array form is the wrong one
  for a coordinator (31 ms: an array of 10,000 is searched, not hashed): hence two forms.
* A role that spans every case (scope ``all``) searches with no condition, as before.

The rows are the same in every form: each is the journal policy's condition (0017, 0020), and
tests/server/test_row_level_security.py compares the search with the table under the policy
for each way of being connected. SQLite: nothing.

Revision ID: 0021
Revises: 0020
Create Date: 2027-02-08
"""
import importlib.util
from pathlib import Path

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def _revision_0020():
    """Revision 0020's module, whose conditions this one reuses (its name begins with a digit,
    so ``import`` cannot load it)."""
    spec = importlib.util.spec_from_file_location("trygg_migration_0020",
                                                  Path(__file__).with_name("0020_rls_search_speed.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_0020 = _revision_0020()
_COORDINATES = "string_to_array(coalesce(current_setting('trygg.coordinates', true), ''), ',')"


def _matches(condition: str, *, join: str = "", using: str = "") -> str:
    """One form of the search: the newest matches of the words ($1, at most $2) that ``condition``
    admits, with their rank."""
    return f"""RETURN QUERY EXECUTE $q$
      SELECT j.id, ts_rank(j.text_search, q.q)
        FROM journal_entry j {join}, plainto_tsquery('swedish', $1) AS q(q)
       WHERE j.text_search @@ q.q AND ({condition})
       ORDER BY j.id DESC LIMIT $2
    $q$ USING $1, $2{using};"""


#: The search in three forms: every case (scope ``all``); a coordinator's matches, each tested
#: on its own case by the policy's condition; anyone else's, among their cases given as an array.
MATCHES = f"""
CREATE OR REPLACE FUNCTION {_0020.SIGNATURE} RETURNS TABLE (id integer, rank real)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
BEGIN
  -- EXECUTE plans with this call's words and, for a reader who coordinates nothing, this
  -- reader's cases: a rare word is found through the text index, a common one among the
  -- newest rows, a reader's few cases through the case index.
  IF {_0020._ALL} THEN
    {_matches("true")}
  ELSIF cardinality(array_remove({_COORDINATES}, '')) > 0
        AND EXISTS (SELECT 1 FROM user_unit u WHERE u.user_id = {_0020._USER}) THEN
    {_matches(_0020._CONNECTED, join="JOIN case_file c ON c.id = j.case_id")}
  ELSE
    {_matches("j.case_id = ANY ($3)", using=", ARRAY(SELECT trygg_visible_case_ids())")}
  END IF;
END
$fn$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(MATCHES)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_0020.MATCHES.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))
