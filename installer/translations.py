"""Translation catalogue tooling (run from the repository root).

    python installer/translations.py update    # scan the sources into resources/translations/trygg_sv.ts
    python installer/translations.py fill F    # merge {"English source": "Svensk text"} from a JSON file
    python installer/translations.py release   # compile trygg_sv.ts → trygg_sv.qm (shipped in the package)
    python installer/translations.py check     # exit 1 on unfinished entries or placeholder mismatches

The .qm is committed so a plain pip install needs no Qt tools; the test suite
checks that it is current and complete.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "trygg_sv.ts"
QM = TS.with_suffix(".qm")
PLACEHOLDER = re.compile(r"%(?:n|L?\d+)|\{[a-z_0-9]*\}")


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or str(Path(sys.executable).with_name(f"pyside6-{name}"))
    return found


def sources() -> list[str]:
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "trygg_desktop").rglob("*.py")
                   if "ui" in p.parts or p.name == "app.py" or p.name == "error_messages.py")
    return files


def update() -> None:
    TS.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "none", *sources(), "-ts", str(TS)],
                   cwd=ROOT, check=True)


def release(target: Path = QM) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(TS), "-qm", str(target)], cwd=ROOT, check=True)


def messages(path: Path = TS):
    tree = ET.parse(path)
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield tree, name, message


def fill(json_path: Path) -> int:
    table: dict[str, str] = json.loads(Path(json_path).read_text(encoding="utf-8"))
    tree = ET.parse(TS)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        # Only unfinished entries: the same English word can mean different things in
        # different contexts ("Due date" of an action vs. of a disposal), and a finished,
        # reviewed translation must never be overwritten by a batch.
        if source in table and translation is not None and translation.get("type") == "unfinished":
            value = table[source]
            if message.get("numerus") == "yes":
                for child in list(translation):
                    translation.remove(child)
                forms = value if isinstance(value, list) else [value, value]
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = value
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return filled


def problems(path: Path = TS) -> list[str]:
    found = []
    for _tree, context, message in messages(path):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        texts = [translation.text or ""] if translation is not None and not list(translation) else \
            [f.text or "" for f in translation] if translation is not None else []
        if translation is None or translation.get("type") == "unfinished" or not any(t.strip() for t in texts):
            found.append(f"unfinished: [{context}] {source!r}")
            continue
        want = sorted(PLACEHOLDER.findall(source))
        for text in texts:
            got = sorted(PLACEHOLDER.findall(text))
            if got != want and not (message.get("numerus") == "yes" and "%n" not in got and set(got) <= set(want)):
                found.append(f"placeholders differ: [{context}] {source!r} → {text!r}")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "fill":
        print(f"filled {fill(Path(argv[1]))} entries")
    elif command == "release":
        release()
    elif command == "check":
        issues = problems()
        print("\n".join(issues) or "complete")
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
