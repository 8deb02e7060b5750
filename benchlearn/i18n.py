"""Interface text in Latvian (default) and English, and Latvian number formats.

Every key carries both languages side by side, so a missing translation cannot ship.
Terms follow ../shared/docs/GLOSSARY.md.
"""

from __future__ import annotations

import math

LANGS = ("lv", "en")
DEFAULT_LANG = "lv"

TEXT: dict[str, tuple[str, str]] = {
    "app.title": ("Mācīties salīdzinot", "Benchlearning"),
    "app.subtitle": ("Latvijas pašvaldību salīdzināšanas panelis",
                     "Comparing Latvia's local governments"),
    "nav.map": ("Karte", "Map"),
    "nav.trends": ("Tendences", "Trends"),
    "nav.benchmark": ("Salīdzinājums", "Comparison"),
    "nav.profile": ("Profils", "Profile"),
    "nav.data": ("Dati", "Data"),
    "lang.label": ("Valoda", "Language"),
    "sel.heading": ("Izvēle", "Selection"),
    "sel.indicator": ("Rādītājs", "Indicator"),
    "sel.year": ("Gads", "Year"),
    "sel.my": ("Mana pašvaldība", "My municipality"),
    "sel.my_none": ("— nav izvēlēta —", "— none —"),
    "sel.compare": ("Salīdzināmās pašvaldības", "Compared municipalities"),
    "sel.group": ("Salīdzināmā grupa", "Comparison group"),
    "sel.version": ("Robežas", "Boundaries"),
    "sel.version_auto": ("Gadā spēkā esošās", "Valid in the year"),
    "sel.share": ("Saite uz šo skatu: nokopējiet adresi no pārlūka adreses joslas.",
                  "Link to this view: copy the address from the browser's address bar."),
    "group.all": ("Visas pašvaldības", "All local governments"),
    "group.state_cities": ("Valstspilsētas", "State cities"),
    "group.novadi": ("Novadi", "Municipalities (novadi)"),
    "group.compared": ("Salīdzināmās pašvaldības", "Compared municipalities"),
    "group.region": ("{name} statistiskais reģions", "{name} statistical region"),
    "notice.unknown": ("Saitē norādītā vērtība “{value}” ({field}) nav atpazīta un netika ņemta "
                       "vērā.", "The link's value “{value}” ({field}) is not known and was "
                       "ignored."),
    "notice.year": ("{year}. gadam rādītājam nav datu; rādīts {shown}. gads.",
                    "The indicator has no data for {year}; showing {shown}."),
    "notice.backcast": ("Šie dati ir {label} robežās (CSP pārrēķins), tāpēc karte rāda tās.",
                        "These figures are on the {label} boundaries (recalculated by CSP), "
                        "so the map shows those."),
    "field.ind": ("rādītājs", "indicator"),
    "field.year": ("gads", "year"),
    "field.my": ("mana pašvaldība", "my municipality"),
    "field.cmp": ("salīdzināmās pašvaldības", "compared municipalities"),
    "field.grp": ("salīdzināmā grupa", "comparison group"),
    "field.bv": ("robežas", "boundaries"),
    "field.lang": ("valoda", "language"),
    "field.cls": ("klasifikācija", "classification"),
    "field.theme": ("tēma", "theme"),
    "field.pc": ("uz iedzīvotāju", "per capita"),
    "field.view": ("skats", "view"),
    "no_data": ("nav datu", "no data"),
    "rank": ("{rank}. vieta no {n}", "{rank} of {n}"),
    "latvia": ("Latvija", "Latvia"),
    "year_heading": ("{year}. gads", "{year}"),
    "source": ("Avots", "Source"),
    "retrieved": ("iegūts", "retrieved"),
    "unit": ("Mērvienība", "Unit"),
    "value": ("Vērtība", "Value"),
    "municipality": ("Pašvaldība", "Municipality"),
    "direction.higher_better": ("jo lielāks, jo labāk", "higher is better"),
    "direction.lower_better": ("jo mazāks, jo labāk", "lower is better"),
    "direction.neutral": ("neitrāls", "neutral"),
    "kind.state_city": ("valstspilsēta", "state city"),
    "kind.novads": ("novads", "municipality"),
    "kind.republican_city": ("republikas pilsēta", "republican city"),
    "kind.parish": ("pagasts", "parish"),
    "kind.town": ("pilsēta", "town"),
    "kind.country": ("valsts", "country"),
    "kind.statistical_region": ("statistiskais reģions", "statistical region"),
    "db.missing": ("Datu bāze vēl nav izveidota. Palaidiet `make data` (vai "
                   "`python -m benchlearn build`) un atjaunojiet lapu.",
                   "The database has not been built yet. Run `make data` (or "
                   "`python -m benchlearn build`) and reload the page."),
    # map
    "map.title": ("Karte", "Map"),
    "map.classes": ("Klasifikācija", "Classes"),
    "map.quantile": ("kvantiles", "quantiles"),
    "map.equal": ("vienādi intervāli", "equal intervals"),
    "map.legend": ("Leģenda", "Legend"),
    "map.no_data_units": ("Nav datu ({n}): {names}", "No data ({n}): {names}"),
    "map.center_latvia": ("Latvijas vērtība {value}: krāsas rāda, cik labāk vai sliktāk.",
                          "Latvia's value {value}: colours show how much better or worse."),
    "map.center_median": ("Mediāna {value}: krāsas rāda, cik labāk vai sliktāk.",
                          "Median {value}: colours show how much better or worse."),
    "map.sequential": ("Neitrāls rādītājs: tumšāks nozīmē lielāku vērtību, bez vērtējuma.",
                       "Neutral indicator: darker means a larger value, no judgement."),
    "map.click_hint": ("Noklikšķiniet uz pašvaldības kartē, lai to izvēlētos.",
                       "Click a municipality on the map to select it."),
    "map.selected": ("Izvēlēta: **{name}**", "Selected: **{name}**"),
    "map.open_profile": ("Atvērt profilu", "Open profile"),
    "map.state_cities": ("Valstspilsētas iezīmētas ar biezāku kontūru un nosaukumu.",
                         "State cities have a thick outline and a label."),
    "map.table": ("Vērtības tabulā", "Values as a table"),
    # trends
    "trends.title": ("Tendences", "Trends"),
    "trends.per_capita": ("Rādīt relatīvo rādītāju: {name}", "Show the relative indicator: {name}"),
    "trends.group_mean": ("Grupas vidējā vērtība", "Group mean"),
    "trends.no_units": ("Izvēlieties salīdzināmās pašvaldības vai manu pašvaldību sānjoslā.",
                        "Choose compared municipalities or your municipality in the sidebar."),
    "trends.gaps": ("Trūkstoši gadi parādīti kā pārtraukumi, nevis interpolēti.",
                    "Missing years are shown as gaps, not interpolated."),
    "trends.one_year": ("Šim rādītājam ir tikai viena gada dati ({year}).",
                        "This indicator has data for one year only ({year})."),
    # benchmark
    "bench.title": ("Salīdzinājums", "Comparison"),
    "bench.theme": ("Tēma", "Theme"),
    "bench.rank": ("Vieta", "Rank"),
    "bench.percentile": ("Procentile", "Percentile"),
    "bench.change": ("Izmaiņas pret iepriekšējo gadu", "Change since previous year"),
    "bench.trend": ("Tendence", "Trend"),
    "bench.download_csv": ("Lejupielādēt CSV", "Download CSV"),
    "bench.download_xlsx": ("Lejupielādēt Excel", "Download Excel"),
    "bench.legend": ("Krāsa rāda procentili grupā, ņemot vērā, vai labāk ir vairāk vai mazāk; "
                     "neitrāliem rādītājiem krāsas nav.",
                     "Colour shows the percentile within the group, taking into account "
                     "whether more or less is better; neutral indicators are not coloured."),
    "bench.empty": ("Grupā nav pašvaldību.", "The group has no municipalities."),
    "bench.indicators": ("Rādītāji", "Indicators"),
    # profile
    "profile.title": ("Pašvaldības profils", "Municipality profile"),
    "profile.choose": ("Izvēlieties pašvaldību", "Choose a municipality"),
    "profile.kind": ("Veids", "Type"),
    "profile.region": ("Statistiskais reģions", "Statistical region"),
    "profile.area": ("Platība", "Area"),
    "profile.parishes": ("Pagasti un pilsētas", "Parishes and towns"),
    "profile.population": ("Iedzīvotāju skaits", "Population"),
    "profile.strongest": ("Spēcīgākās pozīcijas", "Strongest positions"),
    "profile.weakest": ("Vājākās pozīcijas", "Weakest positions"),
    "profile.all": ("Visi rādītāji", "All indicators"),
    "profile.trends": ("Tendences", "Trends"),
    "profile.sources": ("Avoti", "Sources"),
    "profile.latvia_value": ("Latvija", "Latvia"),
    "profile.none": ("Nav rādītāju ar vērtējumu.", "No indicators with a judgement."),
    "profile.iso": ("ISO 3166-2", "ISO 3166-2"),
    "profile.atvk": ("ATVK kods", "ATVK code"),
    # data page
    "data.title": ("Dati", "Data"),
    "data.catalogue": ("Rādītāju katalogs", "Indicator catalogue"),
    "data.built": ("Datu bāze izveidota {when}.", "Database built {when}."),
    "data.sources": ("Avota faili", "Source files"),
    "data.report": ("Būvējuma pārskats", "Build report"),
    "data.missing": ("Pašvaldības bez datiem", "Local governments without data"),
    "data.coverage": ("Pārklājums", "Coverage"),
    "data.definition": ("Definīcija", "Definition"),
    "data.direction": ("Virziens", "Direction"),
    "data.theme": ("Tēma", "Theme"),
    "data.formula": ("Formula", "Formula"),
    "data.years": ("Gadi", "Years"),
    "data.units": ("Vienības", "Units"),
    "data.code": ("Kods", "Code"),
    "data.name": ("Nosaukums", "Name"),
    "data.table": ("Tabula", "Table"),
    "data.link": ("Saite", "Link"),
    "data.file": ("Fails", "File"),
    "data.values": ("Vērtības", "Values"),
    "data.not_available": ("Nav pieejams", "Not available"),
    "data.bytes": ("Baiti", "Bytes"),
    "data.search": ("Meklēt rādītāju", "Search indicators"),
    "data.none_missing": ("Visām 43 pašvaldībām ir dati.", "All 43 have data."),
}


def t(key: str, lang: str, **values: object) -> str:
    """Text for `key` in `lang`, with {placeholders} filled."""
    lv, en = TEXT[key]
    text = en if lang == "en" else lv
    return text.format(**values) if values else text


THIN = "\u202f"  # narrow no-break space: Latvian thousands separator that never wraps


def format_number(value: float | None, decimals: int = 0, lang: str = DEFAULT_LANG) -> str:
    """28 446 and 3,5 in Latvian; 28,446 and 3.5 in English; '–' for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text.replace("-", "−")
    return text.replace(",", THIN).replace(".", ",").replace("-", "−")


def format_value(value: float | None, unit: str, decimals: int, lang: str) -> str:
    """A number with its unit: '12,7 %', '28 446 iedzīvotāji'."""
    number = format_number(value, decimals, lang)
    if number == "–":
        return t("no_data", lang)
    return f"{number}{THIN if unit == '%' else ' '}{unit}"


def format_rank(rank: int | None, n: int, lang: str) -> str:
    return "–" if rank is None else t("rank", lang, rank=rank, n=n)


def pick(row: object, field: str, lang: str) -> str:
    """The _lv or _en variant of a field from a mapping or a pandas row."""
    return row[f"{field}_{'en' if lang == 'en' else 'lv'}"]  # type: ignore[index]
