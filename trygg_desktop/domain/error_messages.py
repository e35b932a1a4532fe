"""The words for each error code, in English source form (translated by the catalogue).

One table for the window and the command line: the UI shows these through Qt's
translator, the CLI (which must not load the widget stack) looks the same source
strings up in the compiled catalogue (``ui/plain_messages.py``). So a Swedish user sees
the same sentence for the same refusal whichever way they work.

``QT_TRANSLATE_NOOP`` is the marker ``lupdate`` collects; here it is a plain
function so the table stays free of Qt.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate looks for
    return source


CONTEXT = "Errors"

MESSAGES: dict[str, str] = {
    "auth.wrong_password": QT_TRANSLATE_NOOP("Errors", "Wrong user name or password."),
    "auth.wrong_recovery_code": QT_TRANSLATE_NOOP("Errors", "The recovery code is not right."),
    "auth.throttled": QT_TRANSLATE_NOOP("Errors", "Too many failed attempts. Try again in %n second(s)."),
    "access.denied": QT_TRANSLATE_NOOP("Errors", "You are not allowed to do that."),
    "access.no_capability": QT_TRANSLATE_NOOP("Errors", "Your role does not allow that."),
    "access.not_in_case": QT_TRANSLATE_NOOP("Errors", "You are not connected to this case."),
    "access.consent_missing": QT_TRANSLATE_NOOP(
        "Errors", "There is no valid consent that covers your agency for this case."),
    "access.restricted": QT_TRANSLATE_NOOP("Errors", "This information is restricted."),
    "access.not_in_unit": QT_TRANSLATE_NOOP("Errors", "You are not a member of that unit."),
    "access.protected_details": QT_TRANSLATE_NOOP(
        "Errors", "Only the case's responsible worker or the unit's coordinator may show protected address, "
                  "school and contact details. The attempt has been logged."),
    "access.extract_not_connected": QT_TRANSLATE_NOOP(
        "Errors", "You are not connected to any case of this person, so you may not compile their register "
                  "extract. Pass the request on to the registrar, who sends it to the unit responsible."),
    "db.damaged": QT_TRANSLATE_NOOP(
        "Errors", "The database file is damaged. Restore the newest backup or contact IT."),
    "db.wrong_key": QT_TRANSLATE_NOOP("Errors", "The key file does not open this database."),
    "db.locked": QT_TRANSLATE_NOOP("Errors", "The database is open in another window or program."),
    "file.unsafe_target": QT_TRANSLATE_NOOP(
        "Errors", "Nothing was saved: the chosen file is a symbolic link or not an ordinary file. "
                  "Choose another file name."),
    "db.missing": QT_TRANSLATE_NOOP("Errors", "There is no database at that path."),
    "db.exists": QT_TRANSLATE_NOOP("Errors", "A database already exists at that path."),
    "keyfile.missing": QT_TRANSLATE_NOOP("Errors", "The key file beside the database is missing."),
    "keyfile.malformed": QT_TRANSLATE_NOOP("Errors", "The key file is damaged."),
    "keyfile.damaged": QT_TRANSLATE_NOOP(
        "Errors", "The key file is damaged: its content does not match its checksum. Nobody can unlock with it; "
                  "restore the key file (.keys) from a backup or ask the system administrator."),
    "keyfile.wrong_key": QT_TRANSLATE_NOOP(
        "Errors", "The key file does not open this database (wrong key file, or a damaged database)."),
    "keyfile.kdf_below_floor": QT_TRANSLATE_NOOP("Errors", "The key file has been weakened and is refused."),
    "lifecycle.consent_required": QT_TRANSLATE_NOOP("Errors", "That step needs a valid consent."),
    "lifecycle.reason_required": QT_TRANSLATE_NOOP("Errors", "Give a reason for that step."),
    "lifecycle.closure_reason": QT_TRANSLATE_NOOP("Errors", "Choose a closure reason."),
    "lifecycle.meeting_required": QT_TRANSLATE_NOOP("Errors", "Hold the meeting and save the plan first."),
    "lifecycle.invalid_transition": QT_TRANSLATE_NOOP("Errors", "That status change is not allowed now."),
    "lifecycle.terminal": QT_TRANSLATE_NOOP("Errors", "The case is closed for good."),
    "user.password_short": QT_TRANSLATE_NOOP("Errors", "The password must have at least 10 characters."),
    "user.password_mismatch": QT_TRANSLATE_NOOP("Errors", "The passwords do not match."),
    "user.username": QT_TRANSLATE_NOOP("Errors", "A user name is 2–64 letters, digits or . _ - @."),
    "user.exists": QT_TRANSLATE_NOOP("Errors", "That user name is taken."),
    "personnummer.empty": QT_TRANSLATE_NOOP("Errors", "Enter a personnummer."),
    "personnummer.format": QT_TRANSLATE_NOOP("Errors", "Write the personnummer as ÅÅÅÅMMDD-NNNN."),
    "personnummer.century": QT_TRANSLATE_NOOP("Errors", "The century must be 18, 19 or 20."),
    "personnummer.date": QT_TRANSLATE_NOOP("Errors", "The personnummer does not contain a real date."),
    "personnummer.serial": QT_TRANSLATE_NOOP("Errors", "The birth number 000 does not exist."),
    "personnummer.checksum": QT_TRANSLATE_NOOP("Errors", "The check digit is wrong – check for a typo."),
    "personnummer.samordningsnummer_not_allowed": QT_TRANSLATE_NOOP(
        "Errors", "A samordningsnummer is not allowed here."),
    "personnummer.future": QT_TRANSLATE_NOOP("Errors", "The birth date is in the future."),
    "person.exists": QT_TRANSLATE_NOOP("Errors", "A person with that personnummer is already registered."),
    "person.name_required": QT_TRANSLATE_NOOP("Errors", "First and last name are required."),
    "person.text_character": QT_TRANSLATE_NOOP(
        "Errors", "A name or contact field holds an invisible or control character (perhaps pasted). "
                  "Type it again."),
    "person.identifier_required": QT_TRANSLATE_NOOP("Errors", "Give a personnummer or a reserve id."),
    "meeting.locked": QT_TRANSLATE_NOOP("Errors", "The protocol is approved; add a correction instead."),
    "meeting.consent_required": QT_TRANSLATE_NOOP("Errors", "A meeting about a named person needs a valid consent."),
    "meeting.attendee_consent": QT_TRANSLATE_NOOP("Errors", "That agency is not covered by the consent."),
    "meeting.pnr_in_anonymised": QT_TRANSLATE_NOOP(
        "Errors", "An anonymised protocol cannot contain a personnummer."),
    "journal.empty": QT_TRANSLATE_NOOP("Errors", "The entry is empty."),
    "date.future": QT_TRANSLATE_NOOP("Errors", "The date is in the future."),
    "protocol.no_basis": QT_TRANSLATE_NOOP(
        "Errors", "No valid consent covers that recipient. Choose the legal basis for the disclosure."),
    "protocol.legal_basis_text": QT_TRANSLATE_NOOP("Errors", "Name the law and section for the disclosure."),
    "plan.not_found": QT_TRANSLATE_NOOP("Errors", "The case has no plan yet."),
    "print.unavailable": QT_TRANSLATE_NOOP("Errors", "Printing is not available in this installation."),
    "unit.exists": QT_TRANSLATE_NOOP("Errors", "A unit with that name exists."),
    "user.remove_self": QT_TRANSLATE_NOOP("Errors", "You cannot remove your own account."),
    "db.network_path": QT_TRANSLATE_NOOP(
        "Errors", "The database is on a network drive. Trygg Desktop opens databases only on a local disk: "
                  "file locking over a network is unreliable and can damage the file."),
    "keyfile.tampered": QT_TRANSLATE_NOOP("Errors", "The key file has been changed or is damaged."),
    "access.emergency_read_only": QT_TRANSLATE_NOOP("Errors", "Emergency access is read-only."),
    "emergency.reason_short": QT_TRANSLATE_NOOP("Errors", "Describe the reason in at least 15 characters."),
    "emergency.other_agency": QT_TRANSLATE_NOOP(
        "Errors", "Emergency access is possible only to your own agency's cases."),
    "emergency.restricted_kind": QT_TRANSLATE_NOOP(
        "Errors", "TREFAS and defector cases are not open to emergency access."),
    "emergency.not_needed": QT_TRANSLATE_NOOP("Errors", "You already have access to this case."),
    "emergency.already_active": QT_TRANSLATE_NOOP("Errors", "You already have emergency access to this case."),
    "emergency.no_role": QT_TRANSLATE_NOOP("Errors", "Your role has no emergency access."),
    "retention.not_disposable": QT_TRANSLATE_NOOP("Errors", "This version does not dispose of that kind of record."),
    "retention.no_hold": QT_TRANSLATE_NOOP("Errors", "The case has no legal hold."),
    "retention.case_not_due": QT_TRANSLATE_NOOP("Errors", "The case is not due for disposal."),
    "retention.years_range": QT_TRANSLATE_NOOP("Errors", "Give a number of years between 0 and 150."),
    "retention.hold_reason": QT_TRANSLATE_NOOP("Errors", "Give the reason for the legal hold."),
    "retention.nothing_approved": QT_TRANSLATE_NOOP("Errors", "Nothing was chosen for disposal."),
    "review.comment_required": QT_TRANSLATE_NOOP("Errors", "Write a comment on the review."),
    "review.period": QT_TRANSLATE_NOOP("Errors", "The review period is not valid."),
    "earchive.case_open": QT_TRANSLATE_NOOP("Errors", "Only closed cases can be handed over to the e-archive."),
    "earchive.passphrase_short": QT_TRANSLATE_NOOP("Errors", "The passphrase needs at least 12 characters."),
    "earchive.passphrase_mismatch": QT_TRANSLATE_NOOP("Errors", "The passphrases do not match."),
    "earchive.out_exists": QT_TRANSLATE_NOOP("Errors", "A file already exists at that path. Choose a new name."),
    "earchive.no_cases": QT_TRANSLATE_NOOP("Errors", "Choose at least one case."),
    "case.not_found": QT_TRANSLATE_NOOP("Errors", "There is no case with that reference."),
    "person.not_found": QT_TRANSLATE_NOOP("Errors", "No person with that personnummer is registered."),
    "audit.case_query": QT_TRANSLATE_NOOP(
        "Errors", "Enter a case reference (such as SSPF-2026-0012) or a personnummer (ÅÅÅÅMMDD-NNNN)."),
    "plan.superseded": QT_TRANSLATE_NOOP(
        "Errors", "This action belongs to an older version of the plan. Follow it up in the current plan."),
    "text.character": QT_TRANSLATE_NOOP(
        "Errors", "The text holds a character that is not allowed (an invisible control character or a direction "
                  "override, often pasted from another program). Remove it and save again."),
    # Follow-up statistics and EST (the periods, the lägesbild, the incident form).
    "period.invalid": QT_TRANSLATE_NOOP("Errors", "That period does not exist. Check the dates."),
    "period.not_started": QT_TRANSLATE_NOOP("Errors", "That period has not begun yet."),
    "stats.kind": QT_TRANSLATE_NOOP("Errors", "Unknown case kind."),
    "stats.threshold": QT_TRANSLATE_NOOP("Errors", "The small-number threshold must be a whole number from 5 to 100."),
    "stats.write": QT_TRANSLATE_NOOP("Errors", "The file could not be written there."),
    "stats.format": QT_TRANSLATE_NOOP("Errors", "Choose a .csv or .xlsx file."),
    "est.description_pnr": QT_TRANSLATE_NOOP(
        "Errors", "The description looks like it holds a personnummer. The EST register holds no personal data: "
                  "remove the number."),
    "est.text": QT_TRANSLATE_NOOP("Errors", "A text field holds something that is not text."),
    "est.text_long": QT_TRANSLATE_NOOP("Errors", "A text is too long. Shorten it."),
    "est.text_character": QT_TRANSLATE_NOOP("Errors", "A text holds a character that is not allowed (a control "
                                                      "character or a direction override)."),
    "est.date": QT_TRANSLATE_NOOP("Errors", "The date is missing or not valid."),
    "est.date_future": QT_TRANSLATE_NOOP("Errors", "The incident cannot have happened in the future."),
    "est.time": QT_TRANSLATE_NOOP("Errors", "The time is not valid."),
    "est.persons": QT_TRANSLATE_NOOP("Errors", "The number of people must be a whole number from 0 to 500."),
    "est.area": QT_TRANSLATE_NOOP("Errors", "Choose an area."),
    "est.category": QT_TRANSLATE_NOOP("Errors", "Choose a category."),
    "est.source": QT_TRANSLATE_NOOP("Errors", "Choose who reported the incident."),
    "est.cleaned": QT_TRANSLATE_NOOP("Errors", "The cleaned-up date cannot be before the incident."),
    "est.coords": QT_TRANSLATE_NOOP("Errors", "The coordinates are not valid."),
    "est.conflict": QT_TRANSLATE_NOOP("Errors", "Someone else changed this in the meantime. Open it again."),
    "protocol.conflict": QT_TRANSLATE_NOOP(
        "Errors", "Someone else saved this agenda item in the meantime; nothing was overwritten. Open it again."),
    "plan.conflict": QT_TRANSLATE_NOOP(
        "Errors", "Someone else changed this action in the meantime; nothing was overwritten. Open it again."),
    "case.conflict": QT_TRANSLATE_NOOP(
        "Errors", "Someone else changed the case in the meantime; nothing was overwritten. Open it again."),
    "meeting.conflict": QT_TRANSLATE_NOOP(
        "Errors", "Someone else saved the next meeting in the meantime; nothing was overwritten. Open the "
                  "protocol again."),
    "access.internal_item": QT_TRANSLATE_NOOP(
        "Errors", "That item is another agency's internal note: only that agency may change it."),
    "est.not_est_meeting": QT_TRANSLATE_NOOP("Errors", "That meeting is not an EST meeting."),
    "est.period_future": QT_TRANSLATE_NOOP("Errors", "The situation picture's period has not begun on the meeting day."),
    # the remote backend (trygg-desktop --server; client/)
    "server.unreachable": QT_TRANSLATE_NOOP(
        "Errors", "The server cannot be reached. Check the network and try again; nothing was saved."),
    "server.untrusted_certificate": QT_TRANSLATE_NOOP(
        "Errors", "The server's certificate is not trusted, so no connection was made."),
    "server.certificate_changed": QT_TRANSLATE_NOOP(
        "Errors", "WARNING: the server's certificate has changed since the last connection. Someone may be "
                  "intercepting the connection. Nothing was sent; contact IT."),
    "server.local_only": QT_TRANSLATE_NOOP(
        "Errors", "This works only with a local database file, not on a server."),
    "server.error": QT_TRANSLATE_NOOP("Errors", "The server failed. Try again or contact IT."),
    "server.url_invalid": QT_TRANSLATE_NOOP(
        "Errors", "The server address must start with https:// (for example https://trygg.kommun.se:8443)."),
    "server.ca_unreadable": QT_TRANSLATE_NOOP("Errors", "The CA file cannot be read."),
    "server.known_servers_unreadable": QT_TRANSLATE_NOOP(
        "Errors", "The list of trusted servers cannot be read. Remove it to confirm the servers again."),
    "session.required": QT_TRANSLATE_NOOP("Errors", "You are not signed in, or the session has ended. Sign in again."),
    "request.invalid": QT_TRANSLATE_NOOP("Errors", "The server did not accept the request's data."),
}
