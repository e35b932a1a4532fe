"""Where the demo municipality is: Sollentuna and Sigtuna, fictional where it matters (schools, rooms)."""

from __future__ import annotations

from typing import Any


KOMMUN = {
    "Sollentuna": dict(soc="Socialtjänsten Sollentuna", polis="Polisen, lokalpolisområde Sollentuna",
                       city="Sollentuna", house="Kommunhuset Sollentuna", gymnasium="Sollentuna gymnasium"),
    "Sigtuna": dict(soc="Socialtjänsten Sigtuna", polis="Polisen, lokalpolisområde Märsta",
                    city="Märsta", house="Kommunhuset Märsta", gymnasium="Märsta gymnasium"),
}
AREAS: dict[str, dict[str, Any]] = {
    "Tureberg": dict(kommun="Sollentuna", postal="191 4", schools=("Turebergsskolan", "Sjöängsskolan",
                     "Runbackaskolan"), fritid="Fritidsgården Tureberg", falt="Fältgruppen Sollentuna",
                     places=("Tureberg centrum", "pendeltågsstationen", "Malmparken", "Sollentuna centrum")),
    "Edsberg": dict(kommun="Sollentuna", postal="191 6", schools=("Edsbergsskolan", "Edsviksskolan",
                    "Sofielundsskolan"), fritid="Fritidsgården Edsberg", falt="Fältgruppen Sollentuna",
                    places=("Edsbergs centrum", "Edsbergsparken", "busshållplatsen vid Edsberg")),
    "Rotebro": dict(kommun="Sollentuna", postal="192 7", schools=("Rotebroskolan", "Norrvikenskolan",
                    "Vaxmoraskolan"), fritid="Fritidsgården Rotebro", falt="Fältgruppen Sollentuna",
                    places=("Rotebro centrum", "Norrviken", "Rotebro station")),
    "Märsta": dict(kommun="Sigtuna", postal="195 3", schools=("Centralskolan Märsta", "Ekillaskolan",
                   "Oxbackens skola"), fritid="Fritidsgården Märsta", falt="Fältarna Sigtuna",
                   places=("Märsta centrum", "Märsta station", "Ekillaparken")),
    "Valsta": dict(kommun="Sigtuna", postal="195 6", schools=("Valstaskolan", "Steningehöjdens skola",
                   "Ekebyskolan"), fritid="Fritidsgården Valsta", falt="Fältarna Sigtuna",
                   places=("Valsta centrum", "Valstaskogen", "Valsta torg")),
}
TREFAS_AREAS = ("Tureberg", "Edsberg", "Rotebro", "Sollentuna centrum", "Häggvik", "Helenelund")
ROOMS = ("Björken", "Linden", "Eken", "Tallen", "Aspen", "Rönnen")
KRIMINALVARD_ORG = "Kriminalvården, frivården Norrort"
SPORTS = ("fotboll", "basket", "boxning", "innebandy", "brottning", "friidrott", "kampsport")
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")
