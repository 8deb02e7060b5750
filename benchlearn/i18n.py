"""Interface text in Latvian (default) and English, and Latvian number formats.

Every key carries both languages side by side, so a missing translation cannot ship.
Terms follow ../shared/docs/GLOSSARY.md.
"""

from __future__ import annotations

import math
import re

LANGS = ("lv", "en")
DEFAULT_LANG = "lv"

TEXT: dict[str, tuple[str, str]] = {
    "app.title": ("Mācīties salīdzinot", "Benchlearning"),
    "app.subtitle": (
        "Latvijas pašvaldību salīdzināšanas panelis",
        "Comparing Latvia's local governments",
    ),
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
    "sel.share": (
        "Saite uz šo skatu: nokopējiet adresi no pārlūka adreses joslas.",
        "Link to this view: copy the address from the browser's address bar.",
    ),
    "group.all": ("Visas pašvaldības", "All local governments"),
    "group.state_cities": ("Valstspilsētas", "State cities"),
    "group.novadi": ("Novadi", "Municipalities (novadi)"),
    "group.compared": ("Salīdzināmās pašvaldības", "Compared municipalities"),
    "group.region": ("{name} statistiskais reģions", "{name} statistical region"),
    "notice.unknown": (
        "Saitē norādītā vērtība “{value}” ({field}) nav atpazīta un netika ņemta vērā.",
        "The link's value “{value}” ({field}) is not known and was ignored.",
    ),
    "notice.year": (
        "{year}. gadam rādītājam nav datu; rādīts {shown}. gads.",
        "The indicator has no data for {year}; showing {shown}.",
    ),
    "notice.backcast": (
        "Šie dati ir {label} robežās (CSP pārrēķins), tāpēc karte rāda tās.",
        "These figures are on the {label} boundaries (recalculated by CSP), "
        "so the map shows those.",
    ),
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
    "computed": ("Aprēķināts", "Computed"),
    "formula.pct_change": (
        "izmaiņas % {years} g. laikā: {name}",
        "% change over {years} y: {name}",
    ),
    "sel.placeholder": ("Izvēlieties", "Choose"),
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
    "db.missing": (
        "Datu bāze vēl nav izveidota. Palaidiet `make data` (vai "
        "`python -m benchlearn build`) un atjaunojiet lapu.",
        "The database has not been built yet. Run `make data` (or "
        "`python -m benchlearn build`) and reload the page.",
    ),
    # map
    "map.title": ("Karte", "Map"),
    "map.classes": ("Klasifikācija", "Classes"),
    "map.quantile": ("kvantiles", "quantiles"),
    "map.equal": ("vienādi intervāli", "equal intervals"),
    "map.legend": ("Leģenda", "Legend"),
    "map.no_data_units": ("Nav datu ({n}): {names}", "No data ({n}): {names}"),
    "map.center_latvia": (
        "Latvijas vērtība {value}: krāsas rāda, cik labāk vai sliktāk.",
        "Latvia's value {value}: colours show how much better or worse.",
    ),
    "map.center_median": (
        "Mediāna {value}: krāsas rāda, cik labāk vai sliktāk.",
        "Median {value}: colours show how much better or worse.",
    ),
    "map.sequential": (
        "Neitrāls rādītājs: tumšāks nozīmē lielāku vērtību, bez vērtējuma.",
        "Neutral indicator: darker means a larger value, no judgement.",
    ),
    "map.click_hint": (
        "Noklikšķiniet uz pašvaldības kartē, lai to izvēlētos.",
        "Click a municipality on the map to select it.",
    ),
    "map.selected": ("Izvēlēta: **{name}**", "Selected: **{name}**"),
    "map.open_profile": ("Atvērt profilu", "Open profile"),
    "map.state_cities": (
        "Valstspilsētas iezīmētas ar biezāku kontūru un nosaukumu.",
        "State cities have a thick outline and a label.",
    ),
    "map.table": ("Vērtības tabulā", "Values as a table"),
    # trends
    "trends.title": ("Tendences", "Trends"),
    "trends.per_capita": ("Rādīt relatīvo rādītāju: {name}", "Show the relative indicator: {name}"),
    "trends.group_mean": ("Grupas vidējā vērtība", "Group mean"),
    "trends.no_units": (
        "Izvēlieties salīdzināmās pašvaldības vai manu pašvaldību sānjoslā.",
        "Choose compared municipalities or your municipality in the sidebar.",
    ),
    "trends.gaps": (
        "Trūkstoši gadi parādīti kā pārtraukumi, nevis interpolēti.",
        "Missing years are shown as gaps, not interpolated.",
    ),
    "trends.one_year": (
        "Šim rādītājam ir tikai viena gada dati ({year}).",
        "This indicator has data for one year only ({year}).",
    ),
    "trends.showing_pc": (
        "Rādīts relatīvais rādītājs “{name}”, nevis “{base}”.",
        "Showing the relative indicator “{name}” instead of “{base}”.",
    ),
    "trends.default_units": (
        "Nav izvēlēta ne mana, ne salīdzināmās pašvaldības, tāpēc rādītas "
        "{n} grupas “{group}” pašvaldības ar visvairāk datiem. "
        "Izvēlieties pašvaldības sānjoslā.",
        "Neither my municipality nor compared ones are chosen, so the {n} "
        "municipalities of the group “{group}” with the most data are "
        "shown. Choose municipalities in the sidebar.",
    ),
    "trends.mean_n": (
        "pašvaldības ar datiem: {n} no {total}",
        "municipalities with data: {n} of {total}",
    ),
    "trends.mean_varies": (
        "Grupas vidējā vērtība katrā gadā rēķināta tikai no pašvaldībām, "
        "kurām tajā gadā ir dati; to skaits mainās ({low}–{high}), tāpēc "
        "vidējā vērtība var lēkt.",
        "Each year's group mean uses only the municipalities with data that "
        "year; their number changes ({low}–{high}), so the mean can jump.",
    ),
    "trends.latvia_off_scale": (
        "Latvijas kopējā vērtība ({value}, {year}. gads) ir daudzkārt "
        "lielāka par pašvaldību vērtībām, tāpēc grafikā nav rādīta; tā "
        "ir tabulā zem grafika.",
        "Latvia's total ({value} in {year}) is many times the "
        "municipalities' values, so the chart leaves it out; it is in "
        "the table below.",
    ),
    "trends.no_latvia": (
        "Latvijas vērtības šim rādītājam nav.",
        "There is no value for Latvia for this indicator.",
    ),
    "trends.no_data_units": ("Nav datu: {names}.", "No data: {names}."),
    "trends.nothing": (
        "Izvēlētajām pašvaldībām šī rādītāja datu nav.",
        "The chosen municipalities have no data for this indicator.",
    ),
    "trends.table": ("Grafika vērtības, {unit}", "Values in the chart, {unit}"),
    "trends.n_row": (
        "Pašvaldības ar datiem (grupas vidējai vērtībai)",
        "Municipalities with data (for the group mean)",
    ),
    "trends.unverified": ("nepārbaudīts avots", "unverified source"),
    "trends.group_note": ("Salīdzināmā grupa: {group}.", "Comparison group: {group}."),
    "trends.dashed": (
        "Pārtrauktās līnijas – atsauces vērtības (Latvija, grupas vidējā vērtība).",
        "Dashed lines are reference values (Latvia, the group mean).",
    ),
    # benchmark
    "bench.title": ("Salīdzinājums", "Comparison"),
    "bench.theme": ("Tēma", "Theme"),
    "bench.rank": ("Vieta", "Rank"),
    "bench.percentile": ("Procentile", "Percentile"),
    "bench.change": ("Izmaiņas pret iepriekšējo gadu", "Change since previous year"),
    "bench.trend": ("Tendence", "Trend"),
    "bench.download_csv": ("Lejupielādēt CSV", "Download CSV"),
    "bench.download_xlsx": ("Lejupielādēt Excel", "Download Excel"),
    "bench.legend": (
        "Krāsa rāda procentili grupā, ņemot vērā, vai labāk ir vairāk vai mazāk; "
        "neitrāliem rādītājiem krāsas nav.",
        "Colour shows the percentile within the group, taking into account "
        "whether more or less is better; neutral indicators are not coloured.",
    ),
    "bench.empty": ("Grupā nav pašvaldību.", "The group has no municipalities."),
    "bench.indicators": ("Rādītāji", "Indicators"),
    "bench.subtitle": ("{group} · {theme} · {year}. gads", "{group} · {theme} · {year}"),
    "bench.indicator": ("Rādītājs", "Indicator"),
    "bench.header": ("{name}, {unit} ({year}. g.)", "{name}, {unit} ({year})"),
    "bench.name_year": ("{name} ({year}. g.)", "{name} ({year})"),
    "bench.value_unit": ("Vērtība, {unit}", "Value, {unit}"),
    "bench.rank_of": ("Vieta no {n}", "Rank of {n}"),
    "bench.change_since": ("Izmaiņas pret {year}. g., {unit}", "Change since {year}, {unit}"),
    "bench.pp": ("procentpunkti", "percentage points"),
    "bench.value_help": (
        "Krāsa rāda procentili grupā (skat. leģendu zem tabulas).",
        "Colour shows the percentile within the group (see the legend below the table).",
    ),
    "bench.rank_help": (
        "1 = labākā vērtība starp tabulas pašvaldībām (neitrāliem rādītājiem – "
        "lielākā); vienādām vērtībām vienāda vieta; bez datiem – bez vietas.",
        "1 = the best value among the municipalities in the table (neutral "
        "indicators: the largest); equal values share a rank; no data, no "
        "rank.",
    ),
    "bench.percentile_help": (
        "100 = labākā, 0 = sliktākā vērtība tabulā; neitrāliem rādītājiem 100 = lielākā.",
        "100 = the best, 0 = the worst value in the table; neutral indicators: 100 = the largest.",
    ),
    "bench.change_help": (
        "Absolūtā starpība pret iepriekšējā gada vērtību rādītāja mērvienībā; "
        "tukšs, ja kādā no gadiem datu nav.",
        "Absolute difference from the previous year's value, in the "
        "indicator's unit; empty when either year has no data.",
    ),
    "bench.trend_help": (
        "Vērtības pa gadiem līdz rādītajam gadam (katrai rindai sava skala).",
        "Values by year up to the year shown (each row on its own scale).",
    ),
    "bench.indicators_help": (
        "Noklusējumā: sānjoslā izvēlētais rādītājs un relatīvie rādītāji "
        "(līdz sešiem). Šī izvēle saitē netiek saglabāta.",
        "By default: the indicator chosen in the sidebar and the relative "
        "indicators (up to six). This choice is not kept in the link.",
    ),
    "bench.no_themes": (
        "Līdz {year}. gadam šo robežu pašvaldībām nav datu.",
        "No data for these boundaries up to {year}.",
    ),
    "bench.no_indicators": ("Izvēlieties vismaz vienu rādītāju.", "Choose at least one indicator."),
    "bench.choose_units": (
        "Izvēlieties salīdzināmās pašvaldības vai manu pašvaldību sānjoslā.",
        "Choose compared municipalities or your municipality in the sidebar.",
    ),
    "bench.my_outside": (
        "Mana pašvaldība ({name}) nav starp {label} pašvaldībām, tāpēc tabulā tās nav.",
        "My municipality ({name}) is not among the {label}, so it is not in the table.",
    ),
    "bench.rows_note": (
        "Vieta un procentile aprēķinātas starp {n} tabulas pašvaldībām; "
        "pašvaldībām bez datiem vietas nav.",
        "Rank and percentile are computed among the {n} municipalities in "
        "the table; those without data get no rank.",
    ),
    "bench.fallback": (
        "{year}. gadā datu nav rādītājiem: {names}. Rādīts jaunākais iepriekšējais "
        "gads (norādīts virsrakstā).",
        "No data in {year} for: {names}. The latest earlier year is shown (given in the header).",
    ),
    "bench.one_year": (
        "Rādītājiem ar viena gada datiem izmaiņu un tendences kolonnu nav.",
        "Indicators with data for a single year have no change or trend columns.",
    ),
    "bench.download_help": (
        "Tieši šī tabula (bez tendences līknēm): skaitļi bez formatējuma, mērvienības virsrakstos.",
        "Exactly this table (without the trend lines): plain numbers, units in the headers.",
    ),
    "bench.csv_help": (
        "Semikols starp laukiem un decimālkomats (Excel ar latviešu iestatījumiem), UTF-8.",
        "Comma-separated, decimal point, UTF-8.",
    ),
    "bench.sheet": ("Salīdzinājums", "Comparison"),
    "bench.sheet_sources": ("Avoti", "Sources"),
    "bench.sources": ("Avoti", "Sources"),
    "bench.retrieved": ("Iegūts", "Retrieved"),
    "bench.boundaries": (
        "CSP, VZD – vispārinātās robežas 1:1 200 000",
        "CSP, VZD – generalised boundaries 1:1 200 000",
    ),
    "bench.built": ("Datu bāze izveidota", "Database built"),
    "bench.file": ("salidzinajums", "comparison"),
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
    "profile.choose_hint": (
        "Izvēlieties “Mana pašvaldība” sānjoslā vai šeit, lai redzētu tās profilu.",
        "Choose “My municipality” in the sidebar, or here, to see its profile.",
    ),
    "profile.parishes_towns": ("Pagasti / pilsētas", "Parishes / towns"),
    "profile.population_year": ("Iedzīvotāji, {year}. g.", "Population, {year}"),
    "profile.region.LV003": ("Kurzeme", "Kurzeme"),
    "profile.region.LV005": ("Latgale", "Latgale"),
    "profile.region.LV006": ("Rīga", "Riga"),
    "profile.region.LV007": ("Pierīga", "Pierīga"),
    "profile.region.LV008": ("Vidzeme", "Vidzeme"),
    "profile.region.LV009": ("Zemgale", "Zemgale"),
    "profile.unverified": ("nepārbaudīts avots", "unverified source"),
    "profile.no_population": ("nav datu", "no data"),
    "profile.col_theme": ("Tēma", "Theme"),
    "profile.col_rank": ("Vieta grupā", "Rank in group"),
    "profile.col_percentile": ("Procentile", "Percentile"),
    "profile.col_band": ("Vērtējums", "Assessment"),
    "profile.percentile_help": (
        "100 – labākā vērtība grupā, 0 – sliktākā; neitrāliem rādītājiem netiek rādīta.",
        "100 = best in the group, 0 = worst; not shown for neutral indicators.",
    ),
    "profile.group_note": (
        "Vieta un procentile – salīdzināmajā grupā “{group}”, tā paša gada "
        "datos; 1. vieta – labākā vērtība. Neitrāliem rādītājiem (lielāka "
        "vērtība nav ne labāka, ne sliktāka) 1. vieta nozīmē lielāko vērtību, "
        "un procentile netiek rādīta, jo tā liktu domāt par vērtējumu.",
        "Rank and percentile are within the comparison group “{group}”, in "
        "the same year; rank 1 = best. For neutral indicators (more is "
        "neither better nor worse) rank 1 means the largest value and no "
        "percentile is shown, since it would suggest a judgement.",
    ),
    "profile.group_fallback": (
        "{name} nav grupā “{group}”, tāpēc salīdzināta ar visām pašvaldībām.",
        "{name} is not in the group “{group}”, so it is compared with all local governments.",
    ),
    "profile.positions_note": (
        "Tikai rādītāji ar vērtējumu (jo lielāks vai mazāks, jo labāk), "
        "kuros salīdzināmas vismaz {n} pašvaldības. Spēcīgākās – "
        "procentile 50 vai vairāk, vājākās – zem 50.",
        "Only indicators with a judgement (higher or lower is better) "
        "that compare at least {n} municipalities. Strongest: percentile "
        "50 or more; weakest: below 50.",
    ),
    "profile.none_strong": (
        "Nav rādītāju grupas augšējā pusē (nosacījumi – zemāk).",
        "No indicator in the upper half of the group (conditions below).",
    ),
    "profile.none_weak": (
        "Nav rādītāju grupas apakšējā pusē (nosacījumi – zemāk).",
        "No indicator in the lower half of the group (conditions below).",
    ),
    "profile.trends_note": (
        "Rādītāji, kuriem ir vairāku gadu dati. Zilā līnija – {name}, melnā "
        "pārtrauktā – Latvija (ja tās vērtība ir salīdzināmā mērogā); "
        "trūkstoši gadi parādīti kā pārtraukumi.",
        "Indicators with data for several years. Blue line: {name}; black "
        "dashed: Latvia (when its value is on a comparable scale); missing "
        "years are shown as gaps.",
    ),
    "profile.no_trends": (
        "Nevienam rādītājam nav vairāku gadu datu.",
        "No indicator has data for more than one year.",
    ),
    "profile.no_values": (
        "Šai pašvaldībai datu bāzē nav vērtību.",
        "The database has no values for this municipality.",
    ),
    "profile.link": ("saite", "link"),
    "profile.no_date": ("iegūšanas datums nav norādīts", "retrieval date not recorded"),
    "profile.derived_note": (
        "Aprēķināto rādītāju (piemēram, uz 1000 iedzīvotājiem) formulas ir "
        "lapā “Dati”; tie izmanto šo avotu datus.",
        "Derived indicators (e.g. per 1,000 residents) use these sources; "
        "their formulas are on the Data page.",
    ),
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
    "data.intro": (
        "Katrs skaitlis panelī nāk no šeit uzskaitītajiem avotiem; atvasinātie "
        "rādītāji aprēķināti pēc formulas datu bāzes būvēšanas laikā.",
        "Every figure in the dashboard comes from the sources listed here; derived "
        "indicators are computed from their formula when the database is built.",
    ),
    "data.versions": ("Robežu versijas", "Boundary versions"),
    "data.valid": ("Spēkā", "Valid"),
    "data.count": ("Vienību skaits", "Units"),
    "data.kind": ("Veids", "Kind"),
    "data.kind.source": ("no avota", "from a source"),
    "data.kind.derived": ("atvasināts", "derived"),
    "data.kind.geometry": ("no robežām", "from boundaries"),
    "data.of43": ("no 43", "of 43"),
    "data.retrieved": ("Iegūts", "Retrieved"),
    "data.same": ("Sakrīt ar citu avotu", "Same as another source"),
    "data.ignored": ("Neielādēts", "Not loaded"),
    "data.publisher": ("Izdevējs", "Publisher"),
    "data.title_col": ("Nosaukums", "Title"),
    "data.shown": ("Rādīti {n} no {total} rādītājiem.", "Showing {n} of {total} indicators."),
}


def t(key: str, lang: str, **values: object) -> str:
    """Text for `key` in `lang`, with {placeholders} filled."""
    lv, en = TEXT[key]
    text = en if lang == "en" else lv
    return text.format(**values) if values else text


def md_safe(text: str) -> str:
    """Stop Markdown from reading a leading "2024. gads" as a numbered list item."""
    return re.sub(r"^(\d+)\. ", r"\1\\. ", text)


def formula_text(formula: str, names: dict[str, str], lang: str) -> str:
    """A catalogue formula with indicator names instead of codes, for people."""

    def change(match: re.Match) -> str:
        name = names.get(match[1], match[1])
        return t("formula.pct_change", lang, years=match[2], name=name)

    text = re.sub(r"pct_change\((\w+),\s*(\d+)\)", change, formula)
    text = re.sub(r"\b[a-z][a-z0-9_]*\b", lambda m: names.get(m[0], m[0]), text)
    return text.replace("*", "×").replace("/", "÷")


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
