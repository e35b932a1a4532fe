"""EST set-up: areas (with GeoJSON shapes), named places and categories as data.

The coordinator (TRYGGHETSSAMORDNARE) changes them; reporters read them for the entry form.
Every read and change is audited (EST_SETUP_READ, EST_SETUP_UPDATE, EST_AREAS_IMPORT).
"""

from __future__ import annotations

import json
import re
import unicodedata

from sqlalchemy import func, select

from ..domain import est as est_rules
from ..domain.access import Act, Rec
from ..store.models import EstArea, EstCategory, EstPlace
from .est_common import EstBase, Lookup, bad, check_free_text, setup_dto
from .est_dto import AreaDTO, AreaImportResult, CategoryDTO, EstSetup, PlaceDTO
from ..domain.topics import Topic
from .base import changes


def make_code(name: str) -> str:
    """"Östra Björkdalen" → "OSTRA_BJORKDALEN"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Z0-9]+", "_", plain.upper()).strip("_")[:40] or "OMRADE"


def _name(value: str, label: str) -> str:
    text = check_free_text(value, label, limit=200, one_line=True)
    if not text:
        raise bad(f"{label} saknas", "est.name")
    return text


class EstSetupService(EstBase):

    def setup(self) -> EstSetup:
        with self.tx() as tx:
            self._require(tx, Act.READ, Rec.EST_SETUP)
            result = setup_dto(Lookup.load(tx.session))
            tx.audit("EST_SETUP_READ", entity="est_setup",
                     detail={"areas": len(result.areas), "categories": len(result.categories)})
            return result

    @changes(Topic.EST)
    def add_area(self, name: str, *, code: str | None = None, municipality: str | None = None) -> AreaDTO:
        name = _name(name, "Områdets namn")
        code = (code or make_code(name)).strip().upper()
        if not re.fullmatch(r"[A-Z0-9_]{1,40}", code):
            raise bad("Områdeskoden får bara ha A–Z, 0–9 och _", "est.area_code")
        with self.tx() as tx:
            self._require(tx, Act.CREATE, Rec.EST_SETUP)
            if tx.session.scalar(select(EstArea.id).where(
                    (func.lower(EstArea.name) == name.lower()) | (EstArea.code == code))) is not None:
                raise bad(f"Området {name} finns redan", "est.area_exists")
            order = (tx.session.scalar(select(func.max(EstArea.sort_order))) or 0) + 10
            area = EstArea(code=code, name=name, municipality=municipality, active=True, sort_order=order)
            tx.session.add(area)
            tx.session.flush()
            tx.audit("EST_SETUP_UPDATE", entity="est_area", entity_id=area.id, detail={"op": "add_area"})
            return AreaDTO(area.id, area.code, area.name, area.municipality, False, True)

    @changes(Topic.EST)
    def add_place(self, area: int | str, name: str, *, latitude: float | None = None,
                  longitude: float | None = None) -> PlaceDTO:
        name = _name(name, "Platsens namn")
        if (latitude is None) != (longitude is None) or (
                latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180)):
            raise bad("Koordinaterna ska vara latitud −90…90 och longitud −180…180, båda eller ingen", "est.coords")
        with self.tx() as tx:
            self._require(tx, Act.CREATE, Rec.EST_SETUP)
            lookup = Lookup.load(tx.session)
            target = lookup.area(area)
            if lookup.place(target, name) is not None:
                raise bad(f"Platsen {name} finns redan i {target.name}", "est.place_exists")
            place = EstPlace(area_id=target.id, name=name, latitude=latitude, longitude=longitude, active=True)
            tx.session.add(place)
            tx.session.flush()
            tx.audit("EST_SETUP_UPDATE", entity="est_area", entity_id=target.id,
                     detail={"op": "add_place", "place_id": place.id})
            return PlaceDTO(place.id, target.id, place.name, latitude, longitude)

    @changes(Topic.EST)
    def add_category(self, label: str, *, parent: str | None = None, code: str | None = None) -> CategoryDTO:
        label = _name(label, "Kategorins namn")
        with self.tx() as tx:
            self._require(tx, Act.CREATE, Rec.EST_SETUP)
            lookup = Lookup.load(tx.session)
            top = lookup.category(parent) if parent else None
            base = (code or make_code(label)).upper()
            full = f"{top.code}.{base}" if top else base
            if any(c.code == full or (c.label.lower() == label.lower() and c.parent_id == (top.id if top else None))
                   for c in lookup.categories.values()):
                raise bad(f"Kategorin {label} finns redan", "est.category_exists")
            order = max([c.sort_order for c in lookup.categories.values()
                         if c.parent_id == (top.id if top else None)] or [top.sort_order if top else 0]) + (
                1 if top else 100)
            row = EstCategory(code=full, label=label, parent_id=top.id if top else None, active=True,
                              sort_order=order)
            tx.session.add(row)
            tx.session.flush()
            tx.audit("EST_SETUP_UPDATE", entity="est_category", entity_id=row.id, detail={"op": "add_category"})
            return CategoryDTO(row.id, row.code, row.label, True)

    @changes(Topic.EST)
    def set_category_active(self, code: str, active: bool) -> None:
        """Retire a category (it stays on the incidents that have it) or bring it back."""
        with self.tx() as tx:
            self._require(tx, Act.UPDATE, Rec.EST_SETUP)
            row = tx.session.scalar(select(EstCategory).where(EstCategory.code == code))
            if row is None:
                raise bad(f"Okänd kategori {code[:60]!r}", "est.category")
            row.active = bool(active)
            tx.audit("EST_SETUP_UPDATE", entity="est_category", entity_id=row.id,
                     detail={"op": "activate" if active else "retire"})

    @changes(Topic.EST)
    def import_areas(self, data: bytes) -> AreaImportResult:
        """Area shapes from a GeoJSON FeatureCollection (``domain.est.parse_feature_collection``):
        an existing area (by code or name) gets the new shape, a new name becomes a new area.
        All or nothing: a bad feature imports no shape at all."""
        shapes = est_rules.parse_feature_collection(data)
        with self.tx() as tx:
            self._require(tx, Act.UPDATE, Rec.EST_SETUP)
            existing = list(tx.session.scalars(select(EstArea)))
            created, updated = [], []
            order = max([a.sort_order for a in existing] or [0])
            for shape in shapes:
                name = _name(shape.name, "Områdets namn")
                code = (shape.code or "").strip().upper() or None
                area = next((a for a in existing if (code and a.code == code) or a.name.lower() == name.lower()), None)
                geometry = json.dumps(shape.geometry, separators=(",", ":"))
                if area is None:
                    order += 10
                    area = EstArea(code=code or make_code(name), name=name, municipality=shape.municipality,
                                   geometry=geometry, active=True, sort_order=order)
                    if any(a.code == area.code for a in existing):
                        raise bad(f"Områdeskoden {area.code} finns redan", "est.area_exists")
                    tx.session.add(area)
                    existing.append(area)
                    created.append(name)
                else:
                    area.geometry = geometry
                    if shape.municipality:
                        area.municipality = shape.municipality
                    updated.append(area.name)
            tx.session.flush()
            tx.audit("EST_AREAS_IMPORT", entity="est_setup", detail={"created": len(created), "updated": len(updated)})
            return AreaImportResult(tuple(created), tuple(updated))
