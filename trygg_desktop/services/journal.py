"""Journal entries (corrections append, never overwrite), full-text search, and
disclosures (utlämnanden) with their legal basis (DOMAIN.md 1.5, 6.2)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select, text

from ..domain import vocab
from ..domain.access import Act, CaseFacts, Rec, RecordFacts
from ..domain.errors import ValidationError
from ..store.models import Case, Disclosure, JournalEntry, User
from . import mapping
from .base import CaseContext, Service, Tx, case_contexts, changes
from .cases import check_text, connection_filter
from .dto import DisclosureDTO, JournalDTO
from ..domain.topics import Topic

MAX_JOURNAL_TEXT = 100_000
#: The newest matches a full-text search ranks (by bm25), and the rows checked per round after
#: the first (which reads one page: ``_chunks``).
FTS_WINDOW = 1000
SEARCH_CHUNK = 100


@dataclass(frozen=True, slots=True)
class JournalInput:
    case_id: int
    event_date: date
    entry_type: str
    text: str
    visibility: str = "INTERNAL"
    information_category: str | None = None
    source: str | None = None


def journal_record(j: JournalEntry) -> RecordFacts:
    return RecordFacts(owning_agency=j.owning_agency, visibility=j.visibility, category=j.information_category)


def visible_journal(tx: Tx, case: Case, facts: CaseFacts, limit: int | None = None) -> tuple[list[JournalDTO], int]:
    """The entries this reader may see, newest first, and how many were withheld (``facts``: the
    case's, which the caller has just read to decide the read at all)."""
    stmt = select(JournalEntry).where(JournalEntry.case_id == case.id).order_by(
        JournalEntry.event_date.desc(), JournalEntry.id.desc())
    rows = list(tx.session.scalars(stmt))
    corrected: dict[int, list[int]] = {}
    for j in rows:
        if j.corrects_id is not None:
            corrected.setdefault(j.corrects_id, []).append(j.id)
    shown = [j for j in rows if tx.allowed(Act.READ, Rec.JOURNAL, facts, journal_record(j))]
    hidden = len(rows) - len(shown)
    if limit is not None:
        shown = shown[:limit]
    return [mapping.journal(j, tuple(corrected.get(j.id, ()))) for j in shown], hidden


class JournalService(Service):

    @changes(Topic.CASE, Topic.JOURNAL)
    def add(self, data: JournalInput, *, corrects_id: int | None = None) -> JournalDTO:
        if data.entry_type not in vocab.JOURNAL_TYPES:
            raise ValidationError("Unknown entry type", code="journal.type")
        if data.visibility not in vocab.VISIBILITY:
            raise ValidationError("Unknown visibility", code="journal.visibility")
        category = data.information_category or vocab.AGENCY_DEFAULT_CATEGORY[self.actor.agency]
        if category not in vocab.INFORMATION_CATEGORIES:
            raise ValidationError("Unknown information category", code="journal.category")
        if not data.text.strip():
            raise ValidationError("The entry is empty", code="journal.empty")
        check_text(data.text, "journal.text_long", MAX_JOURNAL_TEXT)
        if data.event_date > self.today:
            raise ValidationError("The event date is in the future", code="date.future")
        with self.tx() as tx:
            case = tx.get(Case, data.case_id)
            facts = tx.case_facts(case)
            tx.require(Act.CREATE, Rec.JOURNAL, facts)
            if corrects_id is not None:
                original = tx.get(JournalEntry, corrects_id)
                if original.case_id != case.id or original.owning_agency != self.actor.agency:
                    raise ValidationError("Only your agency's entries of this case can be corrected",
                                          code="journal.correct_foreign")
            # One statement: the author's title as of now is read by the INSERT itself, and the
            # row comes back from RETURNING (added and flushed, the title was read back again).
            entry = tx.session.scalars(insert(JournalEntry).values(
                case_id=case.id, event_date=data.event_date, author_user_id=self.actor.user_id,
                author_name=self.actor.display_name or self.actor.username,
                author_title=select(User.title).where(User.id == self.actor.user_id).scalar_subquery(),
                entry_type=data.entry_type, text=data.text, source=data.source, owning_agency=self.actor.agency,
                visibility=data.visibility, information_category=category, corrects_id=corrects_id,
            ).returning(JournalEntry)).one()
            tx.audit("JOURNAL_CORRECT" if corrects_id else "JOURNAL_CREATE", entity="journal", entity_id=entry.id,
                     case_id=case.id, person_id=case.person_id)
            return mapping.journal(entry)

    @changes(Topic.CASE, Topic.JOURNAL)
    def correct(self, entry_id: int, new_text: str, *, event_date: date | None = None) -> JournalDTO:
        """A correction is a new entry pointing at the original, which stays as written."""
        with self.tx() as tx:
            original = tx.get(JournalEntry, entry_id)
            base = JournalInput(case_id=original.case_id, event_date=event_date or original.event_date,
                                entry_type=original.entry_type, text=new_text, visibility=original.visibility,
                                information_category=original.information_category, source=original.source)
        return self.add(base, corrects_id=entry_id)

    def list(self, case_id: int, limit: int | None = None) -> list[JournalDTO]:
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            facts = tx.case_facts(case)
            tx.require(Act.READ, Rec.JOURNAL, facts)
            entries, hidden = visible_journal(tx, case, facts, limit)
            tx.audit("JOURNAL_READ", entity="journal", case_id=case.id, person_id=case.person_id,
                     detail={"rows": len(entries), "withheld": hidden})
            return entries

    def search(self, query: str, limit: int = 50) -> list[JournalDTO]:
        """Full-text search over journal text the reader may see (``_ranked_matches``)."""
        terms = [t for t in "".join(ch if ch.isalnum() else " " for ch in query).split() if t][:8]
        if not terms:
            return []
        with self.tx() as tx:
            tx.require_capability(Act.READ, Rec.JOURNAL)
            ids = _ranked_matches(tx.session, terms)
            result: list[JournalDTO] = []
            contexts: dict[int, CaseContext] = {}
            # In rank order, a chunk at a time, with the access facts of a chunk's cases in a few
            # bulk queries (case_contexts) instead of several queries per case. The first chunk
            # is the page itself: most matches are usually visible, and reading twice the rows
            # needed (and their cases' facts) cost a fifth of a search at XL.
            for start, end in _chunks(len(ids), limit):
                chunk = ids[start:end]
                position = {entry_id: i for i, entry_id in enumerate(chunk)}
                rows = tx.session.execute(
                    select(JournalEntry, Case).join(Case, Case.id == JournalEntry.case_id)
                    .where(JournalEntry.id.in_(chunk), connection_filter(self.actor))).all()
                rows.sort(key=lambda row: position[row[0].id])
                new_cases = {c.id: c for _e, c in rows if c.id not in contexts}
                contexts.update(case_contexts(tx.session, list(new_cases.values()), tx.today))
                for entry, case in rows:
                    if tx.allowed(Act.READ, Rec.JOURNAL, contexts[case.id].facts, journal_record(entry)):
                        result.append(mapping.journal(entry))
                        if len(result) >= limit:
                            break
                if len(result) >= limit:
                    break
            tx.audit("JOURNAL_SEARCH", entity="journal", detail={"hits": len(result)})
            return result


def _chunks(total: int, first: int) -> Iterator[tuple[int, int]]:
    """Slices of ``total`` ids: ``first`` of them, then SEARCH_CHUNK at a time."""
    start, size = 0, max(first, 1)
    while start < total:
        yield start, min(start + size, total)
        start, size = start + size, SEARCH_CHUNK


def _ranked_matches(session, terms: list[str]) -> list[int]:
    """Entry ids matching every term, best first, among the newest FTS_WINDOW matches.

    Relevance among the newest matches only: ranking every match of a common word read the
    size record of each (7,500 hits: ~85 ms at 200,000 entries); recency bounds the work and is
    what a case worker looks for first. SQLite: FTS5 (bm25, each term a quoted token).
    PostgreSQL (server mode): the ``swedish`` tsvector with ``plainto_tsquery``, which stems
    the terms and treats every character as text, never as an operator; the entries themselves
    are then read through the row-level policy as every other read."""
    if session.get_bind().dialect.name == "postgresql":
        # By the GIN index as the owner, under the journal policy's own condition (0020), in
        # the form that suits the reader (0021): a query on the table itself is held to the
        # policy first and reads the whole journal.
        sql = "SELECT id FROM trygg_journal_matches(:q, :window) ORDER BY rank DESC, id DESC"
        query = " ".join(terms)
    else:
        sql = ("SELECT rowid FROM (SELECT rowid, rank FROM journal_fts WHERE journal_fts MATCH :q "
               "ORDER BY rowid DESC LIMIT :window) ORDER BY rank")
        query = " ".join(f'"{t}"' for t in terms)
    return [r[0] for r in session.execute(text(sql), {"q": query, "window": FTS_WINDOW})]


class DisclosureService(Service):

    @changes(Topic.CASE, Topic.DISCLOSURES)
    def record(self, case_id: int, *, what: str, recipient_agency: str, legal_basis: str,
               recipient_name: str | None = None, legal_basis_text: str | None = None,
               harm_assessment: str | None = None, channel: str | None = None) -> DisclosureDTO:
        if recipient_agency not in vocab.AGENCIES:
            raise ValidationError("Unknown agency", code="disclosure.agency")
        if legal_basis not in vocab.LEGAL_BASES:
            raise ValidationError("Unknown legal basis", code="disclosure.legal_basis")
        if legal_basis == "OTHER" and not (legal_basis_text and legal_basis_text.strip()):
            raise ValidationError("Name the legal basis", code="disclosure.legal_basis_text")
        if not what.strip():
            raise ValidationError("Say what was disclosed", code="disclosure.what")
        check_text(what, "disclosure.what_long", 5000)
        check_text(harm_assessment, "disclosure.assessment_long")
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            facts = tx.case_facts(case)
            tx.require(Act.CREATE, Rec.DISCLOSURE, facts)
            if legal_basis == "SAMTYCKE" and (facts.consent_status != "VALID"
                                              or recipient_agency not in facts.consent_agencies):
                raise ValidationError("No valid consent covers that recipient", code="disclosure.no_consent")
            d = Disclosure(case_id=case.id, person_id=case.person_id, what=what.strip(),
                           recipient_agency=recipient_agency, recipient_name=recipient_name,
                           legal_basis=legal_basis, legal_basis_text=legal_basis_text,
                           harm_assessment=harm_assessment, channel=channel, decided_by_user_id=self.actor.user_id)
            tx.session.add(d)
            tx.session.flush()
            tx.audit("DISCLOSURE_CREATE", entity="disclosure", entity_id=d.id, case_id=case.id,
                     person_id=case.person_id, flags=["DISCLOSURE"],
                     detail={"recipient": recipient_agency, "basis": legal_basis})
            return mapping.disclosure(d)

    def list(self, case_id: int) -> list[DisclosureDTO]:
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            tx.require(Act.READ, Rec.DISCLOSURE, tx.case_facts(case))
            rows = tx.session.scalars(select(Disclosure).where(Disclosure.case_id == case_id)
                                      .order_by(Disclosure.disclosed_at.desc()))
            tx.audit("DISCLOSURE_READ", entity="disclosure", case_id=case.id, person_id=case.person_id)
            return [mapping.disclosure(d) for d in rows]
