"""The demo organisation: its units and the accounts to log in with."""

from __future__ import annotations


#: The documented password of demo accounts when neither ``password`` nor TRYGG_NEW_PASSWORD is given.
DEMO_PASSWORD = "Trygg-demo-2026"

SSPF_UNITS = ("SSPF Tureberg", "SSPF Edsberg", "SSPF Rotebro", "SSPF Märsta", "SSPF Valsta")
TREFAS_UNIT = "TREFAS Sollentuna"
AVHOPPARE_UNIT = "Avhopparverksamhet"

#: name → (case kind, area, municipality); all run by social services (agency SOC).
DEMO_UNITS: dict[str, tuple[str, str, str]] = {
    "SSPF Tureberg": ("SSPF", "Tureberg", "Sollentuna"),
    "SSPF Edsberg": ("SSPF", "Edsberg", "Sollentuna"),
    "SSPF Rotebro": ("SSPF", "Rotebro", "Sollentuna"),
    "SSPF Märsta": ("SSPF", "Märsta", "Sigtuna"),
    "SSPF Valsta": ("SSPF", "Valsta", "Sigtuna"),
    TREFAS_UNIT: ("TREFAS", "Sollentuna", "Sollentuna"),
    AVHOPPARE_UNIT: ("AVHOPPARE", "Sollentuna", "Sollentuna"),
}

#: username → (agency, roles, unit names, display name, title).
DEMO_ACCOUNTS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], str, str]] = {
    "samordnare": ("SOC", ("SSPF_KOORDINATOR", "ORDFORANDE"), SSPF_UNITS, "Karin Lindqvist", "SSPF-samordnare"),
    "socialsekreterare": ("SOC", ("HANDLAGGARE",), SSPF_UNITS, "Johan Ekström", "Socialsekreterare"),
    "skola": ("SKOLA", ("KONTAKTPERSON",), SSPF_UNITS, "Maria Holm", "Skolkurator"),
    "polis": ("POLIS", ("KONTAKTPERSON",), SSPF_UNITS + (TREFAS_UNIT,), "Anders Nyberg", "Kommunpolis"),
    "fritid": ("FRITID", ("KONTAKTPERSON",), SSPF_UNITS, "Sara Öberg", "Fältassistent"),
    "kriminalvard": ("KRIMINALVARD", ("KONTAKTPERSON",), (TREFAS_UNIT,), "Peter Sjöberg", "Frivårdsinspektör"),
    "trefas": ("SOC", ("TREFAS_KOORDINATOR",), (TREFAS_UNIT,), "Leila Karimi", "TREFAS-samordnare"),
    "avhopparsamordnare": ("SOC", ("AVHOPPARSAMORDNARE",), (AVHOPPARE_UNIT,), "Mikael Strand",
                           "Avhopparsamordnare"),
    "granskare": ("SOC", ("LOGGGRANSKARE",), (), "Eva Bergström", "Informationssäkerhetssamordnare"),
    "styrgrupp": ("SOC", ("STYRGRUPP",), (), "Lars Wikström", "Verksamhetschef individ- och familjeomsorg"),
    "arkiv": ("SOC", ("ARKIVANSVARIG",), (), "Ingrid Falk", "Arkivansvarig"),
}

#: agency → the demo account that is its contact person in a case (social services has several).
CONTACT_ACCOUNT = {"SKOLA": "skola", "POLIS": "polis", "FRITID": "fritid", "KRIMINALVARD": "kriminalvard"}

#: The EST demo accounts (created with the EST demo data, ``DemoService.generate(est=True)``):
#: the coordinator and a reporter from the housing company. Fictional names.
EST_DEMO_ACCOUNTS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], str, str]] = {
    "trygghetssamordnare": ("SOC", ("TRYGGHETSSAMORDNARE",), (), "Nora Almgren", "Trygghetssamordnare"),
    "rapportor": ("BOSTAD", ("EST_RAPPORTOR",), (), "Olle Fager", "Områdesvärd, bostadsbolaget"),
}
