"""The Swedish texts of the demo data: referrals, journal entries, views, plans, closures, disclosures.

Placeholders (``{namn}``, ``{plats}``, ``{manad}``, ``{brott}``, ``{pct}``, ``{sport}``,
``{fritid}``, ``{datum}``) are filled from ``GeneratorBase.ctx``.
"""

from __future__ import annotations


CONCERN_TEXT = {
    "MISSTANKE_BROTT": ("{namn} är misstänkt för {brott} vid {plats} i {manad}.",
                        "Polisen har registrerat {namn} som misstänkt för {brott} under hösten."),
    "KAMRATER_BROTT": ("{namn} umgås med äldre kamrater som är kända av polisen.",
                       "Kamratkretsen har förändrats och flera i den är misstänkta för brott."),
    "ALKOHOL_DROGER_EGET": ("Uppgifter om att {namn} röker cannabis på helgerna.",
                            "{namn} har vid flera tillfällen setts påverkad i skolan."),
    "KAMRATER_DROGER": ("Fältassistenterna uppger att kamraterna använder narkotika.",),
    "RISKMILJOER": ("{namn} har setts sent på kvällarna vid {plats}, en känd samlingsplats.",),
    "AGGRESSIVT_BETEENDE": ("Flera incidenter med hot och våld mot andra elever under terminen.",
                            "Skolan beskriver utbrott och hotfullt beteende mot personal."),
    "NORMBRYTANDE_BETEENDE": ("Upprepade regelbrott i skolan och på fritidsgården.",),
    "BETEENDEFORANDRING": ("Skolan och vårdnadshavare beskriver en tydlig beteendeförändring sedan {manad}.",),
    "HOG_FRANVARO": ("Frånvaron är {pct} % under innevarande termin, till stor del ogiltig.",),
    "SKOLPROBLEMATIK": ("Saknar godkända betyg i flera ämnen och har svårt att komma till lektionerna.",),
    "KONCENTRATIONSSVARIGHETER": ("Har svårt att koncentrera sig; elevhälsan har diskuterat en utredning.",),
    "SAKNAR_POSITIV_FRITID": ("{namn} har slutat med {sport} och saknar i dag organiserad fritid.",),
    "REKRYTERING_KRIMINELLT_NATVERK": (
        "Polisen har sett {namn} tillsammans med personer i ett kriminellt nätverk; risk för rekrytering.",),
    "OVRIGT": ("Vårdnadshavare har själva hört av sig och uttrycker oro.",),
}
CRIMES = ("snatteri", "skadegörelse", "ringa narkotikabrott", "rån", "misshandel", "olaga hot", "stöld",
          "olovlig körning")

TREFAS_DESCRIPTIONS = (
    "Polisens lägesbild: {namn} förekommer i en konflikt mellan grupperingar i {plats}. "
    "Bedöms ha tillgång till vapen genom äldre kamrater.",
    "{namn} har nyligen frigivits från anstalt och återvänt till {plats}; polisen ser risk för våld i samband "
    "med en pågående konflikt.",
    "Efter en skottlossning i {plats} har polisen identifierat {namn} som en person i nära anslutning till "
    "händelsen, både som möjlig gärningsperson och som möjligt offer.",
    "Frivården uppger att {namn} umgås med personer i det kriminella nätverket och har brutit mot villkor.",
)
AVHOPPARE_DESCRIPTIONS = (
    "{namn} har själv hört av sig och vill lämna {miljo}. Uppger att hen har en skuld till nätverket "
    "och känner sig hotad.",
    "Polisens avhopparsamordnare förmedlar kontakt: {namn} vill lämna {miljo} och har tackat ja till "
    "informationsutbyte.",
    "Frivården har förmedlat kontakt inför frigivning; {namn} vill inte återvända till {miljo}.",
    "Anhörig har kontaktat socialtjänsten; {namn} vill lämna {miljo} men vågar inte bo kvar i området.",
)
ENVIRONMENT_TEXT = {"GANG": "den kriminella gängmiljön", "VALDSBEJAKANDE_EXTREMISM": "en våldsbejakande miljö",
                    "HEDER": "en hedersrelaterad miljö"}

JOURNAL = {
    ("SSPF", "SOC"): (
        "Samtal med {namn} och vårdnadshavare på socialkontoret. {namn} beskriver att skolan känns jobbig "
        "och att kompisarna är viktigast just nu.",
        "Telefonsamtal med vårdnadshavare som berättar att {namn} kommer hem sent och inte vill säga var hen "
        "har varit.",
        "Hembesök genomfört. Familjen är positiv till SSPF-samverkan och vill ha stöd i föräldraskapet.",
        "Förhandsbedömning: oron bedöms som befogad; SSPF erbjuds. Vårdnadshavare informerade om samtycke.",
        "Uppföljande samtal med {namn}. Närvaron har blivit bättre och hen har börjat på {sport}.",
    ),
    ("SSPF", "SKOLA"): (
        "Mentor rapporterar närvaro på {pct} % de senaste fyra veckorna.",
        "Elevhälsomöte hållet; beslut om anpassningar i matematik och svenska.",
        "{namn} har varit inblandad i en konflikt på rasten; vårdnadshavare kontaktade samma dag.",
        "Närvaroplanen följs upp varje fredag med mentor. Positiv utveckling sedan förra mötet.",
    ),
    ("SSPF", "POLIS"): (
        "Vid kontroll {datum} antecknades {namn} i sällskap med äldre ungdomar vid {plats}.",
        "Orossamtal genomfört med {namn} och vårdnadshavare på polisstationen.",
        "Inga nya registreringar sedan förra nätverksmötet.",
    ),
    ("SSPF", "FRITID"): (
        "Fältassistenterna träffade {namn} vid {plats} fredag kväll; samtal om fritidsaktiviteter.",
        "{namn} har varit på {fritid} tre kvällar i veckan och deltar i {sport}.",
        "Introduktion till föreningen genomförd tillsammans med fältassistent.",
    ),
    ("TREFAS", "SOC"): (
        "Motiverande samtal genomfört. {namn} uttrycker vilja att lämna gänget men oroar sig för konsekvenserna.",
        "Kontakt med familjen; yngre syskon erbjuds stöd via öppenvården.",
        "Planering inför frigivning tillsammans med frivården; boende och sysselsättning diskuterades.",
        "{namn} uteblev från bokat samtal. Ny tid skickad.",
    ),
    ("TREFAS", "POLIS"): (
        "Polisens bedömning: fortsatt förhöjd risk efter konflikt i {plats}.",
        "{namn} har kontrollerats vid {plats} tillsammans med personer i nätverket.",
        "Underrättelse om ökade spänningar mellan grupperingarna; riskbedömningen ses över.",
    ),
    ("TREFAS", "KRIMINALVARD"): (
        "Övervakningsmöte genomfört, inga anmärkningar.",
        "Frivården informerar om planerad villkorlig frigivning {datum}; övervakningsplan upprättas.",
        "Misskötsamhet: uteblivet övervakningsmöte. Varning meddelad.",
    ),
    ("AVHOPPARE", "SOC"): (
        "Samtal om skyddsbehov. Akut boende ordnat i annan kommun i samråd med polisen.",
        "Drogtest taget enligt schema, negativt.",
        "Kontakt med Kronofogden angående skuldsanering; ansökan påbörjad.",
        "Polisens avhopparsamordnare uppger att hotbilden kvarstår. Skyddsåtgärderna behålls.",
        "Samtalsstöd: {namn} beskriver att det är svårt att bryta med gamla vänner men att hen vill fortsätta.",
        "Möte med arbetsförmedlingen om praktikplats.",
    ),
}
CORRECTION_TEXT = "Rättelse av anteckning {datum}: rätt datum för händelsen och rätt plats är {plats}."

YOUTH_VIEWS = (
    "{namn} vill ha hjälp med skolan men tycker att polisen inte ska vara med.",
    "{namn} säger att det mesta är bra och att vuxna oroar sig för mycket.",
    "{namn} vill börja träna igen och vill ha hjälp att hitta en förening.",
    "{namn} tycker att det är jobbigt hemma och vill prata med någon.",
)
GUARDIAN_VIEWS = (
    "Vårdnadshavarna är oroliga för kamratkretsen och vill ha stöd.",
    "Vårdnadshavare upplever att de inte når fram och är positiva till samverkan.",
    "Vårdnadshavarna vill främst ha hjälp med skolgången.",
)
OPINIONS = (
    "Ungdomen är positiv till samverkan och vill ha hjälp med skolan.",
    "Ungdomen vill att skolan och fritid är med men är tveksam till polisen.",
    "Ungdomen har fått information och förstår vad samtycket innebär.",
)
DOMAIN_NOTES = {
    "INDIVID": "Impulsivitet beskrivs av skola och vårdnadshavare.",
    "FAMILJ": "Bristande tillsyn kvällstid; vårdnadshavare vill ha stöd.",
    "SKOLA": "Närvaro {pct} %; saknar betyg i flera ämnen.",
    "KAMRATER": "Umgås med äldre kamrater som är kända av polisen.",
    "FRITID": "Ingen strukturerad fritid; tidigare aktiv i {sport}.",
    "NARMILJO": "Vistas vid {plats} där det förekommer öppen narkotikahandel.",
    "KRIMINALITET": "En misstanke om {brott} senaste halvåret.",
    "STYRKOR_INTRESSEN": "Intresserad av {sport} och musik; god relation till en lärare.",
}
DOMAIN_SOURCE = {"SKOLA": "SKOLA", "KRIMINALITET": "POLIS", "FRITID": "FRITID", "NARMILJO": "POLIS"}

GOALS = {
    "SKOLA": ("Regelbunden skolgång", "Närvaro i procent", "{pct} %", "Minst 85 %"),
    "FRITID": ("Meningsfull fritid", "Deltar i organiserad aktivitet", "Ingen aktivitet", "En aktivitet i veckan"),
    "FAMILJ": ("Stärkt föräldraskap", "Vårdnadshavare deltar i föräldrastöd", "Ej påbörjat",
               "Genomfört program"),
    "KAMRATER": ("Minskat umgänge med kriminella kamrater", "Fältarnas och polisens iakttagelser",
                 "Ses varje vecka med äldre kamrater", "Inga iakttagelser"),
    "KRIMINALITET": ("Inga nya brottsmisstankar", "Polisens registreringar", "En misstanke senaste halvåret",
                     "Inga nya misstankar"),
    "INDIVID": ("Minskat bruk av droger", "Drogtest och samtal", "Uppgifter om helgbruk", "Drogfri"),
}
ACTIONS_FOR_AREA = {
    "SKOLA": ("NARVAROPLAN", "MENTORSSAMTAL", "LAXLASNING", "ANPASSNING_SKOLA", "KONTAKT_ELEVHALSA"),
    "FRITID": ("FRITIDSAKTIVITET", "FALTARKONTAKT", "SOMMARJOBB_FERIEARBETE"),
    "FAMILJ": ("FORALDRASTOD", "SAMTALSKONTAKT"),
    "KAMRATER": ("OROSSAMTAL_POLIS", "FALTARKONTAKT", "KONTAKTPERSON"),
    "KRIMINALITET": ("OROSSAMTAL_POLIS", "POLISIAR_NARVARO_PLATS"),
    "INDIVID": ("REMISS_BUP_BEROENDE", "OPPENVARDSINSATS", "SAMTALSKONTAKT"),
}
ACTION_TEXT = {
    "ANPASSNING_SKOLA": "Anpassad studiegång i matematik och svenska",
    "KONTAKT_ELEVHALSA": "Kontakt med skolsköterska och kurator",
    "LAXLASNING": "Läxläsning två eftermiddagar i veckan",
    "NARVAROPLAN": "Närvaroplan med daglig kontakt mellan mentor och hemmet",
    "MENTORSSAMTAL": "Mentorssamtal varje vecka",
    "SAMTALSKONTAKT": "Samtalskontakt med socialsekreterare varannan vecka",
    "FORALDRASTOD": "Erbjuda föräldrastödsprogram i grupp",
    "KONTAKTPERSON": "Utreda behov av kontaktperson",
    "OPPENVARDSINSATS": "Insats från öppenvården (ungdomsmottagning för beroende)",
    "UTREDNING_INLEDS": "Utredning enligt SoL inleds",
    "ORIENTERING_OROSANMALAN": "Orientera vårdnadshavare om orosanmälan",
    "OROSSAMTAL_POLIS": "Orossamtal med ungdomen och vårdnadshavare",
    "POLISIAR_NARVARO_PLATS": "Förstärkt polisiär närvaro vid samlingsplatsen fredagar",
    "FRITIDSAKTIVITET": "Introduktion i förening med stöd av fältassistent",
    "FALTARKONTAKT": "Fältassistent håller kontakt kvällstid",
    "SOMMARJOBB_FERIEARBETE": "Hjälp att söka feriearbete",
    "REMISS_BUP_BEROENDE": "Remiss till BUP för bedömning",
    "OVRIGT": "Övrig åtgärd enligt överenskommelse",
}
TREFAS_ACTIONS = (  # (agency, measure, action type, text)
    ("SOC", "STOD", "SAMTALSKONTAKT", "Motiverande samtal varannan vecka"),
    ("SOC", "STOD", "KONTAKTPERSON", "Kontaktperson med erfarenhet av avhopp"),
    ("SOC", "STOD", "OPPENVARDSINSATS", "Missbruksbehandling i öppenvård"),
    ("SOC", "STOD", "FORALDRASTOD", "Stöd till familjen och yngre syskon"),
    ("POLIS", "KONTROLL", "POLISIAR_NARVARO_PLATS", "Ökad polisiär närvaro vid kända samlingsplatser"),
    ("POLIS", "KONTROLL", "OROSSAMTAL_POLIS", "Orossamtal med den unge och familjen"),
    ("POLIS", "REPRESSIV", "OVRIGT", "Prioriterad utredning av misstänkt vapenbrott"),
    ("KRIMINALVARD", "KONTROLL", "OVRIGT", "Täta kontroller inom övervakningen"),
    ("KRIMINALVARD", "STOD", "OVRIGT", "Frigivningsplanering tillsammans med socialtjänsten"),
)
AVH_ACTIONS = {  # support area → (agency, action type, text)
    "SKYDD": ("POLIS", "OVRIGT", "Skyddsåtgärder och skyddade personuppgifter i samråd med polisen"),
    "BOENDE": ("SOC", "OVRIGT", "Långsiktigt boende i annan kommun"),
    "FORSORJNING": ("SOC", "OVRIGT", "Ekonomiskt bistånd under etableringen"),
    "SYSSELSATTNING_UTBILDNING": ("SOC", "OVRIGT", "Praktikplats via arbetsförmedlingen"),
    "SKULDER": ("SOC", "OVRIGT", "Budget- och skuldrådgivning"),
    "MISSBRUK": ("SOC", "OPPENVARDSINSATS", "Missbruksbehandling och drogtester"),
    "PSYKISK_HALSA": ("SOC", "REMISS_BUP_BEROENDE", "Bedömning och traumabehandling"),
    "SOCIALT_NATVERK": ("SOC", "OVRIGT", "Stöd att bygga ett nytt socialt nätverk"),
    "VARDAGSRUTINER": ("SOC", "OVRIGT", "Stöd med vardagsrutiner"),
    "SAMTALSSTOD": ("SOC", "SAMTALSKONTAKT", "Samtalsstöd varje vecka"),
    "KONTAKTPERSON": ("SOC", "KONTAKTPERSON", "Kontaktperson enligt SoL"),
    "GOD_MAN": ("SOC", "OVRIGT", "Ansökan om god man"),
    "TATUERINGSBORTTAGNING": ("SOC", "OVRIGT", "Borttagning av gängtatueringar"),
    "FAMILJ_ANHORIGA": ("SOC", "FORALDRASTOD", "Stöd till anhöriga"),
}
THREAT_SUMMARIES = (
    "Hot från tidigare gängmedlemmar efter avhoppet; känd konflikt i {plats}.",
    "Skuld till nätverket; hot via sociala medier. Polisen bedömer våldskapitalet som högt.",
    "Inga konkreta hot sedan flytten, men fortsatt risk vid besök i hemområdet.",
    "Anhöriga har fått hot; skyddsbehovet omfattar även familjen.",
)
CONDITIONS = ("Inga nya brott", "Ingen användning av narkotika", "Drogtester enligt schema",
              "Samtal med avhopparsamordnaren varannan vecka", "Ingen kontakt med det tidigare nätverket",
              "Berätta om egen inblandning i brott för riskbedömningen")
BREACHES = (("Positivt drogtest", "Samtal och tätare provtagning under en månad"),
            ("Uteblivet samtal", "Påminnelse och ny tid"),
            ("Kontakt med tidigare nätverk", "Allvarligt samtal; skyddsbedömningen görs om"),
            ("Misstanke om nytt brott", "Avstämning med polisen om fortsatt stöd"))
CLOSURE_NOTES = {
    "MAL_UPPNATT": "Målen i åtagandeplanen är uppnådda; närvaron är stabil och ungdomen har en aktiv fritid.",
    "SAMTYCKE_ATERKALLAT": "Vårdnadshavare återkallade samtycket; ärendet avslutas och informationsdelningen upphör.",
    "SAMTYCKE_SAKNAS": "Samtycke lämnades inte; alternativ stödväg har erbjudits.",
    "SAMTYCKE_UTGATT_EJ_FORNYAT": "Samtycket gick ut och har inte förnyats.",
    "OVERGANG_SOCIALTJANSTARENDE": "Ärendet övergår till en utredning enligt SoL.",
    "FLYTT": "Familjen har flyttat från kommunen.",
    "ALDERSGRANS": "Ungdomen har passerat åldersgränsen för SSPF.",
    "ANNAN_SAMVERKANSFORM": "Ärendet förs över till annan samverkansform.",
    "EJ_AKTUELLT_EFTER_BEDOMNING": "Efter förhandsbedömning bedöms SSPF inte vara rätt insats.",
    "OVRIGT": "Avslutat efter gemensam bedömning.",
    "RISK_UPPHORD": "Polisen bedömer att risken har upphört.",
    "AVHOPP_FULLFOLJT": "Avhoppet är fullföljt.",
    "AVLIDEN": "Personen har avlidit.",
    "FULLFOLJT": "Avhoppet är fullföljt; egen försörjning och eget boende.",
    "AVBRUTET_AV_INDIVID": "Individen har själv valt att avbryta.",
    "AVBRUTET_VILLKORSBROTT": "Avbrutet efter upprepade villkorsbrott.",
    "FLYTT_OVERLAMNAD_ANNAN_KOMMUN": "Flyttat; ärendet är överlämnat till mottagande kommun.",
    "EJ_AVHOPPARE_ENL_DEF": "Uppfyller inte definitionen av avhoppare; erbjuds annat stöd.",
}
HARM = ("Menprövning gjord: uppgifterna är nödvändiga för samverkan och bedöms inte skada den enskilde.",
        "Uppgifterna lämnas för att förebygga brott; men för den enskilde bedöms som ringa.",
        "Sekretessprövning gjord av ansvarig samordnare tillsammans med jurist.")
CHANNELS = ("Säker e-post", "Brev", "Muntligen vid möte", "Telefon")
REVOKE = (("Telefon", "Vårdnadshavare återkallar samtycket; vill inte att polisen får information."),
          ("Brev", "Skriftlig återkallelse från vårdnadshavare."),
          ("Muntligt vid möte", "Ungdomen återkallar sitt samtycke vid uppföljningsmötet."))
DECISIONS_NEXT = "Nästa möte {datum} kl. {tid}, {plats}."
