"""EST rules that need no database: the status level of a figure, names in free text, the
narrative of an area, and GeoJSON area shapes (DOMAIN 5).

* :class:`Thresholds` and :func:`level`: a cell of the lägesbild is ``FORHOJD`` (elevated)
  or ``ALLVARLIG`` (serious) when its count is at least ``min_count`` and at least
  ``elevated_pct`` / ``serious_pct`` per cent above the baseline (the mean of the previous
  periods). Configurable per municipality; without a baseline (no data before) a cell is
  never flagged.
* :func:`name_like_pairs`: two capitalised words in a row ("Kalle Svensson") in a text
  that should hold none; the incident service warns on them and on names from the person
  register with one and the same message (so the warning does not tell who is registered).
* :func:`narrative`: a short Swedish text per area from its figures, never from free text.
* :func:`validate_geometry` / :func:`parse_feature_collection`: area shapes from a GeoJSON
  file (RFC 7946): Polygon or MultiPolygon in longitude/latitude, closed rings of at least
  four positions, finite numbers in range, bounded size.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

from .errors import ValidationError

NORMAL, FORHOJD, ALLVARLIG = "NORMAL", "FORHOJD", "ALLVARLIG"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a count is flagged against its baseline (the mean of the previous periods)."""

    min_count: int = 3          # fewer incidents than this are never flagged
    elevated_pct: int = 50      # at least this much above the baseline: FORHOJD
    serious_pct: int = 100      # at least this much above the baseline: ALLVARLIG

    def __post_init__(self) -> None:
        for name in ("min_count", "elevated_pct", "serious_pct"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > 10_000:
                raise ValidationError(f"Ogiltigt tröskelvärde {name}", code="est.threshold", field=name)
        if self.min_count < 1 or self.serious_pct < self.elevated_pct:
            raise ValidationError("Tröskelvärdena ska vara minst 1 händelse och allvarligt ≥ förhöjt",
                                  code="est.threshold")

    @classmethod
    def parse(cls, text: str) -> "Thresholds":
        """``"3"`` (min count), ``"3,50,100"`` or ``"3/50/100"`` (min count, elevated %, serious %)."""
        parts = [p for p in re.split(r"[,/;\s]+", (text or "").strip()) if p]
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValidationError("Tröskeln skrivs ANTAL eller ANTAL,FÖRHÖJT%,ALLVARLIGT% (t.ex. 3,50,100)",
                                  code="est.threshold")
        values = [int(p) for p in parts]
        defaults = cls()
        return cls(*(values + [defaults.elevated_pct, defaults.serious_pct][len(values) - 1:]))

    @property
    def text(self) -> str:
        return (f"minst {self.min_count} händelser och minst {self.elevated_pct} % över snittet ger förhöjt läge, "
                f"minst {self.serious_pct} % över ger allvarligt läge")


def level(count: int, baseline: float | None, thresholds: Thresholds) -> str:
    """NORMAL, FORHOJD or ALLVARLIG for ``count`` against ``baseline`` (None: no data before)."""
    if baseline is None or count < thresholds.min_count:
        return NORMAL
    if count >= baseline * (1 + thresholds.serious_pct / 100) and count > baseline:
        return ALLVARLIG
    if count >= baseline * (1 + thresholds.elevated_pct / 100) and count > baseline:
        return FORHOJD
    return NORMAL


def change_pct(count: int, baseline: float | None) -> float | None:
    """Per cent change against the baseline; None without a baseline or when it is 0."""
    if baseline is None or baseline == 0:
        return None
    return (count - baseline) / baseline * 100


def fmt_number(value: float | None, decimals: int = 1) -> str:
    """Swedish number: decimal comma, no needless ",0"."""
    if value is None:
        return "–"
    if abs(value - round(value)) < 1e-9:
        return str(int(round(value)))
    return f"{value:.{decimals}f}".replace(".", ",")


def fmt_change(count: int, baseline: float | None) -> str:
    """"+85 %", "−20 %", "±0 %", "ny" (baseline 0, count > 0) or "–" (no baseline)."""
    if baseline is None:
        return "–"
    pct = change_pct(count, baseline)
    if pct is None:
        return "ny" if count > 0 else "±0 %"
    rounded = int(round(pct))
    if rounded == 0:
        return "±0 %"
    return f"+{rounded} %" if rounded > 0 else f"−{abs(rounded)} %"


# -- names in free text ---------------------------------------------------------------------

_WORD = r"[A-ZÅÄÖÉÜ][a-zåäöéüß]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüß]+)?"
_PAIR = re.compile(rf"(?<![\w-])({_WORD})\s+({_WORD})(?![\w-])")


def name_like_pairs(text: str | None, known_words: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """Pairs of capitalised words that read like "Förnamn Efternamn" (Swedish capitalises
    little else). A pair with a word from ``known_words`` (area and place names, category
    labels; lower case) is skipped: "Tureberg Centrum" is a place."""
    if not text:
        return []
    out = []
    for m in _PAIR.finditer(text):
        first, second = m.group(1), m.group(2)
        if first.lower() in known_words or second.lower() in known_words:
            continue
        out.append((first, second))
    return out


def word_pairs(text: str | None) -> list[tuple[str, str]]:
    """Every pair of neighbouring words (lower case), to look up full names in the register."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", text or "")
    return [(a.lower(), b.lower()) for a, b in zip(words, words[1:])]


# -- the narrative -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NarrativeFacts:
    area: str
    period_label: str            # "vecka 10", "mars 2026"
    count: int
    baseline: float | None       # mean of the previous periods
    baseline_label: str          # "de fyra föregående veckorna"
    last_year: int | None
    top: tuple[tuple[str, int], ...]       # (category label, count), largest first
    flagged: tuple[tuple[str, str], ...]   # (category label, level)
    police_reported: int
    peak: str | None = None      # "fredagar 20–24" (the busiest weekday/hour block), or None


def narrative(f: NarrativeFacts) -> str:
    """A few Swedish sentences about one area, from its figures only."""
    def n(count: int, one: str = "händelse", many: str = "händelser") -> str:
        return f"{count} {one if count == 1 else many}"

    if f.count == 0:
        text = f"{f.area}: inga rapporterade händelser {f.period_label}"
        if f.baseline:
            text += f" (snitt {fmt_number(f.baseline)} under {f.baseline_label})"
        return text + "."
    parts = [f"{f.area}: {n(f.count)} {f.period_label}"]
    if f.baseline is not None:
        parts[0] += f", {fmt_change(f.count, f.baseline)} mot snittet {fmt_number(f.baseline)} under {f.baseline_label}"
    parts[0] += "."
    if f.last_year is not None:
        parts.append(f"Samma period i fjol: {n(f.last_year)}.")
    if f.top:
        items = [f"{label.lower()} ({count})" for label, count in f.top[:3]]
        parts.append("Mest " + (items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]) + ".")
    serious = [label.lower() for label, lvl in f.flagged if lvl == ALLVARLIG]
    elevated = [label.lower() for label, lvl in f.flagged if lvl == FORHOJD]
    if serious:
        parts.append("Allvarligt läge: " + ", ".join(serious) + ".")
    if elevated:
        parts.append("Förhöjt läge: " + ", ".join(elevated) + ".")
    if f.peak:
        parts.append(f"Flest händelser {f.peak}.")
    if f.police_reported:
        parts.append(f"{n(f.police_reported, 'polisanmäld', 'polisanmälda')}.")
    return " ".join(parts)


# -- GeoJSON area shapes -------------------------------------------------------------------

MAX_GEOJSON_BYTES = 5 * 1024 * 1024
MAX_POSITIONS = 50_000          # per geometry
MAX_FEATURES = 500


def _bad_geo(message: str, **params: object) -> ValidationError:
    return ValidationError(message, code="est.geojson", **params)


def _ring(ring: object, where: str) -> int:
    if not isinstance(ring, list) or len(ring) < 4:
        raise _bad_geo(f"{where}: en ring ska ha minst fyra positioner")
    for i, pos in enumerate(ring):
        if (not isinstance(pos, list) or len(pos) not in (2, 3)
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in pos)):
            raise _bad_geo(f"{where}, position {i + 1}: ska vara [longitud, latitud]")
        lon, lat = pos[0], pos[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise _bad_geo(f"{where}, position {i + 1}: utanför longitud −180…180 / latitud −90…90")
    if ring[0][:2] != ring[-1][:2]:
        raise _bad_geo(f"{where}: ringen är inte sluten (första och sista positionen ska vara lika)")
    return len(ring)


def validate_geometry(geometry: object, where: str = "geometrin") -> dict:
    """The geometry (a Polygon or MultiPolygon) as a plain dict, or ValidationError in Swedish."""
    if not isinstance(geometry, dict):
        raise _bad_geo(f"{where}: saknas eller är inte ett objekt")
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        if not isinstance(coords, list) or not coords:
            raise _bad_geo(f"{where}: MultiPolygon utan polygoner")
        polygons = coords
    else:
        raise _bad_geo(f"{where}: typen ska vara Polygon eller MultiPolygon, inte {str(kind)[:40]!r}")
    total = 0
    for p, polygon in enumerate(polygons, 1):
        if not isinstance(polygon, list) or not polygon:
            raise _bad_geo(f"{where}, polygon {p}: saknar ringar")
        for r, ring in enumerate(polygon, 1):
            total += _ring(ring, f"{where}, polygon {p}, ring {r}")
            if total > MAX_POSITIONS:
                raise _bad_geo(f"{where}: fler än {MAX_POSITIONS} positioner")
    return {"type": kind, "coordinates": coords}


@dataclass(frozen=True, slots=True)
class AreaShape:
    name: str
    code: str | None
    municipality: str | None
    geometry: dict


def parse_feature_collection(data: bytes) -> list[AreaShape]:
    """Area shapes from GeoJSON bytes: a FeatureCollection whose features name their area in
    ``properties.name`` (or ``namn``), optionally ``code``/``kod`` and ``municipality``/``kommun``."""
    if len(data) > MAX_GEOJSON_BYTES:
        raise _bad_geo(f"Filen är större än {MAX_GEOJSON_BYTES // (1024 * 1024)} MB")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _bad_geo("Filen är inte UTF-8") from None
    except (ValueError, RecursionError):
        raise _bad_geo("Filen är inte giltig JSON") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(
            doc.get("features"), list):
        raise _bad_geo("Filen ska vara en GeoJSON FeatureCollection")
    features = doc["features"]
    if not features:
        raise _bad_geo("FeatureCollection utan områden")
    if len(features) > MAX_FEATURES:
        raise _bad_geo(f"Fler än {MAX_FEATURES} områden")
    out, seen = [], set()
    for i, feature in enumerate(features, 1):
        where = f"Område {i}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise _bad_geo(f"{where}: ska vara en Feature")
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            raise _bad_geo(f"{where}: properties ska vara ett objekt")
        name = props.get("name", props.get("namn"))
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise _bad_geo(f"{where}: properties.name (områdets namn) saknas")
        name = name.strip()
        where = f"Område {i} ({name})"
        if name.lower() in seen:
            raise _bad_geo(f"{where}: namnet förekommer två gånger")
        seen.add(name.lower())
        code = props.get("code", props.get("kod"))
        municipality = props.get("municipality", props.get("kommun"))
        for label, value in (("code", code), ("municipality", municipality)):
            if value is not None and (not isinstance(value, str) or len(value) > 100):
                raise _bad_geo(f"{where}: properties.{label} ska vara text")
        out.append(AreaShape(name, code.strip() if code else None, municipality,
                             validate_geometry(feature.get("geometry"), where)))
    return out


def centroid(geometry: dict) -> tuple[float, float]:
    """The mean of the outer rings' positions (lon, lat): good enough to place a label."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    points = [pos for polygon in polygons for pos in polygon[0][:-1]]
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
