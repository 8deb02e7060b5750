"""The starting content: the programmes' networks and the documents and examples they named.

Only what the project material says (../shared/docs/PRODUCT.md, last section, taken from the
project pages of LPS and its partners). Everything not stated there is left empty: no
members, coordinators, indicator sets or document links are made up; the pages say
"not recorded" for an empty field and editors fill it in.

Inserted once, by migration 0002, through its own table definitions (so later schema changes
do not alter what this revision wrote). Unit ids are the warehouse's (CSP's ATVK codes).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

P2013 = "Lietpratīga pārvaldība un Latvijas pašvaldību veiktspējas uzlabošana"
P2021 = "Latvijas pašvaldību sadarbības veicināšana un labas pārvaldības stiprināšana"
SOURCE_2013_LV = (
    f"LPS un partneru projekta “{P2013}” apraksts (2013–2016, Norvēģijas finanšu instruments; "
    "LPS ar Norvēģijas pašvaldību asociāciju KS un VRAA)."
)
SOURCE_2013_EN = (
    f"Description of the project “{P2013}” by LPS and its partners (2013–2016, Norway Grants; "
    "LPS with the Norwegian association KS and the State Regional Development Agency)."
)
SOURCE_2021_LV = (
    f"LPS un partneru projekta “{P2021}” apraksts (2021–2024, EEZ finanšu instruments; "
    "LPS, Latvijas Lielo pilsētu asociācija un KS)."
)
SOURCE_2021_EN = (
    f"Description of the project “{P2021}” by LPS and its partners (2021–2024, EEA Grants; "
    "LPS, the Association of Large Cities LLPA and KS)."
)
PILOT_2013_LV = (
    f"Viens no četriem tematiskajiem tīkliem projektā “{P2013}”, kurā 44 pilotpašvaldības "
    "mācījās salīdzinot (benchlearning)."
)
PILOT_2013_EN = (
    f"One of the four thematic networks of the project “{P2013}”, in which 44 pilot "
    "municipalities learnt by comparing (benchlearning)."
)
PILOT_2021_LV = (
    f"Viens no pieciem sadarbības tīkliem projektā “{P2021}”, katram viena pilotaktivitāte."
)
PILOT_2021_EN = (
    f"One of the five cooperation networks of the project “{P2021}”, each with one pilot activity."
)

RESIDENTS_LV = (
    "Iedzīvotāju konsultatīvās padomes (piemēram, Rēzeknes novadā). Tīkla tikšanās: "
    "Gulbenē 29.06.2022. (līdzdalības budžets, Gulbenes projekts); Rīgā 15.09.2022. (Rīgas, "
    "Olaines un Ropažu līdzdalības budžeti; valsts līdzdalības budžetu informācijas sistēma); "
    "Līvānos 19.10.2022. (iedzīvotāju padomes Līvānos, Rēzeknes novadā, Mārupē, Limbažos); "
    "Ventspilī 11.05.2023. (Liepājas sadarbība ar iedzīvotājiem, Rīgas līdzdalības platforma "
    "iesaisties.riga.lv, Jelgavas operatīvās informācijas centrs); Siguldā 13.09.2023. "
    "(kultūrvietu mārketings: Siguldas Jaunā pils un Livonijas ordeņa pils). Pilotaktivitāte: "
    "praktisks ceļvedis iedzīvotāju padomēm, balstīts uz Saldus novada pieredzi.\n\n"
    "Secinājumi: lielākā daļa pašvaldību ieviesa līdzdalības budžetu, pirms tas kļuva "
    "obligāts; iedzīvotāju aktivitāte (iesniegtās idejas, balsis) sākumā bija salīdzinoši "
    "augsta; ietekmi vērtēt vēl ir par agru; līdzdalības budžetam vajag līdzekļus "
    "administrēšanai un iepriekšējo projektu uzturēšanai; procesam jābūt atklātam un "
    "izsekojamam; iedzīvotāju padomes vēl veidojas, tās kavē zema vietējā aktivitāte."
)
RESIDENTS_EN = (
    "Resident advisory councils (e.g. Rēzeknes novads). Meetings: Gulbene 29.06.2022 "
    "(participatory budgeting, Gulbene's project); Rīga 15.09.2022 (participatory budgets of "
    "Rīga, Olaine and Ropaži; a national participatory-budget information system); Līvāni "
    "19.10.2022 (resident councils in Līvāni, Rēzeknes novads, Mārupe, Limbaži); Ventspils "
    "11.05.2023 (Liepāja's citizen cooperation, Rīga's participation platform "
    "iesaisties.riga.lv, Jelgava's operational information centre); Sigulda 13.09.2023 "
    "(marketing of cultural sites: Sigulda New Castle and the Livonian Order castle). Pilot: "
    "a practical guide to resident councils based on Saldus novads.\n\n"
    "Conclusions: most municipalities introduced participatory budgeting before it became "
    "mandatory; resident activity (ideas submitted, votes) was relatively high at first; it "
    "is too early to judge the effect; participatory budgets need money for administration "
    "and for maintaining past projects; the process must be open and traceable; resident "
    "councils are still forming, held back by low local activity."
)


def _network(key: str, lv: str, en: str, start: int, end: int, d_lv: str, d_en: str) -> dict:
    first = start == 2013
    return {
        "seed_key": key,
        "name_lv": lv,
        "name_en": en,
        "period_start": start,
        "period_end": end,
        "coordinator": "",
        "description_lv": f"{PILOT_2013_LV if first else PILOT_2021_LV} {d_lv}".strip(),
        "description_en": f"{PILOT_2013_EN if first else PILOT_2021_EN} {d_en}".strip(),
        "source_lv": SOURCE_2013_LV if first else SOURCE_2021_LV,
        "source_en": SOURCE_2013_EN if first else SOURCE_2021_EN,
    }


NETWORKS: list[dict[str, Any]] = [
    _network("2013-T1", "T1 Stratēģiskā vadība", "T1 Strategic management", 2013, 2016, "", ""),
    _network(
        "2013-T2",
        "T2 Sociālais darbs un veselības aprūpes pieejamība",
        "T2 Social work and access to health care",
        2013,
        2016,
        "Pieredzes apmaiņas vizītes: Iecava, Ogre, Jelgava, Skrunda, Daugavpils, Tukums un "
        "Ādaži. Izstrādātā dokumenta piemērs: Vecumnieku novada Sociālā dienesta darbības un "
        "attīstības stratēģiskais plāns 2016.–2020. gadam.",
        "Study visits to Iecava, Ogre, Jelgava, Skrunda, Daugavpils, Tukums and Ādaži. "
        "Example of a document produced: the strategic plan 2016–2020 of the Social Service "
        "of Vecumnieki municipality.",
    ),
    _network(
        "2013-T3",
        "T3 Publiskie pakalpojumi un mājokļu politika",
        "T3 Public services and housing policy",
        2013,
        2016,
        "Pieredzes apmaiņas vizītes: Aloja, Preiļi un Salaspils. Izstrādātā dokumenta "
        "piemērs: Vecumnieku novada pašvaldības energoefektivitātes pasākumu pārskats.",
        "Study visits to Aloja, Preiļi and Salaspils. Example of a document produced: the "
        "review of energy-efficiency measures of Vecumnieki municipality.",
    ),
    _network(
        "2013-T4",
        "T4 Izglītība un kultūra",
        "T4 Education and culture",
        2013,
        2016,
        "Seminārs Rēzeknē par interešu (neformālo) izglītību un STEM.",
        "Seminar in Rēzekne on non-formal (interest) education and STEM.",
    ),
    _network(
        "2021-capital",
        "Sadarbība kapitālsabiedrībās un kapitāla daļās",
        "Cooperation in capital companies and shareholdings",
        2021,
        2024,
        "Tēma: iekšējie darījumi (in-house) publiskajā sektorā.",
        "Topic: in-house rules in the public sector.",
    ),
    _network(
        "2021-metropolis",
        "Sadarbība Rīgas metropolē",
        "Cooperation within the Rīga metropolis",
        2021,
        2024,
        "Pierīgas pašvaldības, “Rīgas metropole”.",
        "Pierīga municipalities, “Rīgas metropole”.",
    ),
    _network(
        "2021-cities",
        "Valstspilsētu sadarbība ar apkārtējiem novadiem",
        "State cities' cooperation with surrounding novadi",
        2021,
        2024,
        "Piemērs: Jelgavas pieredze.",
        "Example: Jelgava's experience.",
    ),
    _network(
        "2021-residents",
        "Sadarbība ar iedzīvotājiem pašvaldībā",
        "Cooperation with residents within the municipality",
        2021,
        2024,
        RESIDENTS_LV,
        RESIDENTS_EN,
    ),
    _network(
        "2021-lands",
        "Sadarbība vēsturisko zemju ietvaros",
        "Cooperation within the historical lands",
        2021,
        2024,
        "Piemērs: Sēlijas atdzimšana, Jēkabpils novads.",
        "Example: the revival of Sēlija, Jēkabpils novads.",
    ),
]

BAUSKA, VECUMNIEKI = "LV0025000", "LV0409500"  # Vecumnieku novads is in Bauskas novads since 2021
VECUMNIEKI_LV = "Vecumnieku novads kopš 01.07.2021. ir Bauskas novada daļa."
VECUMNIEKI_EN = "Vecumnieki municipality has been part of Bauska municipality since 1 July 2021."
MEETING_LV = "Prezentēts iedzīvotāju sadarbības tīkla tikšanās reizē {place} {date}."
MEETING_EN = "Presented at the residents network's meeting in {place} on {date}."


def _practice(key: str, lv: str, en: str, **fields: Any) -> dict:
    row = {
        "seed_key": key,
        "title_lv": lv,
        "title_en": en,
        "unit_id": None,
        "former_unit_id": None,
        "year": None,
        "network": None,
        "indicators": [],
        "summary_lv": "",
        "summary_en": "",
        "link": "",
        "tags": [],
        "source_lv": SOURCE_2021_LV if key.startswith("2021") else SOURCE_2013_LV,
        "source_en": SOURCE_2021_EN if key.startswith("2021") else SOURCE_2013_EN,
    }
    row.update(fields)
    return row


def _meeting(key: str, lv: str, en: str, unit: str, tags: list[str], where: tuple, **kw) -> dict:
    place_lv, place_en, date = where
    return _practice(
        key,
        lv,
        en,
        unit_id=unit,
        year=int(date[-4:]),
        network="2021-residents",
        tags=tags,
        summary_lv=MEETING_LV.format(place=place_lv, date=date + "."),
        summary_en=MEETING_EN.format(place=place_en, date=date),
        **kw,
    )


GULBENE = ("Gulbenē", "Gulbene", "29.06.2022")
RIGA = ("Rīgā", "Rīga", "15.09.2022")
LIVANI = ("Līvānos", "Līvāni", "19.10.2022")
VENTSPILS = ("Ventspilī", "Ventspils", "11.05.2023")
SIGULDA = ("Siguldā", "Sigulda", "13.09.2023")
BUDGET, COUNCILS = "līdzdalības budžets", "iedzīvotāju padomes"
STUDY, HANDBOOK = "pētījums", "rokasgrāmata"

PRACTICES: list[dict[str, Any]] = [
    _practice(
        "2013-vecumnieki-social-plan",
        "Vecumnieku novada Sociālā dienesta darbības un attīstības stratēģiskais plāns "
        "2016.-2020. gadam",
        "Strategic plan for the operation and development of the Social Service of "
        "Vecumnieki municipality 2016–2020",
        unit_id=BAUSKA,
        former_unit_id=VECUMNIEKI,
        network="2013-T2",
        tags=["sociālais dienests", "stratēģiskais plāns"],
        summary_lv=f"Tīklā T2 izstrādāta dokumenta piemērs. {VECUMNIEKI_LV}",
        summary_en=f"An example of a document produced in network T2. {VECUMNIEKI_EN}",
    ),
    _practice(
        "2013-vecumnieki-energy",
        "Vecumnieku novada pašvaldības energoefektivitātes pasākumu pārskats",
        "Review of energy-efficiency measures of Vecumnieki municipality",
        unit_id=BAUSKA,
        former_unit_id=VECUMNIEKI,
        network="2013-T3",
        tags=["energoefektivitāte"],
        summary_lv=f"Tīklā T3 izstrādāta dokumenta piemērs. {VECUMNIEKI_LV}",
        summary_en=f"An example of a document produced in network T3. {VECUMNIEKI_EN}",
    ),
    _meeting(
        "2021-gulbene-budget",
        "Gulbenes novada līdzdalības budžeta projekts",
        "Gulbene's participatory budgeting project",
        "LV0029000",
        [BUDGET],
        GULBENE,
    ),
    _meeting(
        "2021-riga-budget",
        "Rīgas līdzdalības budžets",
        "Participatory budget of Rīga",
        "LV0001000",
        [BUDGET],
        RIGA,
    ),
    _meeting(
        "2021-olaine-budget",
        "Olaines novada līdzdalības budžets",
        "Participatory budget of Olaine",
        "LV0041000",
        [BUDGET],
        RIGA,
    ),
    _meeting(
        "2021-ropazi-budget",
        "Ropažu novada līdzdalības budžets",
        "Participatory budget of Ropaži",
        "LV0044000",
        [BUDGET],
        RIGA,
    ),
    _meeting(
        "2021-livani-councils",
        "Iedzīvotāju padomes Līvānu novadā",
        "Resident councils in Līvāni",
        "LV0036000",
        [COUNCILS],
        LIVANI,
    ),
    _meeting(
        "2021-rezekne-councils",
        "Iedzīvotāju konsultatīvās padomes Rēzeknes novadā",
        "Resident advisory councils in Rēzeknes novads",
        "LV0043000",
        [COUNCILS],
        LIVANI,
    ),
    _meeting(
        "2021-marupe-councils",
        "Iedzīvotāju padomes Mārupes novadā",
        "Resident councils in Mārupe",
        "LV0039000",
        [COUNCILS],
        LIVANI,
    ),
    _meeting(
        "2021-limbazi-councils",
        "Iedzīvotāju padomes Limbažu novadā",
        "Resident councils in Limbaži",
        "LV0035000",
        [COUNCILS],
        LIVANI,
    ),
    _meeting(
        "2021-liepaja-citizens",
        "Liepājas sadarbība ar iedzīvotājiem",
        "Liepāja's cooperation with citizens",
        "LV0005000",
        ["sadarbība ar iedzīvotājiem"],
        VENTSPILS,
    ),
    _meeting(
        "2021-riga-iesaisties",
        "Rīgas līdzdalības platforma iesaisties.riga.lv",
        "Rīga's participation platform iesaisties.riga.lv",
        "LV0001000",
        ["līdzdalības platforma"],
        VENTSPILS,
        link="https://iesaisties.riga.lv",
    ),
    _meeting(
        "2021-jelgava-info-centre",
        "Jelgavas operatīvās informācijas centrs",
        "Jelgava's operational information centre",
        "LV0003000",
        ["informācijas centrs"],
        VENTSPILS,
    ),
    _meeting(
        "2021-sigulda-castles",
        "Kultūrvietu mārketings: Siguldas Jaunā pils un Livonijas ordeņa pils",
        "Marketing of cultural sites: Sigulda New Castle and the Livonian Order castle",
        "LV0048000",
        ["kultūrvietas", "mārketings"],
        SIGULDA,
    ),
    _practice(
        "2021-saldus-councils-guide",
        "Praktisks ceļvedis iedzīvotāju padomēm (Saldus novada pieredze)",
        "A practical guide to resident councils (based on Saldus novads)",
        unit_id="LV0046000",
        network="2021-residents",
        tags=[COUNCILS, "ceļvedis"],
        summary_lv="Iedzīvotāju sadarbības tīkla pilotaktivitātes rezultāts.",
        summary_en="The result of the residents network's pilot activity.",
    ),
    _practice(
        "2021-jelgava-neighbours",
        "Jelgavas pieredze sadarbībā ar apkārtējiem novadiem",
        "Jelgava's experience of cooperating with the surrounding novadi",
        unit_id="LV0003000",
        network="2021-cities",
        tags=["valstspilsētas un novadi"],
    ),
    _practice(
        "2021-jekabpils-selija",
        "Sēlijas atdzimšana",
        "The revival of Sēlija",
        unit_id="LV0031000",
        network="2021-lands",
        tags=["vēsturiskās zemes", "Sēlija"],
    ),
    _practice(
        "2013-daugavpils-rothko",
        "Partnerība: Trondheimas Mākslas muzejs un Marka Rotko mākslas centrs Daugavpilī",
        "Partnership: Trondheim Art Museum and the Mark Rothko Art Centre in Daugavpils",
        unit_id="LV0002000",
        tags=["partnerība", "kultūra"],
    ),
    _practice(
        "2013-daugavpils-zinoo",
        "Partnerība: Trondheimas zinātnes centrs Vitensenteret un Daugavpils zinātnes centrs "
        "“Zinoo”",
        "Partnership: the Trondheim science centre Vitensenteret and the Daugavpils science "
        "centre “Zinoo”",
        unit_id="LV0002000",
        tags=["partnerība", "zinātnes centrs"],
    ),
    *(
        _practice(
            f"2013-study-{i}",
            lv,
            en,
            tags=[STUDY],
            summary_lv="Viens no pieciem projekta pētījumiem; precīzs nosaukums nav norādīts.",
            summary_en="One of the project's five studies; its exact title is not recorded.",
        )
        for i, (lv, en) in enumerate(
            [
                (
                    "Pašvaldības pārvaldībai nepieciešamie statistiskie rādītāji",
                    "Statistical indicators needed to govern a municipality",
                ),
                (
                    "Vidēja termiņa budžeta plānošana pašvaldībās",
                    "Medium-term budgeting in municipalities",
                ),
                (
                    "Kā pašvaldības var ietekmēt vietējo ekonomiku",
                    "How municipalities can influence the local economy",
                ),
                (
                    "Sociālā uzņēmējdarbība pašvaldību mērķu sasniegšanai",
                    "Social entrepreneurship for municipal goals",
                ),
                (
                    "Veikuma rādītāju iegūšana no pašvaldību budžeta informācijas",
                    "Deriving performance indicators from municipal budget information",
                ),
            ],
            start=1,
        )
    ),
    *(
        _practice(
            f"2013-handbook-{i}",
            lv,
            en,
            tags=[HANDBOOK],
            summary_lv="Viena no divām projekta rokasgrāmatām (latviešu un angļu valodā); "
            "precīzs nosaukums nav norādīts.",
            summary_en="One of the project's two handbooks (in Latvian and English); its "
            "exact title is not recorded.",
        )
        for i, (lv, en) in enumerate(
            [
                (
                    "Tematisko tīklu izmantošana pašvaldību darba uzlabošanai",
                    "Using thematic networks to improve municipal work",
                ),
                (
                    "Salīdzināmo datu bāzes izmantošana pašvaldību un valsts iestāžu "
                    "stratēģiskajā vadībā",
                    "Using the comparable-data database in strategic management of "
                    "municipalities and state institutions",
                ),
            ],
            start=1,
        )
    ),
]

_NETWORK_COLUMNS = [
    "seed_key",
    "name_lv",
    "name_en",
    "period_start",
    "period_end",
    "coordinator",
    "description_lv",
    "description_en",
    "source_lv",
    "source_en",
]
_PRACTICE_COLUMNS = [
    "seed_key",
    "title_lv",
    "title_en",
    "unit_id",
    "former_unit_id",
    "year",
    "network_id",
    "summary_lv",
    "summary_en",
    "link",
    "source_lv",
    "source_en",
]


def insert_seed(connection: sa.Connection) -> None:
    """Insert the networks and practices that are not there yet (by seed_key)."""
    networks = sa.table(
        "networks", sa.column("id", sa.Integer), *(sa.column(c) for c in _NETWORK_COLUMNS)
    )
    practices = sa.table(
        "practices",
        *(sa.column(c) for c in _PRACTICE_COLUMNS),
        sa.column("indicators", sa.JSON),
        sa.column("tags", sa.JSON),
    )
    have = set(connection.scalars(sa.select(networks.c.seed_key)))
    rows = [n for n in NETWORKS if n["seed_key"] not in have]
    if rows:
        connection.execute(networks.insert(), rows)
    ids = {
        key: id_ for key, id_ in connection.execute(sa.select(networks.c.seed_key, networks.c.id))
    }
    have = set(connection.scalars(sa.select(practices.c.seed_key)))
    rows = [
        {**{k: v for k, v in p.items() if k != "network"}, "network_id": ids.get(p["network"])}
        for p in PRACTICES
        if p["seed_key"] not in have
    ]
    if rows:
        connection.execute(practices.insert(), rows)
