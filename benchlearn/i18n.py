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
    "nav.peers": ("Līdzīgās pašvaldības", "Similar municipalities"),
    "nav.indices": ("Indeksi", "Composite indices"),
    "nav.section_learn": ("Mācīties no citiem", "Learn from others"),
    "nav.section_analyse": ("Analītiķiem", "For analysts"),
    "lang.label": ("Valoda", "Language"),
    "sel.heading": ("Izvēle", "Selection"),
    "sel.not_here": (
        "Šī lapa neizmanto izvēli (rādītāju, gadu, pašvaldības, grupu); tā saglabājas citām lapām.",
        "This page does not use the selection (indicator, year, municipalities, group); it is "
        "kept for the other pages.",
    ),
    "sel.unused": (
        "Šī lapa neizmanto šos izvēles laukus: {fields}; tie saglabājas citām lapām.",
        "This page does not use these fields of the selection: {fields}; they are kept for "
        "the other pages.",
    ),
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
    "group.user": ("{name} (sava grupa)", "{name} (custom group)"),
    "group.user_default": ("Mana grupa", "My group"),
    "group.size_avg": (
        "Klase pēc iedzīvotāju skaita: {n} pašvaldības pēc vidējā gada iedzīvotāju skaita "
        "({years}. g., CSP IRS031).",
        "Size class by population: {n} by annual average population ({years}, CSP IRS031).",
    ),
    "group.size_start": (
        "Kam vidējā gada skaita nav (valstspilsētām), pēc iedzīvotāju skaita gada sākumā – "
        "šie dati ir daļēji: {units}.",
        "Where there is no annual average (the state cities), by population at the start of "
        "the year – these figures are partial: {units}.",
    ),
    "group.size_unverified": ("nepārbaudīts avots", "unverified source"),
    "group.size_constructed": (
        "Konstruēts (vidējais gada iedzīvotāju skaits saskaitīts no pašvaldībām pirms "
        "apvienošanas): {units}.",
        "Constructed (annual average population summed from the municipalities before their "
        "merger): {units}.",
    ),
    "group.size_none": (
        "Nevienā klasē (nav iedzīvotāju skaita): {names}.",
        "In no class (no population figure): {names}.",
    ),
    "notice.unknown": (
        "Saitē norādītā vērtība “{value}” ({field}) nav atpazīta un netika ņemta vērā.",
        "The link's value “{value}” ({field}) is not known and was ignored.",
    ),
    "notice.userdata": (
        "Saitē norādītais tīkls “{value}” ({field}) pašlaik nav pieejams, jo tīklu datu bāze "
        "neatbild; skats rādīts bez tā.",
        "The network “{value}” ({field}) named in the link is not available at the moment: "
        "the database of networks does not answer. The view is shown without it.",
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
    "field.ug": ("sava grupa", "custom group"),
    "field.view": ("skats", "view"),
    "field.tikls": ("tīkls", "network"),
    "field.deck": ("prezentācija", "presentation"),
    "field.slide": ("slaids", "slide"),
    "field.tendences": ("profila tendences", "profile trends"),
    "field.anon": ("anonimizēt", "anonymise"),
    "field.spot": ("izceltā pašvaldība", "municipality in the spotlight"),
    "field.timer": ("taimeris (minūtes)", "timer (minutes)"),
    "field.hide": ("slēpt iesniegtās vērtības", "hide contributed values"),
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
    "formula.first_of": (
        "{first} (kur tā nav: {rest})",
        "{first} (where there is none: {rest})",
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
        "Valstspilsētas iezīmētas ar biezu kontūru; nosaukums parādās, novietojot peli.",
        "State cities have a thick outline; hover to see the name.",
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
    "bench.gap": ("Starpība pret pārējo mediānu, {unit}", "Gap to the others' median, {unit}"),
    "bench.gap_help": (
        "Vērtība mīnus pārējo tabulas pašvaldību vērtību mediāna (ko sasniedz pārējā grupa), "
        "rādītāja mērvienībā; tukšs, ja vērtību ir mazāk nekā 3 pārējām.",
        "Value minus the median of the other municipalities in the table (what the rest of "
        "the group reaches), in the indicator's unit; empty when fewer than 3 others have a "
        "value.",
    ),
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
        "Vērtības pa gadiem līdz rādītajam gadam (katrai rindai sava skala; gads bez datiem "
        "pārtrauc līniju).",
        "Values by year up to the year shown (each row on its own scale; a year without data "
        "breaks the line).",
    ),
    "bench.sort_note": (
        "Klikšķis uz kolonnas virsraksta kārto tabulu; otrs – pretējā secībā, trešais atjauno "
        "sākotnējo secību.",
        "Click a column header to sort; click again for the reverse order, a third time for the "
        "original order.",
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
    "profile.trends_open": (
        "Tendences pa gadiem – rādītāji ar vairāku gadu datiem: {n}",
        "Trends by year – indicators with data for several years: {n}",
    ),
    "profile.sources": ("Avoti", "Sources"),
    "profile.latvia_value": ("Latvija", "Latvia"),
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
    "profile.no_population": ("nav datu", "no data"),
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
        "Spēcīgākās – līdz {limit} rādītājiem grupas labākajā ceturtdaļā, vājākās – līdz {limit} "
        "sliktākajā ceturtdaļā (vidējā puse netiek rādīta); tikai rādītāji ar vērtējumu, "
        "kuros salīdzināmas vismaz {n} pašvaldības.",
        "Strongest: up to {limit} indicators in the group's best quarter; weakest: up to "
        "{limit} in its worst quarter (the middle half is not listed); only indicators with "
        "a judgement that compare at least {n} municipalities.",
    ),
    "profile.none_strong": (
        "Nav rādītāju grupas labākajā ceturtdaļā (nosacījumi – zemāk).",
        "No indicator in the group's best quarter (conditions below).",
    ),
    "profile.none_weak": (
        "Nav rādītāju grupas sliktākajā ceturtdaļā (nosacījumi – zemāk).",
        "No indicator in the group's worst quarter (conditions below).",
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
    # expected value and gap (benchlearn.logic.gaps)
    "gap.pp": ("{value} procentpunktiem", "{value} percentage points"),
    "gap.higher.peers": (
        "par {amount} vairāk nekā līdzīgajās pašvaldībās",
        "{amount} higher than in similar municipalities",
    ),
    "gap.lower.peers": (
        "par {amount} mazāk nekā līdzīgajās pašvaldībās",
        "{amount} lower than in similar municipalities",
    ),
    "gap.higher.group": (
        "par {amount} vairāk nekā pārējās grupas pašvaldībās",
        "{amount} higher than in the rest of the group",
    ),
    "gap.lower.group": (
        "par {amount} mazāk nekā pārējās grupas pašvaldībās",
        "{amount} lower than in the rest of the group",
    ),
    "gap.higher.short": ("par {amount} vairāk", "{amount} higher"),
    "gap.lower.short": ("par {amount} mazāk", "{amount} lower"),
    "gap.same.peers": ("tāpat kā līdzīgajās pašvaldībās", "the same as in similar municipalities"),
    "gap.same.group": (
        "tāpat kā pārējās grupas pašvaldībās",
        "the same as in the rest of the group",
    ),
    "gap.same.short": ("tāpat", "the same"),
    "gap.too_few.peers": (
        "vērtība ir mazāk nekā {n} līdzīgajām pašvaldībām",
        "fewer than {n} similar municipalities have a value",
    ),
    "gap.too_few.group": (
        "vērtība ir mazāk nekā {n} pārējām grupas pašvaldībām",
        "fewer than {n} other group members have a value",
    ),
    "gap.too_few.short": ("–", "–"),
    "gap.better": ("labāk", "better"),
    "gap.worse": ("sliktāk", "worse"),
    "gap.col_expected.peers": ("Līdzīgās: mediāna (vidējā puse)", "Similar: median (middle half)"),
    "gap.col_expected.group": ("Grupa: mediāna (vidējā puse)", "Group: median (middle half)"),
    "gap.col_gap": ("Starpība pret mediānu", "Gap to the median"),
    "gap.table.peers": ("Pret līdzīgajām pašvaldībām", "Against similar municipalities"),
    "gap.table.group": ("Pret pārējo grupu", "Against the rest of the group"),
    "profile.tab_ranks": ("Vieta un procentile grupā", "Rank and percentile in the group"),
    "gap.col_words.peers": ("Pret līdzīgajām", "Against similar"),
    "gap.col_words.group": ("Pret pārējo grupu", "Against the rest of the group"),
    "gap.col_percentile": ("Procentile līdzīgo vidū", "Percentile among similar"),
    "gap.expected_help": (
        "Mediāna – vidū esošā līdzīgo pašvaldību vērtība tajā pašā gadā; "
        "vidējā puse – starp 1. un 3. kvartili.",
        "Median: the middle value of the similar municipalities in the same year; "
        "middle half: between the 1st and 3rd quartile.",
    ),
    "gap.gap_help": (
        "Vērtība mīnus mediāna, rādītāja mērvienībā; iekavās – procentos no mediānas.",
        "Value minus the median, in the indicator's unit; in brackets, in percent of the median.",
    ),
    "gap.note.peers": (
        "Līdzīgās pašvaldības (kā lapā “Līdzīgās pašvaldības” pēc noklusējuma): {names}. "
        "Izvēlieties salīdzināmo grupu, lai salīdzinātu ar to.",
        "Similar municipalities (as the page “Similar municipalities” shows by default): "
        "{names}. Choose a comparison group to compare with it instead.",
    ),
    "gap.note.group": (
        "Mediāna, vidējā puse un starpība – pret pārējām grupas “{group}” pašvaldībām.",
        "Median, middle half and gap: against the other members of the group “{group}”.",
    ),
    "gap.no_peers": (
        "Līdzīgās pašvaldības nevarēja atrast (trūkst strukturālo rādītāju).",
        "Similar municipalities could not be found (structural indicators are missing).",
    ),
    # from the gap to people
    "lead.title": ("Kas to dara labāk", "Who does it better"),
    "lead.intro.peers": (
        "Rādītāji, kuros {name} atpaliek no līdzīgajām pašvaldībām visvairāk (zemākā "
        "procentile), un labāk novietotā līdzīgā pašvaldība ar tās labajām praksēm un "
        "tīkliem, kas pie rādītāja strādā.",
        "Indicators on which {name} is furthest behind similar municipalities (lowest "
        "percentile), the best-placed similar municipality with its good practices, and the "
        "networks that work on the indicator.",
    ),
    "lead.intro.group": (
        "Rādītāji, kuros {name} atpaliek no pārējās grupas visvairāk, un labāk novietotā "
        "grupas pašvaldība ar tās labajām praksēm un tīkliem, kas pie rādītāja strādā.",
        "Indicators on which {name} is furthest behind the rest of the group, the "
        "best-placed member with its good practices, and the networks that work on the "
        "indicator.",
    ),
    "lead.none": (
        "Nav rādītāju, kuros pašvaldība būtu sliktāk nekā salīdzinājuma pašvaldības.",
        "No indicator on which the municipality does worse than those it is compared with.",
    ),
    "lead.best": ("Labāk novietotā: **{name}** ({value})", "Best placed: **{name}** ({value})"),
    "lead.practices": ("Tās labās prakses", "Its good practices"),
    "lead.others": ("Citu salīdzināmo labās prakses", "Good practices of the others compared"),
    "lead.no_practices": (
        "Bibliotēkā nav labo prakšu par šo rādītāju no salīdzināmajām pašvaldībām.",
        "The library has no good practices on this indicator from those compared.",
    ),
    "lead.networks": ("Tīkli, kas pie tā strādā", "Networks working on it"),
    "lead.coordinator": ("koordinators: {name}", "coordinator: {name}"),
    "lead.unavailable": (
        "Labās prakses un tīkli šobrīd nav pieejami (lietotāju datu glabātuve neatbild); "
        "starpības ir aprēķinātas.",
        "Good practices and networks are not available just now (the user-data store does not "
        "answer); the gaps are computed.",
    ),
    # council paper (benchlearn.paper)
    "paper.download": ("Lejupielādēt PDF domes sēdei", "Download PDF for the council"),
    "paper.download_help": (
        "Profils A4 formātā: galvenie fakti, spēcīgākās un vājākās pozīcijas ar starpībām, "
        "tendenču grafiki un avoti.",
        "The profile on A4: key facts, strongest and weakest positions with their gaps, "
        "trend charts and sources.",
    ),
    "paper.file": ("profils", "profile"),
    "paper.title": ("Pašvaldības profils", "Municipality profile"),
    "paper.built": (
        "Dati: datu bāze izveidota {when}. Sagatavots ar “Mācīties salīdzinot”.",
        "Data: database built {when}. Prepared with “Benchlearning”.",
    ),
    "paper.facts": ("Galvenie fakti", "Key facts"),
    "paper.col_indicator": ("Rādītājs", "Indicator"),
    "paper.col_value": ("Vērtība", "Value"),
    "paper.col_rank": ("Vieta", "Rank"),
    "paper.col_gap": ("Starpība", "Gap"),
    "paper.trends": ("Tendences", "Trends"),
    "paper.source": ("Avots: {source}", "Source: {source}"),
    "paper.sources": ("Avoti", "Sources"),
    "paper.page": ("{page}. lpp.", "Page {page}"),
    "paper.trend_legend": (
        "Zilā līnija – {name}, melnā pārtrauktā – Latvija.",
        "Blue line: {name}; black dashed: Latvia.",
    ),
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
    "data.fetch": ("Ielāde no CSP datubāzes", "Fetched from CSP's database"),
    "data.fetch_intro": (
        "Tabulas, kas ielādētas tieši no Centrālās statistikas pārvaldes datubāzes. Ja tā pati "
        "vērtība ir arī avota failā, paliek jaunāk iegūtā; atšķirības tiek reģistrētas.",
        "Tables pulled straight from the Central Statistical Bureau's database. Where a source "
        "file gives the same figure, the more recently retrieved one is kept; differences are "
        "logged.",
    ),
    "data.fetch_none": (
        "No CSP datubāzes tiešsaistē vēl nekas nav ielādēts.",
        "Nothing has been fetched from CSP's online database yet.",
    ),
    "data.fetched_at": ("Pēdējā ielāde", "Last fetched"),
    "data.fetch_time": ("Ielādes laiks", "Fetched at"),
    "data.table_updated": ("Tabula atjaunināta", "Table updated"),
    "data.added": ("Jaunas vērtības", "New values"),
    "data.changed": ("Mainītas vērtības", "Values changed"),
    "data.revisions_total": ("Izmaiņas kopā", "Changes logged"),
    "data.conflicts": ("Atšķiras no failiem", "Differ from files"),
    "data.mapping": ("Struktūra", "Structure"),
    "data.mapping.true": ("pārbaudīta", "verified"),
    "data.mapping.false": ("pārbaudīta ielādē", "checked on fetch"),
    "data.revisions": ("Mainītās vērtības", "Changed values"),
    "data.revisions_note": (
        "Vērtības, ko CSP pārskatījis kopš iepriekšējās ielādes (jaunākās vispirms).",
        "Values CSP revised since the previous fetch (newest first).",
    ),
    "data.old": ("Iepriekš", "Before"),
    "data.new": ("Tagad", "Now"),
    # Update from CSP (benchlearn.update_panel)
    "upd.title": ("Atjaunināt no CSP", "Update from CSP"),
    "upd.admins_can": (
        "Administratori pēc pierakstīšanās šeit var atjaunināt šīs tabulas no CSP datubāzes.",
        "Administrators can update these tables from CSP's database here, once signed in.",
    ),
    "upd.admins_only": (
        "Atjaunināt datus no CSP var tikai administratori.",
        "Only administrators can update the data from CSP.",
    ),
    "upd.verified": ("pārbaudīta", "verified"),
    "upd.unverified": ("nepārbaudīta", "unverified"),
    "upd.grade": ("pakāpe {grade}", "grade {grade}"),
    "upd.tables": ("Tabulas", "Tables"),
    "upd.tables_placeholder": ("Izvēlieties tabulas", "Choose tables"),
    "upd.tables_help": (
        "Pakāpe: cik labi pierādīta tabulas struktūra (A — redzēta CSP eksportā, B — citu "
        "veiksmīgā vaicājumā, U — daļa kodu secināta). Katras tabulas struktūru salīdzina ar "
        "CSP pirms jebkādu datu lejupielādes.",
        "Grade: how well the table's structure is evidenced (A: seen in a CSP export, B: in "
        "someone else's successful query, U: some codes inferred). Every table's structure is "
        "compared with CSP's before any data are downloaded.",
    ),
    "upd.dry_run": ("Izmēģināt: parādīt, kas mainītos", "Dry run: show what would change"),
    "upd.busy": (
        "Atjaunināšanu jau veic {who} (sākta {when}). Vienlaikus var notikt tikai viena; "
        "pagaidiet, līdz tā beidzas.",
        "An update started by {who} at {when} is running. Only one can run at a time; wait "
        "for it to finish.",
    ),
    "upd.nothing_to_apply": (
        "Izmēģinājuma vairs nav (cits administrators to jau apstiprināja vai atmeta). "
        "Sāciet jaunu.",
        "There is no dry run to apply any more (another administrator applied or discarded "
        "it). Start a new one.",
    ),
    "upd.kind.plan": ("Izmēģinājums", "Dry run"),
    "upd.kind.apply": ("Atjaunināšana", "Update"),
    "upd.running": (
        "{kind} notiek — sāka {who}, {when}. Citas lapas un citi lietotāji var strādāt tālāk.",
        "{kind} in progress — started by {who}, {when}. Other pages and other people can carry on.",
    ),
    "upd.phase.metadata": ("pārbauda tabulu struktūru", "checking the tables' structure"),
    "upd.phase.data": ("lejupielādē datus", "downloading data"),
    "upd.phase.merge": ("ielādē datubāzē", "merging into the database"),
    "upd.overall": ("Tabulas: {done} no {n} — {phase}", "Tables: {done} of {n} — {phase}"),
    "upd.table.waiting": ("{table}: gaida", "{table}: waiting"),
    "upd.table.metadata": ("{table}: pārbauda struktūru", "{table}: checking its structure"),
    "upd.table.checked": (
        "{table}: struktūra atbilst, gaida lejupielādi",
        "{table}: structure matches, waiting to download",
    ),
    "upd.table.data": (
        "{table}: pieprasījumi {done} no {planned}",
        "{table}: requests {done} of {planned}",
    ),
    "upd.table.done": (
        "{table}: lejupielādēta ({done} no {planned} pieprasījumiem)",
        "{table}: downloaded ({done} of {planned} requests)",
    ),
    "upd.applied": (
        "Atjaunināts {when}: {tables} — {values} vērtības, no tām {added} jaunas, {changed} "
        "pārskatītas. Panelis tās jau rāda.",
        "Updated {when}: {tables} — {values} values, {added} of them new, {changed} revised. "
        "The dashboard shows them now.",
    ),
    "upd.plan_title": ("Izmēģinājums: kas mainītos", "Dry run: what would change"),
    "upd.plan_intro": (
        "Izmēģināja {who}, {when}. Nekas vēl nav mainīts.",
        "Run by {who}, {when}. Nothing has been changed yet.",
    ),
    "upd.col.values": ("Vērtības CSP", "Values at CSP"),
    "upd.col.added": ("Jaunas vērtības", "New values"),
    "upd.col.changed": ("Pārskatītas", "Revised"),
    "upd.col.removed": ("Atsauktas", "Withdrawn"),
    "upd.col.new_indicators": ("Jauni rādītāji", "New indicators"),
    "upd.col.change": ("Iepriekš → tagad", "Old → new"),
    "upd.col.time": ("Laiks", "Time"),
    "upd.col.who": ("Kas", "Who"),
    "upd.col.kind": ("Darbība", "Action"),
    "upd.col.tables": ("Tabulas", "Tables"),
    "upd.col.outcome": ("Rezultāts", "Outcome"),
    "upd.plan_nothing": (
        "Nekas nemainītos: CSP dati sakrīt ar jau ielādētajiem.",
        "Nothing would change: CSP's figures match those already loaded.",
    ),
    "upd.revisions": ("**Pārskatītās vērtības** ({n}):", "**Revised values** ({n}):"),
    "upd.withdrawn": ("atsaukta", "withdrawn"),
    "upd.apply_note": (
        "“Apstiprināt un atjaunināt” lejupielādē šīs tabulas vēlreiz un ielādē datubāzē visas "
        "kopā vai nevienu: ja kaut kas neizdodas, paliek iepriekšējie dati.",
        "“Apply” downloads these tables again and loads them into the database all together "
        "or not at all: if anything fails, the previous data stay.",
    ),
    "upd.apply": ("Apstiprināt un atjaunināt", "Apply"),
    "upd.discard": ("Atmest", "Discard"),
    "upd.err.unreachable": (
        "{kind} apstājās: CSP datubāze nav sasniedzama. Pārbaudiet servera interneta "
        "savienojumu (vai iestatījumu BENCHLEARN_PXWEB_URL) un mēģiniet vēlreiz vēlāk.",
        "{kind} stopped: CSP's database cannot be reached. Check the server's internet "
        "connection (or the BENCHLEARN_PXWEB_URL setting) and try again later.",
    ),
    "upd.err.mismatch": (
        "{kind} apstājās: CSP tabula {table} vairs neatbilst aprakstam (dimensija {dimension}, "
        "kods {codes}). Palaidiet `python -m benchlearn fetch --check` un izlabojiet "
        "data/pxweb_tables.toml vai izvēlieties citas tabulas.",
        "{kind} stopped: CSP's table {table} no longer matches its mapping (dimension "
        "{dimension}, code {codes}). Run `python -m benchlearn fetch --check` and correct "
        "data/pxweb_tables.toml, or choose other tables.",
    ),
    "upd.err.unknown_code": (
        "{kind} apstājās: CSP tabula {table} dod kodu, ko datubāze nepazīst ({codes}). "
        "Palaidiet `python -m benchlearn fetch --check` un izlabojiet data/pxweb_tables.toml "
        "vai izvēlieties citas tabulas.",
        "{kind} stopped: CSP's table {table} gives a code the database does not know "
        "({codes}). Run `python -m benchlearn fetch --check` and correct "
        "data/pxweb_tables.toml, or choose other tables.",
    ),
    "upd.err.rate_limited": (
        "{kind} apstājās: CSP ierobežo pieprasījumu skaitu. Pagaidiet dažas minūtes un "
        "mēģiniet vēlreiz.",
        "{kind} stopped: CSP is limiting requests. Wait a few minutes and try again.",
    ),
    "upd.err.service": (
        "{kind} apstājās: CSP datubāze atbildēja ar kļūdu. Mēģiniet vēlreiz vēlāk; sīkāk zemāk.",
        "{kind} stopped: CSP's database answered with an error. Try again later; details below.",
    ),
    "upd.err.other": (
        "{kind} apstājās (sīkāk zemāk). Ja tas atkārtojas, nosūtiet šo informāciju izstrādātājiem.",
        "{kind} stopped (details below). If it happens again, send the details to the developers.",
    ),
    "upd.err.unchanged": ("Nekas netika mainīts.", "Nothing was changed."),
    "upd.err.details": ("Sīkāk", "Details"),
    "upd.history": ("Pēdējās atjaunināšanas", "Recent updates"),
    "upd.outcome.planned": ("izmēģināts", "dry run done"),
    "upd.outcome.applied": ("atjaunināts", "applied"),
    "upd.outcome.failed": ("apstājās", "stopped"),
    "upd.last_log": ("Pēdējās reizes žurnāls", "Last run's log"),
    "data.cov_title": ("Pārklājums pa gadiem", "Coverage by year"),
    "data.cov_intro": (
        "Katram rādītājam un gadam: cik izvēlēto robežu vienībām ir vērtība un kāda tā ir. "
        "Katra vērtība ir vienā klasē: konstruēta, noapaļota vai no nepārbaudīta avota "
        "(šādā secībā) – arī tad, ja tā aprēķināta; aprēķināta – no oficiālās statistikas.",
        "For each indicator and year: how many units of the chosen boundaries have a value, "
        "and what kind. Each value is in one class: constructed, rounded or from an "
        "unverified source (in this order) – also when it is computed; computed – from "
        "official statistics.",
    ),
    "data.cov_with_value": ("Ar vērtību (no {n})", "With a value (of {n})"),
    "data.cov_none": (
        "Šajās robežās nav neviena vērtība.",
        "There are no values on these boundaries.",
    ),
    "data.cov.reported": ("Oficiāla statistika", "Official statistics"),
    "data.cov.computed": ("Aprēķinātas", "Computed"),
    "data.cov.constructed": ("Konstruētas", "Constructed"),
    "data.cov.rounded": ("Noapaļotas", "Rounded"),
    "data.cov.unverified": ("Nepārbaudītas", "Unverified"),
    "data.cov.contributed": ("Pašvaldību iesniegtas", "Contributed"),
    "data.harm_title": (
        "Saskaņošana ar šodienas pašvaldībām",
        "Harmonisation to today's municipalities",
    ),
    "data.harm_intro": (
        "Vērtības no laika pirms reformas šodienas vienībām (119 pašvaldības pirms "
        "01.07.2021. 43 pašvaldībām; Madonas un Varakļānu novads pirms 01.07.2025. apvienotajam "
        "Madonas novadam), tikai saskaitāmiem rādītājiem (skaiti, platības, garumi): "
        "konstruētas (saskaitītas no visām daļām), daļējas (kādai daļai nav vērtības, tāpēc "
        "vērtība nav konstruēta) vai nesaskaņojamas (pašvaldība pirms reformas sadalīta starp "
        "vairākām šodienas vienībām).",
        "Values from before a reform for today's units (the 119 municipalities before "
        "01.07.2021 for the 43; Madona and Varakļāni before 01.07.2025 for the merged Madona), "
        "for additive indicators only (counts, areas, lengths): constructed (summed from all "
        "the parts), partial (some part has no value, so none was constructed) or not "
        "harmonisable (a municipality before the reform was split between several of today's "
        "units).",
    ),
    "data.harm.constructed": ("Konstruētas", "Constructed"),
    "data.harm.partial": ("Daļējas", "Partial"),
    "data.harm.split": ("Sadalītas, nesaskaņojamas", "Split, not harmonisable"),
    "data.harm_partial": ("Daļējās: kā trūkst", "Partial: what is missing"),
    "data.harm_missing": ("Trūkst", "Missing"),
    "data.harm_parts": ("Sastāvdaļas", "Parts"),
    "data.harm_none": (
        "Nav nevienas saskaņotas vērtības.",
        "No values have been harmonised.",
    ),
    "data.harm_no_partial": ("Daļēju vērtību nav.", "There are no partial values."),
    "data.city_population": (
        "Valstspilsētu iedzīvotāju skaits pirms {year}. gada ir nepilnīgs – šo gadu skaitļu "
        "nav. {items}.",
        "State-city population figures before {year} are incomplete – there is no figure for "
        "these years. {items}.",
    ),
    "data.city_population_complete": (
        "Visām valstspilsētām ir iedzīvotāju skaits visos gados pirms {year}. gada.",
        "Every state city has population figures for every year before {year}.",
    ),
    # the status of a value (benchlearn.logic.flags)
    "flags.reported": ("oficiāla statistika", "official statistics"),
    "flags.derived": ("aprēķināts", "computed"),
    "flags.basis": (
        "aprēķināts ar «{code}», jo pirmās izvēles vērtības šai vienībai un gadam nav",
        "computed with «{code}», as the first choice has no value for this unit and year",
    ),
    "flags.basis.population_start_of_year": (
        "uz iedzīvotāju skaitu gada sākumā (vidējā gada iedzīvotāju skaita šai vienībai un "
        "gadam nav)",
        "on the population at the beginning of the year (no annual average population for "
        "this unit and year)",
    ),
    "flags.constructed": (
        "konstruēts (saskaitīts no pašvaldībām pirms reformas)",
        "constructed (summed from the municipalities before the reform)",
    ),
    "flags.rounded": ("noapaļots, kā publicēts", "rounded as published"),
    "flags.unverified": ("nepārbaudīts avots", "unverified source"),
    "flags.contributed": (
        "pašvaldības iesniegts, nav oficiāla statistika",
        "contributed by the municipality, not official statistics",
    ),
    "flags.contributed_on": (
        "pašvaldības iesniegts, apstiprināts {date}; nav oficiāla statistika",
        "contributed by the municipality, approved {date}; not official statistics",
    ),
    "flags.column": ("Statuss", "Status"),
    "flags.column_of": ("{name}: statuss", "{name}: status"),
    "flags.legend": ("Apzīmējumi", "Marks"),
    # explorer (pages/explorer.py)
    "nav.explore": ("Izpēte", "Explore"),
    "field.kind": ("pašvaldības veids", "kind of unit"),
    "field.reg": ("statistiskais reģions", "statistical region"),
    "field.pmin": ("iedzīvotāju skaits no", "population from"),
    "field.pmax": ("iedzīvotāju skaits līdz", "population up to"),
    "field.thr": ("slieksnis", "threshold"),
    "field.cols": ("kolonnas", "columns"),
    "field.sx": ("X ass rādītājs", "x-axis indicator"),
    "field.sy": ("Y ass rādītājs", "y-axis indicator"),
    "field.lx": ("logaritmiskā X ass", "logarithmic x-axis"),
    "field.ly": ("logaritmiskā Y ass", "logarithmic y-axis"),
    "explore.title": ("Izpēte", "Explore"),
    "explore.intro": (
        "Atlasiet pašvaldības ar filtriem, salīdziniet divus rādītājus izkliedes diagrammā, "
        "skatiet sadalījumu un izmaiņas pa gadiem. Katru skatu var lejupielādēt; filtri "
        "saglabājas saitē. Rādītāji – {year}. gada vai jaunākie iepriekšējie dati.",
        "Select local governments with filters, compare two indicators in a scatter plot, "
        "see the distribution and the change over years. Every view can be downloaded; the "
        "filters are kept in the link. Indicators: {year} or the latest earlier data.",
    ),
    "explore.filters": ("Filtri", "Filters"),
    "explore.group_note": (
        "Sākumpunkts – salīdzināmā grupa “{group}” (to maina sānjoslā).",
        "Starting point: the comparison group “{group}” (change it in the sidebar).",
    ),
    "explore.kind": ("Veids", "Kind"),
    "explore.region": ("Statistiskais reģions", "Statistical region"),
    "explore.all": ("Visi", "All"),
    "explore.any": ("jebkāds", "any"),
    "explore.pmin": ("Iedzīvotāji no", "Population from"),
    "explore.pmax": ("Iedzīvotāji līdz", "Population up to"),
    "explore.population_help": (
        "Pēc rādītāja “{name}” ({year}. g.). Pašvaldības bez šī skaitļa, ja robeža ir "
        "norādīta, tiek izslēgtas un nosauktas zem filtriem.",
        "By “{name}” ({year}). Local governments without this figure are left out when a "
        "limit is set, and are named below the filters.",
    ),
    "explore.population_none": (
        "Šīm robežām un gadam iedzīvotāju skaita datu nav.",
        "There are no population figures for these boundaries and year.",
    ),
    "explore.population_range": (
        "{name}: {low}–{high}",
        "{name}: {low}–{high}",
    ),
    "explore.thresholds": ("Sliekšņi", "Thresholds"),
    "explore.no_thresholds": ("Nav sliekšņu", "No thresholds"),
    "explore.thresholds_help": (
        "Paliek pašvaldības, kas atbilst visiem sliekšņiem; pašvaldība bez vērtības "
        "neatbilst. Noņemiet slieksni ar ×.",
        "The local governments that meet every threshold remain; one without a value does "
        "not meet it. Remove a threshold with ×.",
    ),
    "explore.threshold_indicator": ("Slieksnis: rādītājs", "Threshold: indicator"),
    "explore.threshold_op": ("Salīdzinājums", "Comparison"),
    "explore.threshold_value": ("Vērtība ({unit})", "Value ({unit})"),
    "explore.threshold_placeholder": ("skaitlis", "a number"),
    "explore.add": ("Pievienot", "Add"),
    "explore.threshold_incomplete": (
        "Lai pievienotu slieksni, ievadiet skaitli.",
        "Enter a number to add a threshold.",
    ),
    "explore.threshold_max": (
        "Var norādīt ne vairāk kā {n} sliekšņus.",
        "At most {n} thresholds can be set.",
    ),
    "explore.columns": ("Papildu kolonnas tabulā", "Extra columns in the table"),
    "explore.columns_placeholder": ("Izvēlieties rādītājus", "Choose indicators"),
    "explore.clear": ("Notīrīt filtrus", "Clear filters"),
    "explore.start": ("{n} pašvaldības", "{n} local governments"),
    "explore.units_total": ("Pašvaldības robežās", "Local governments in the boundaries"),
    "explore.left": ("paliek {n}", "{n} remain"),
    "explore.no_data_out": (
        "Izslēgtas datu trūkuma dēļ ({what}): {names}.",
        "Left out for lack of data ({what}): {names}.",
    ),
    "explore.range_reversed": (
        "Iedzīvotāju skaita apakšējā robeža ir lielāka par augšējo, tāpēc neviena pašvaldība "
        "neatbilst.",
        "The lower population limit is above the upper one, so no local government matches.",
    ),
    "explore.none_left": (
        "Filtriem neatbilst neviena pašvaldība. Mainiet vai notīriet filtrus.",
        "No local government matches the filters. Change or clear them.",
    ),
    "explore.table": ("Atlasītās pašvaldības ({n})", "Selected local governments ({n})"),
    "explore.my_first": (
        "Mana pašvaldība – pirmajā rindā, iekrāsota.",
        "My municipality is in the first row, highlighted.",
    ),
    "explore.download_help": (
        "Tieši šī tabula: tās pašas rindas un kolonnas, skaitļi bez formatējuma, "
        "mērvienības virsrakstos; Excel failā – avoti, iegūšanas datumi un filtri.",
        "Exactly this table: the same rows and columns, plain numbers, units in the "
        "headers; the Excel file adds sources, retrieval dates and the filters.",
    ),
    "explore.sheet": ("Izpēte", "Explore"),
    "explore.file": ("izpete", "explore"),
    "explore.downloaded": ("Lejupielādēts", "Downloaded"),
    "explore.png": ("Lejupielādēt PNG", "Download PNG"),
    "explore.png_scatter": ("{y} un {x}", "{y} vs {x}"),
    "explore.not_here": (
        "Šajās robežās nav, tāpēc filtrā neņemts vērā: {names}.",
        "Not in these boundaries, so left out of the filter: {names}.",
    ),
    "explore.scatter": ("Izkliedes diagramma", "Scatter plot"),
    "explore.x": ("X ass", "x-axis"),
    "explore.y": ("Y ass", "y-axis"),
    "explore.log_x": ("Logaritmiskā X ass", "Logarithmic x-axis"),
    "explore.log_y": ("Logaritmiskā Y ass", "Logarithmic y-axis"),
    "explore.other_units": ("Citas pašvaldības", "Other local governments"),
    "explore.scatter_empty": (
        "Atlasītajām pašvaldībām nav abu rādītāju vērtību.",
        "The selected local governments have no values for both indicators.",
    ),
    "explore.fit": ("Regresijas taisne", "Fitted line"),
    "explore.no_fit": (
        "nav aprēķināma (vajag vismaz 3 punktus ar dažādām X vērtībām)",
        "cannot be computed (it needs at least 3 points with different x values)",
    ),
    "explore.fit_note": (
        "Taisne – mazāko kvadrātu metode attēlotajā skalā (logaritmiskā skalā – pēc "
        "log₁₀); R² – cik lielu daļu Y izkliedes tā izskaidro. Sakarība nenozīmē cēloni.",
        "Least-squares line in the scale shown (log₁₀ on a logarithmic axis); R² is the "
        "share of the spread in y it explains. Association is not causation.",
    ),
    "explore.scatter_hint": (
        "Noklikšķiniet uz punkta, lai pašvaldību izvēlētos salīdzināšanai (Shift+klikšķis – "
        "vairākas); izvēlētās ir iezīmētas ar nosaukumu.",
        "Click a dot to choose that local government for comparison (Shift+click for more); "
        "chosen ones are labelled.",
    ),
    "explore.clear_pick": ("Notīrīt izvēlētās pašvaldības", "Clear the chosen municipalities"),
    "explore.latvia_missing": (
        "Latvijas vērtības abiem rādītājiem nav, tāpēc tā nav atzīmēta.",
        "Latvia has no value for both indicators, so it is not marked.",
    ),
    "explore.latvia_off": (
        "Latvijas kopējā vērtība ir citā mērogā nekā pašvaldību vērtības, tāpēc nav atzīmēta.",
        "Latvia's total is on another scale than the local governments' values, so it is "
        "not marked.",
    ),
    "explore.left_out": (
        "Bez abām vērtībām, tāpēc nav attēlotas ({n}): {names}.",
        "Without both values, so not shown ({n}): {names}.",
    ),
    "explore.left_out_log": (
        "Bez abām vērtībām vai ar vērtību ≤ 0 (logaritmiskā skalā), tāpēc nav attēlotas "
        "({n}): {names}.",
        "Without both values or with a value ≤ 0 (logarithmic scale), so not shown ({n}): {names}.",
    ),
    "explore.distribution": ("Sadalījums: {name}", "Distribution: {name}"),
    "explore.no_values": (
        "Atlasītajām pašvaldībām rādītāja “{name}” vērtību nav.",
        "The selected local governments have no values of “{name}”.",
    ),
    "explore.box_summary": (
        "Mediāna {median}; puse pašvaldību no {q1} līdz {q3}; mazākā {low}, lielākā {high}; "
        "pašvaldības ar datiem: {n}.",
        "Median {median}; half of the local governments between {q1} and {q3}; smallest "
        "{low}, largest {high}; with data: {n}.",
    ),
    "explore.box_note": (
        "Kaste – vidējā puse pašvaldību (no 1. līdz 3. kvartilei), svītra tajā – mediāna, "
        "līnijas – līdz mazākajai un lielākajai vērtībai; katrs punkts – viena pašvaldība.",
        "The box holds the middle half of the local governments (first to third quartile), "
        "the bar in it is the median, the lines reach the smallest and largest value; each "
        "dot is one local government.",
    ),
    "explore.my_value": ("{name}: {value}.", "{name}: {value}."),
    "explore.multiples": ("Pa gadiem: {name}", "Over the years: {name}"),
    "explore.one_year": (
        "Rādītājam “{name}” atlasītajām pašvaldībām ir tikai viena gada dati.",
        "“{name}” has data for one year only for the selected local governments.",
    ),
    "explore.shared_scale": ("Visiem grafikiem viena skala", "One scale for all panels"),
    "explore.multiples_note": (
        "Viens grafiks katrai pašvaldībai ({unit}); trūkstoši gadi – pārtraukumi.",
        "One panel per local government ({unit}); missing years are gaps.",
    ),
    "explore.no_series": ("Nav datu: {names}.", "No data: {names}."),
    "explore.facets_cut": (
        "Rādītas pirmās {n} no {total} pašvaldībām.",
        "The first {n} of {total} local governments are shown.",
    ),
    # map snapshot
    "map.download_png": ("Lejupielādēt karti (PNG)", "Download the map (PNG)"),
    "map.png_help": (
        "Karte ar leģendu un avotu prezentācijām; attēls tiek veidots serverī.",
        "The map with its legend and source, for slides; drawn on the server.",
    ),
    # bounds on downloads (benchlearn.limits), shown under the download button
    "limits.render_busy": (
        "Serveris pašlaik zīmē citus attēlus (ne vairāk kā {n} reizē). Mēģiniet vēlreiz pēc brīža.",
        "The server is drawing other images (at most {n} at a time). Try again in a moment.",
    ),
    "limits.render_session": (
        "Jūsu iepriekšējais attēls vēl tiek zīmēts; nākamo var lejupielādēt, kad tas būs gatavs.",
        "Your previous image is still being drawn; download the next one when it is ready.",
    ),
    "limits.export_rows": (
        "Tabulā ir {rows} rindu, bet lejupielādē var būt ne vairāk kā {n}. Sašauriniet atlasi.",
        "The table has {rows} rows, but a download may have at most {n}. Narrow the selection.",
    ),
    # SQL console (pages/console.py)
    "nav.sql": ("SQL", "SQL"),
    "sql.title": ("SQL vaicājumi", "SQL console"),
    "sql.intro": (
        "Analītiķiem: viens SELECT vaicājums datu bāzei tikai lasīšanai. Ne vairāk kā "
        "{rows} rindas, {seconds} sekundes un {memory} MB atmiņas; failus, paplašinājumus "
        "un izmaiņas datu bāzē izmantot nevar.",
        "For analysts: one SELECT query against the database, read-only. At most {rows} "
        "rows, {seconds} seconds and {memory} MB of memory; files, extensions and changes to "
        "the database are not available.",
    ),
    "sql.tables": (
        "Galvenās tabulas: observations (vērtības: unit_id, indicator, year, value, "
        "source_title, retrieved), units (teritorijas un kodi), unit_versions (robežu "
        "versijas), indicators (rādītāju katalogs), sources (avota faili). Pirmais piemērs "
        "parāda visas kolonnas.",
        "Main tables: observations (values: unit_id, indicator, year, value, source_title, "
        "retrieved), units (territories and codes), unit_versions (boundary versions), "
        "indicators (the catalogue), sources (source files). The first example lists every "
        "column.",
    ),
    "sql.example": ("Piemērs", "Example"),
    "sql.use_example": ("Ielikt piemēru", "Use the example"),
    "sql.query": ("Vaicājums", "Query"),
    "sql.run": ("Izpildīt", "Run"),
    "sql.rows": (
        "{n} rindas, {seconds} s.",
        "{n} rows, {seconds} s.",
    ),
    "sql.truncated": (
        "Rādītas pirmās {n} rindas; vaicājums atgrieztu vairāk. Sašauriniet to ar WHERE vai LIMIT.",
        "The first {n} rows are shown; the query returns more. Narrow it with WHERE or LIMIT.",
    ),
    "sql.file": ("vaicajums", "query"),
    "sql.err.empty": ("Ievadiet vaicājumu.", "Enter a query."),
    "sql.err.too_long": (
        "Vaicājums ir par garu ({detail} rakstzīmes; atļauts {limit}).",
        "The query is too long ({detail} characters; {limit} allowed).",
    ),
    "sql.err.invisible": (
        "Vaicājumā ir neredzama vai vadības rakstzīme {detail} (rinda:kolonna). Izdzēsiet to.",
        "The query contains an invisible or control character {detail} (line:column). Delete it.",
    ),
    "sql.err.non_ascii": (
        "Ārpus pēdiņām atļautas tikai latīņu rakstzīmes; atrasta {detail} (rinda:kolonna). "
        "Teksta vērtības lieciet 'vienpēdiņās', nosaukumus ar garumzīmēm – \"pēdiņās\".",
        "Outside quotes only plain Latin characters are allowed; found {detail} "
        "(line:column). Put text values in 'single quotes' and names with accents in "
        '"double quotes".',
    ),
    "sql.err.syntax": ("Sintakses kļūda: {detail}", "Syntax error: {detail}"),
    "sql.err.multiple": (
        "Atļauts tikai viens vaicājums; atrasti {detail}.",
        "Only one statement is allowed; found {detail}.",
    ),
    "sql.err.not_select": (
        "Atļauti tikai SELECT vaicājumi (arī WITH, DESCRIBE, SHOW, SUMMARIZE); šis ir {detail}.",
        "Only SELECT queries are allowed (also WITH, DESCRIBE, SHOW, SUMMARIZE); this is {detail}.",
    ),
    "sql.err.denied": (
        "Liegts: konsole nevar lasīt failus, saites vai paplašinājumus. ({detail})",
        "Refused: the console cannot read files, URLs or extensions. ({detail})",
    ),
    "sql.err.timeout": (
        "Vaicājums apturēts pēc {detail} sekundēm. Sašauriniet to.",
        "The query was stopped after {detail} seconds. Narrow it down.",
    ),
    "sql.err.memory": (
        "Vaicājums apturēts: tam vajag vairāk atmiņas, nekā konsolei atļauts ({detail} MB). "
        "Sašauriniet to: mazāk rindu, kolonnu vai īsāki teksti.",
        "The query was stopped: it needs more memory than the console allows ({detail} MB). "
        "Narrow it down: fewer rows, fewer columns or shorter texts.",
    ),
    "sql.err.too_big": (
        "Rezultāts ir par lielu, lai to parādītu (vairāk nekā {detail} MB). Atlasiet mazāk "
        "kolonnu vai īsākus tekstus.",
        "The result is too large to show (more than {detail} MB). Select fewer columns or "
        "shorter texts.",
    ),
    "sql.err.crashed": (
        "Vaicājums apturēja konsoles darba procesu ({detail}); visticamāk tam vajag vairāk "
        "atmiņas, nekā atļauts. Sašauriniet to.",
        "The query brought down the console's worker process ({detail}); most likely it needs "
        "more memory than allowed. Narrow it down.",
    ),
    "sql.err.read_only": (
        "Vaicājums mēģina mainīt datus, bet konsole ir tikai lasīšanai. ({detail})",
        "The query tries to change data, but the console is read-only. ({detail})",
    ),
    "sql.err.busy": (
        "Konsole jau izpilda {detail} vaicājumus; mēģiniet pēc brīža.",
        "The console is already running {detail} queries; try again in a moment.",
    ),
    "sql.err.failed": ("Vaicājums neizdevās: {detail}", "The query failed: {detail}"),
    "sql.err.no_database": (
        "Datu bāze nav atrasta ({detail}).",
        "The database was not found ({detail}).",
    ),
    # composite indices (pages/indices.py)
    "idx.title": ("Salikts indekss", "Composite index"),
    "idx.intro": (
        "Salikts indekss ir standartizēto rādītāju svērtā summa: katru rādītāju izsaka "
        "standartnovirzēs no visu pašvaldību vidējā (z vērtība; “jo mazāks, jo labāk” "
        "rādītājiem zīme apgriezta, lai labāk vienmēr būtu vairāk), reizina ar svaru un "
        "saskaita. 0 – vidējais līmenis. Pašvaldībai, kurai trūkst kāda rādītāja, indeksu "
        "neaprēķina. Svarus un rādītājus var mainīt tabulā.",
        "A composite index is a weighted sum of standardised indicators: each indicator is "
        "expressed in standard deviations from the mean of all local governments (z-score; "
        "turned round for lower-is-better indicators, so better is always more), multiplied "
        "by its weight and added up. 0 is the average level. A unit missing any indicator "
        "gets no index. Edit the indicators and weights in the table.",
    ),
    "idx.preset": ("Sagatave", "Preset"),
    "idx.preset.vraa": (
        "VRAA teritorijas attīstības indekss",
        "VRAA territorial development index",
    ),
    "idx.preset.example": ("Piemērs no pieejamajiem datiem", "Example from available data"),
    "idx.not_in_db": ("nav datu bāzē", "not in the database"),
    "idx.vraa.businesses_per_1000": (
        "Ekonomiski aktīvie uzņēmumi uz 1000 iedzīvotājiem",
        "Economically active businesses per 1,000 residents",
    ),
    "idx.vraa.pit_per_capita": (
        "Iedzīvotāju ienākuma nodoklis uz vienu iedzīvotāju",
        "Personal income tax per capita",
    ),
    "idx.vraa.unemployment_rate": ("Bezdarba līmenis", "Unemployment rate"),
    "idx.vraa.needy_share_pct": ("Trūcīgo personu īpatsvars", "Share of needy persons"),
    "idx.vraa.natural_increase_per_1000": (
        "Dabiskais pieaugums uz 1000 iedzīvotājiem",
        "Natural increase per 1,000 residents",
    ),
    "idx.vraa.net_migration_per_1000": (
        "Migrācijas saldo uz 1000 iedzīvotājiem",
        "Net migration per 1,000 residents",
    ),
    "idx.vraa.crime_per_1000": (
        "Reģistrētie noziedzīgie nodarījumi uz 1000 iedzīvotājiem",
        "Registered crimes per 1,000 residents",
    ),
    "idx.vraa.old_age_dependency": (
        "Demogrāfiskā slodze (pēc darbspējas vecuma)",
        "Old-age dependency ratio",
    ),
    "idx.problem_duplicate": (
        "Rādītājs “{name}” norādīts vairākkārt; izmantota pirmā rinda.",
        "“{name}” is listed more than once; its first row is used.",
    ),
    "idx.problem_weight": (
        "Rādītāja “{name}” svaram jābūt skaitlim no 0 līdz 100; rinda netiek izmantota.",
        "The weight of “{name}” must be a number from 0 to 100; the row is not used.",
    ),
    "idx.problem_direction": (
        "Rādītājam “{name}” jāizvēlas virziens (jo lielāks vai jo mazāks, jo labāk).",
        "Choose a direction for “{name}” (higher or lower is better).",
    ),
    "idx.components": ("Indeksa sastāvdaļas", "What the index is made of"),
    "idx.col_weight": ("Svars", "Weight"),
    "idx.col_weight_used": ("Svars aprēķinā", "Weight used"),
    "idx.col_units": ("Pašvaldības ar datiem", "Units with data"),
    "idx.col_status": ("Statuss", "Status"),
    "idx.status.used": ("izmantots", "used"),
    "idx.status.not_in_database": (
        "nav datu bāzē – neizmantots",
        "not in the database – not used",
    ),
    "idx.status.no_data": (
        "nav datu līdz šim gadam – neizmantots",
        "no data up to this year – not used",
    ),
    "idx.status.zero_weight": ("svars 0 – neizmantots", "weight 0 – not used"),
    "idx.missing": (
        "Izmantojami {used_n} no {total} rādītājiem: trūkst {n} ({share} % no kopējā svara) – "
        "{names}. Tie netiek aizstāti ne ar nulli, ne ar citu vērtību; pārējo rādītāju svari "
        "pārrēķināti, lai summa būtu 1.",
        "{used_n} of {total} indicators can be used: {n} are missing ({share}% of the total "
        "weight) – {names}. They are not replaced by zero or any other value; the weights of "
        "the others are rescaled to add up to 1.",
    ),
    "idx.not_vraa": (
        "Tāpēc šis nav VRAA teritorijas attīstības indekss, bet tikai tā daļa, ko var "
        "aprēķināt no datu bāzē esošajiem rādītājiem.",
        "So this is not VRAA's territorial development index, only the part of it that can "
        "be computed from the indicators in the database.",
    ),
    "idx.example_note": (
        "Piemērs: rādītāju un svaru izvēle nav oficiāla metodika.",
        "An example: the indicators and weights are not an official method.",
    ),
    "idx.empty": (
        "Indeksu nevar aprēķināt: nevienai pašvaldībai nav visu izmantojamo rādītāju vai "
        "nav neviena izmantojama rādītāja ar svaru virs 0.",
        "No index can be computed: no unit has all usable indicators, or no usable "
        "indicator has a weight above 0.",
    ),
    "idx.result": ("Indekss {year}. gadā: {n} pašvaldības", "Index {year}: {n} local governments"),
    "idx.col_index": ("Indekss", "Index"),
    "idx.band": ("Svaru svārstības, ± %", "Weights vary by ± %"),
    "idx.band_help": (
        "Cik procentu robežās katra rādītāja svaru maina, lai redzētu, kuras vietas ir "
        "stabilas un kuras atkarīgas no svariem.",
        "Within how many percent each indicator's weight is varied, to see which places are "
        "solid and which depend on the weights.",
    ),
    "idx.col_range": ("Vietu diapazons", "Range of ranks"),
    "idx.col_kept": ("Vieta nemainās, % izložu", "Rank kept, % of draws"),
    "idx.range_note": (
        "Vietu diapazons: augstākā un zemākā vieta, ja katra rādītāja svaru nejauši reizina ar "
        "skaitli no {band} % mazāk līdz {band} % vairāk (un svarus atkal saskaita līdz 1); "
        "{samples} izlozes ar sēklu {seed}, tāpēc rezultāts atkārtojas, un norādītie svari ir "
        "viena no izlozēm. Šaurs diapazons – vieta ir stabila, plats – tā atkarīga no svariem.",
        "Range of ranks: the best and worst rank when each indicator's weight is multiplied by "
        "a random factor from {band} % less to {band} % more (weights renormalised to 1); "
        "{samples} draws with seed {seed}, so the result repeats, and the stated weights are "
        "one of the draws. A narrow range is a solid place; a wide one depends on the weights.",
    ),
    "idx.too_few": (
        "Indekss aprēķināms tikai {n} pašvaldībām, jo pārējām trūkst kāda rādītāja: "
        "salīdzināšanai tas nav piemērots.",
        "The index can be computed for only {n} local governments, as the others lack an "
        "indicator: it is not fit for comparison.",
    ),
    "idx.incomplete": (
        "Bez indeksa, jo trūkst kāda rādītāja ({n}): {names}.",
        "No index because an indicator is missing ({n}): {names}.",
    ),
    "idx.map_note": (
        "Violets – virs vidējā (0), oranžs – zem vidējā; pelēks – indeksa nav.",
        "Purple: above the average (0); orange: below it; grey: no index.",
    ),
    "idx.contributions": ("Ko katrs rādītājs pievieno indeksam", "What each indicator adds"),
    "idx.contributions_note": (
        "Katra krāsa – svars × z vērtība; melna svītra – indekss (summa).",
        "Each colour is weight × z-score; the black tick is the index (the sum).",
    ),
    "idx.axis": ("ieguldījums indeksā", "contribution to the index"),
    "idx.tip_part": ("Ieguldījums", "Contribution"),
    # similar municipalities (pages/peers.py)
    "peers.title": ("Līdzīgās pašvaldības", "Similar municipalities"),
    "peers.intro": (
        "Pašvaldības, kas pēc izvēlētajiem struktūras rādītājiem ir vislīdzīgākās. Katru "
        "rādītāju izsaka standartnovirzēs no vidējā (z vērtība), tad aprēķina svērto "
        "attālumu: jo mazāks attālums, jo līdzīgāka pašvaldība.",
        "The municipalities most alike on the chosen structural indicators. Each indicator "
        "is expressed in standard deviations from the mean (z-score), then a weighted "
        "distance is computed: the smaller the distance, the more alike.",
    ),
    "peers.choose_hint": (
        "Izvēlieties pašvaldību, kurai meklēt līdzīgās (vai “Mana pašvaldība” sānjoslā).",
        "Choose the municipality to find peers for (or “My municipality” in the sidebar).",
    ),
    "peers.heading": ("{name}: līdzīgākās pašvaldības", "{name}: the most similar"),
    "peers.k": ("Cik līdzīgo rādīt", "How many to show"),
    "peers.weights": ("Rādītāji un svari", "Indicators and weights"),
    "peers.col_weight": ("Svars", "Weight"),
    "peers.weights_help": (
        "Svars 0 – rādītājs netiek izmantots; svars 2 – divreiz svarīgāks par svaru 1. "
        "Rindu var pievienot un dzēst. Katram rādītājam izmanto tā jaunāko gadu līdz "
        "izvēlētajam.",
        "Weight 0: the indicator is not used; weight 2 counts twice as much as weight 1. "
        "Rows can be added and deleted. Each indicator is taken in its latest year up to "
        "the chosen one.",
    ),
    "peers.reset": ("Noklusējuma rādītāji", "Default indicators"),
    "peers.problem_duplicate": (
        "Rādītājs “{name}” norādīts vairākkārt; izmantots pirmais svars.",
        "“{name}” is listed more than once; its first weight is used.",
    ),
    "peers.problem_weight": (
        "Rādītāja “{name}” svaram jābūt skaitlim no 0 līdz 10; rinda netiek izmantota.",
        "The weight of “{name}” must be a number from 0 to 10; the row is not used.",
    ),
    "peers.dropped_focus": (
        "{name}: nav datu, tāpēc šie rādītāji netiek izmantoti: {names}.",
        "{name} has no data, so these indicators are left out: {names}.",
    ),
    "peers.dropped_year": (
        "Līdz {year}. gadam nav datu, tāpēc netiek izmantoti: {names}.",
        "No data up to {year}, so these are left out: {names}.",
    ),
    "peers.no_usable": (
        "Attālumu nevar aprēķināt: pievienojiet rādītāju ar svaru virs 0, kuram ir dati.",
        "No distance can be computed: add an indicator with a weight above 0 that has data.",
    ),
    "peers.none_found": (
        "Nevienai citai pašvaldībai nav visu izmantoto rādītāju vērtību.",
        "No other municipality has values for all the indicators used.",
    ),
    "peers.fewer": (
        "Visu izmantoto rādītāju vērtības ir tikai {n} citām pašvaldībām.",
        "Only {n} other municipalities have values for all the indicators used.",
    ),
    "peers.excluded": (
        "Nav salīdzinātas, jo trūkst kāda rādītāja vērtības ({n}): {names}.",
        "Not compared because a value is missing ({n}): {names}.",
    ),
    "peers.years": ("Izmantotie gadi: {items}.", "Years used: {items}."),
    "peers.adopt": ("Izmantot kā salīdzināmo grupu", "Use as comparison group"),
    "peers.adopt_help": (
        "{name} un šīs {n} pašvaldības kļūst par salīdzināmajām pašvaldībām un salīdzināmo "
        "grupu; to izmanto salīdzinājuma tabula, tendences un profils.",
        "{name} and these {n} become the compared municipalities and the comparison group "
        "used by the comparison table, trends and profile.",
    ),
    "peers.adopted": (
        "Salīdzināmā grupa tagad ir {name} un šīs {n} līdzīgās pašvaldības.",
        "The comparison group is now {name} and these {n} similar municipalities.",
    ),
    "peers.current_group": (
        "Pašreizējā salīdzināmā grupa: {group}.",
        "Current comparison group: {group}.",
    ),
    "peers.map_focus": ("izvēlētā pašvaldība", "the chosen municipality"),
    "peers.map_peer": ("{rank}. līdzīgākā", "similar no. {rank}"),
    "peers.map_excluded": ("nav salīdzināta: trūkst datu", "not compared: data missing"),
    "peers.map_other": ("nav starp līdzīgākajām", "not among the most similar"),
    "peers.distance_is": ("attālums {value}", "distance {value}"),
    "peers.legend_focus": ("izvēlētā", "chosen"),
    "peers.legend_peer": ("līdzīgās", "similar"),
    "peers.legend_other": ("pārējās", "others"),
    "peers.legend_excluded": ("trūkst datu", "data missing"),
    "peers.col_rank": ("Nr.", "No."),
    "peers.col_distance": ("Attālums", "Distance"),
    "peers.why": ("Kāpēc līdzīgas?", "Why similar?"),
    "peers.why_note": (
        "Josla rāda, kāda daļa no attāluma līdz izvēlētajai pašvaldībai ({name}) rodas no "
        "katra rādītāja: jo īsāka josla, jo līdzīgākas tās ir pēc šī rādītāja (joslas kopā – "
        "100 %; precīzi: svars × z vērtību starpības kvadrāts). Cik tuva pašvaldība ir "
        "kopumā, rāda attālums. Vērtības redzamas, uzbraucot ar peli joslai.",
        "Each bar shows what share of the distance to the chosen municipality ({name}) comes "
        "from each indicator: the shorter the bar, the more alike they are on it (the bars "
        "add up to 100%; precisely: weight × squared difference of z-scores). How close the "
        "municipality is overall is its distance. Hover a bar for the values.",
    ),
    "peers.axis": ("daļa no attāluma, %", "share of the distance, %"),
    "peers.tip_focus": ("Izvēlētā pašvaldība", "Chosen municipality"),
    "peers.tip_peer": ("Šī pašvaldība", "This municipality"),
    "peers.tip_diff": ("Starpība", "Difference"),
    "peers.tip_share": ("Daļa no attāluma", "Share of the distance"),
    "peers.sd": ("{value} standartnovirzes", "{value} standard deviations"),
    "peers.alike": ("Līdzīga pēc: {names}.", "Most alike in: {names}."),
    "peers.differs": ("Atšķiras pēc: {names}.", "Differs most in: {names}."),
    "peers.save": ("Saglabāt kā savu grupu", "Save as a named group"),
    "peers.save_name": ("Grupas nosaukums", "Group name"),
    "peers.save_members": ("Pašvaldības grupā", "Municipalities in the group"),
    "peers.save_button": ("Saglabāt un izmantot", "Save and use"),
    "peers.save_help": (
        "Grupa tiek saglabāta saitē: nokopējiet adresi no pārlūka adreses joslas, lai ar to "
        "dalītos. Tā parādās sānjoslas sarakstā “Salīdzināmā grupa”.",
        "The group is kept in the link: copy the address from the browser's address bar to "
        "share it. It appears in the sidebar's “Comparison group” list.",
    ),
    # networks, saved views, presentation, good practices (benchlearn.userdata)
    "nav.networks": ("Tīkli", "Networks"),
    "nav.practices": ("Labās prakses", "Good practices"),
    "nav.present": ("Prezentācija", "Presentation"),
    "group.network": ("Tīkls: {name}", "Network: {name}"),
    "group.network_gone": ("Dzēsts tīkls", "Deleted network"),
    "theme.network": ("Tīkla rādītāji: {name}", "Network indicators: {name}"),
    "ud.unavailable": (
        "Tīklu, skatu un labo prakšu datu bāze pašlaik nav pieejama, tāpēc sadarbības tīkli, "
        "saglabātie skati, prezentācijas un labās prakses nav redzami. Pārējās lapas darbojas; "
        "mēģiniet vēlreiz pēc brīža.",
        "The database of networks, views and practices is not available at the moment, so "
        "cooperation networks, saved views, presentations and good practices cannot be shown. "
        "The other pages work; try again in a little while.",
    ),
    "ud.groups_unavailable": (
        "Sadarbības tīkli kā salīdzināmās grupas pašlaik nav pieejami: to datu bāze neatbild.",
        "Cooperation networks are not available as comparison groups at the moment: their "
        "database does not answer.",
    ),
    "prac.unavailable": (
        "Labās prakses pašlaik nav pieejamas: to datu bāze neatbild.",
        "Good practices are not available at the moment: their database does not answer.",
    ),
    "ud.editing_disabled": (
        "Rediģēšana izslēgta: pierakstīšanās nav iestatīta. Norādiet OpenID Connect "
        "pakalpojumu sadaļā `[auth]` failā `.streamlit/secrets.toml` (sk. README) un "
        "pārstartējiet paneli.",
        "Editing is disabled: sign-in is not set up. Name an OpenID Connect provider in "
        "`[auth]` of `.streamlit/secrets.toml` (see the README) and restart the dashboard.",
    ),
    # sign-in and roles
    "auth.sign_in": ("Pierakstīties", "Sign in"),
    "auth.sign_out": ("Izrakstīties", "Sign out"),
    "auth.read_open": (
        "Lasīt var bez pierakstīšanās; pierakstīšanās vajadzīga, lai kaut ko mainītu.",
        "Anyone can read without signing in; signing in is needed to change anything.",
    ),
    "auth.signed_in_as": (
        "Pierakstījies: **{name}**{email} · loma: {roles}",
        "Signed in: **{name}**{email} · role: {roles}",
    ),
    "auth.no_email": (
        "Jūs esat pierakstījies, bet identitātes pakalpojums nenorādīja apstiprinātu e-pasta "
        "adresi, tāpēc varat tikai lasīt.",
        "You are signed in, but the identity provider gave no verified e-mail address, so you "
        "can only read.",
    ),
    "auth.sign_in_to_edit": (
        "Pierakstieties; mainīt var loma “{role}” vai administrators.",
        "Sign in: the role “{role}” or an administrator can change this.",
    ),
    "auth.ask_admin": (
        "Jūsu kontam nav lomas “{role}”. Lūdziet to administratoram.",
        "Your account does not have the role “{role}”. Ask an administrator for it.",
    ),
    "role.admin": ("administrators", "administrator"),
    "role.coordinator": ("koordinators", "coordinator"),
    "role.contributor": ("datu iesniedzējs", "contributor"),
    "role.reader": ("lasītājs", "reader"),
    "ud.save_view": ("Saglabāt skatu", "Save this view"),
    "ud.no_networks": (
        "Vēl nav neviena tīkla: izveidojiet to lapā “Tīkli”.",
        "There are no networks yet: create one on the Networks page.",
    ),
    "ud.network": ("Tīkls", "Network"),
    "ud.view_title": ("Virsraksts", "Title"),
    "ud.view_note": ("Piezīme", "Note"),
    "ud.save": ("Saglabāt", "Save"),
    "ud.view_saved": ("Skats saglabāts tīklā “{network}”.", "View saved in “{network}”."),
    "ud.not_recorded": ("nav norādīts", "not recorded"),
    "ud.field.name_lv": ("nosaukums latviski", "name in Latvian"),
    "ud.field.name_en": ("nosaukums angliski", "name in English"),
    "ud.field.period_start": ("perioda sākums", "start of the period"),
    "ud.field.period_end": ("perioda beigas", "end of the period"),
    "ud.field.coordinator": ("koordinators", "coordinator"),
    "ud.field.description_lv": ("apraksts latviski", "description in Latvian"),
    "ud.field.description_en": ("apraksts angliski", "description in English"),
    "ud.field.source_lv": ("avots latviski", "source in Latvian"),
    "ud.field.source_en": ("avots angliski", "source in English"),
    "ud.field.members": ("dalībnieki", "members"),
    "ud.field.indicators": ("rādītāji", "indicators"),
    "ud.field.title": ("virsraksts", "title"),
    "ud.field.note": ("piezīme", "note"),
    "ud.field.title_lv": ("nosaukums latviski", "title in Latvian"),
    "ud.field.title_en": ("nosaukums angliski", "title in English"),
    "ud.field.summary_lv": ("kopsavilkums latviski", "summary in Latvian"),
    "ud.field.summary_en": ("kopsavilkums angliski", "summary in English"),
    "ud.field.unit_id": ("pašvaldība", "municipality"),
    "ud.field.former_unit_id": ("pašvaldība līdz 2021. gadam", "municipality before 2021"),
    "ud.field.year": ("gads", "year"),
    "ud.field.link": ("saite", "link"),
    "ud.field.tags": ("birkas", "tags"),
    "ud.field.reason": ("pamatojums", "reason"),
    "ud.err.required": ("Aizpildiet lauku “{field}”.", "Fill in “{field}”."),
    "ud.err.too_long": (
        "Lauks “{field}” ir par garu (ne vairāk kā {limit} zīmes).",
        "“{field}” is too long (at most {limit} characters).",
    ),
    "ud.err.year": (
        "Lauks “{field}”: {value} nav gads no {low} līdz {high}.",
        "“{field}”: {value} is not a year from {low} to {high}.",
    ),
    "ud.err.period": (
        "Perioda beigas ({end}) ir pirms sākuma ({start}).",
        "The period ends ({end}) before it starts ({start}).",
    ),
    "ud.err.code": (
        "Lauks “{field}”: “{value}” nav derīgs kods.",
        "“{field}”: “{value}” is not a valid code.",
    ),
    "ud.err.link": (
        "Saitei jāsākas ar http:// vai https:// (“{value}”).",
        "The link must start with http:// or https:// (“{value}”).",
    ),
    "ud.err.page": ("Nezināma lapa “{value}”.", "Unknown page “{value}”."),
    "ud.err.params": (
        "Skatam ir pārāk daudz parametru ({count}).",
        "The view has too many parameters ({count}).",
    ),
    "ud.err.param_key": ("Nederīgs parametrs “{value}”.", "Invalid parameter “{value}”."),
    "ud.err.deck_views": (
        "Prezentācijā var ietvert tikai šī tīkla skatus (neatbilst: {ids}).",
        "A deck can only hold this network's views (not: {ids}).",
    ),
    "ud.err.not_found": (
        "{what} (nr. {id}) vairs nav: to, iespējams, izdzēsa cits redaktors.",
        "{what} (no. {id}) is gone: another editor may have deleted it.",
    ),
    "ud.err.storage": (
        "Datu bāze izmaiņas nepieņēma: {detail}",
        "The database did not accept the change: {detail}",
    ),
    "ud.what.network": ("Tīkls", "The network"),
    "ud.what.view": ("Skats", "The view"),
    "ud.what.deck": ("Prezentācija", "The deck"),
    "ud.what.practice": ("Labā prakse", "The practice"),
    "ud.what.role": ("Loma", "The role"),
    "ud.err.forbidden": (
        "Jūsu lomai tas nav atļauts; nekas netika mainīts.",
        "Your role does not allow this; nothing was changed.",
    ),
    "ud.err.signed_out": (
        "Vispirms pierakstieties; nekas netika mainīts.",
        "Sign in first; nothing was changed.",
    ),
    "ud.err.principal": (
        "“{value}” nav e-pasta adrese.",
        "“{value}” is not an e-mail address.",
    ),
    "ud.err.role": ("Nezināma loma “{value}”.", "Unknown role “{value}”."),
    "ud.err.role_exists": (
        "{principal} jau ir šī loma ({role}).",
        "{principal} already has this role ({role}).",
    ),
    "ud.err.last_admin": (
        "Pēdējo administratoru noņemt nevar: vispirms piešķiriet šo lomu kādam citam.",
        "The last administrator cannot be removed: give someone else the role first.",
    ),
    # networks page
    "net.title": ("Sadarbības tīkli", "Cooperation networks"),
    "net.intro": (
        "Tīklā pašvaldības regulāri tiekas, salīdzina savus rādītājus un mācās cita no "
        "citas. Tīklu var izmantot kā salīdzināmo grupu visās lapās, tā rādītāju kopu – kā "
        "tēmu salīdzinājumā; saglabātos skatus var sakārtot semināra prezentācijā.",
        "In a network, municipalities meet regularly, compare their figures and learn from "
        "each other. A network can be the comparison group on every page and its indicator "
        "set a theme of the comparison; saved views can be ordered into a seminar deck.",
    ),
    "net.choose": ("Tīkls", "Network"),
    "net.none": (
        "Vēl nav neviena tīkla.",
        "There are no networks yet.",
    ),
    "net.period": ("Periods", "Period"),
    "net.coordinator": ("Koordinators", "Coordinator"),
    "net.members": ("Dalībnieki ({n})", "Members ({n})"),
    "net.members_label": ("Dalībnieki", "Members"),
    "net.indicators": ("Rādītāju kopa ({n})", "Indicator set ({n})"),
    "net.indicators_label": ("Rādītāju kopa", "Indicator set"),
    "net.description": ("Apraksts", "Description"),
    "net.source": ("Avots", "Source"),
    "net.unknown_note": (
        "Avotos nav norādīts: {fields}. Redaktors to var papildināt.",
        "Not recorded in the sources: {fields}. An editor can add it.",
    ),
    "net.use_group": ("Salīdzināt tīkla dalībniekus", "Compare the network's members"),
    "net.use_group_help": (
        "Padara tīklu par salīdzināmo grupu visās lapās un atver salīdzinājumu.",
        "Makes the network the comparison group on every page and opens the comparison.",
    ),
    "net.use_theme": ("Tīkla rādītāji salīdzinājumā", "The network's indicators in the comparison"),
    "net.no_members_hint": (
        "Tīklam nav norādītu dalībnieku, tāpēc to vēl nevar izmantot kā salīdzināmo grupu.",
        "The network has no members recorded, so it cannot be a comparison group yet.",
    ),
    "net.tab_views": ("Saglabātie skati ({n})", "Saved views ({n})"),
    "net.tab_decks": ("Prezentācijas ({n})", "Decks ({n})"),
    "net.tab_edit": ("Rediģēt tīklu", "Edit network"),
    "net.tab_new": ("Jauns tīkls", "New network"),
    "net.no_views": (
        "Šim tīklam vēl nav saglabātu skatu. Atveriet jebkuru lapu, iestatiet skatu un "
        "sānjoslā spiediet “Saglabāt skatu”.",
        "This network has no saved views yet. Open any page, set up the view and press "
        "“Save this view” in the sidebar.",
    ),
    "net.open": ("Atvērt", "Open"),
    "net.open_help": (
        "Atver skatu tieši tādu, kāds tas tika saglabāts.",
        "Opens the view exactly as saved.",
    ),
    "net.delete": ("Dzēst", "Delete"),
    "net.deleted": ("Izdzēsts.", "Deleted."),
    "net.page": ("Lapa", "Page"),
    "net.page_other": ("lapa “{path}”", "page “{path}”"),
    "net.no_decks": ("Vēl nav nevienas prezentācijas.", "No decks yet."),
    "net.slides": ("{n} slaidi", "{n} slides"),
    "net.present": ("Prezentēt", "Present"),
    "net.present_help": (
        "Pilnekrāna režīms semināram: bultiņas ← → pārslēdz slaidus.",
        "Full-screen mode for a seminar: the arrow keys ← → change slides.",
    ),
    "net.deck_new": ("Jauna prezentācija", "New deck"),
    "net.deck_title": ("Prezentācijas nosaukums", "Deck title"),
    "net.deck_views": ("Skati secībā, kādā tos rādīt", "Views in the order they are shown"),
    "net.deck_views_help": (
        "Skati prezentācijā ir tādā secībā, kādā tos izvēlaties; vēlāk secību var mainīt.",
        "Views appear in the order you choose them; you can change the order later.",
    ),
    "net.deck_create": ("Izveidot prezentāciju", "Create deck"),
    "net.deck_created": ("Prezentācija izveidota.", "Deck created."),
    "net.deck_order": ("Slaidu secība", "Order of slides"),
    "net.up": ("Uz augšu", "Move up"),
    "net.down": ("Uz leju", "Move down"),
    "net.remove": ("Izņemt no prezentācijas", "Remove from the deck"),
    "net.add_slide": ("Pievienot skatu", "Add a view"),
    "net.delete_deck": ("Dzēst prezentāciju", "Delete deck"),
    "net.name_lv": ("Nosaukums latviski", "Name in Latvian"),
    "net.name_en": ("Nosaukums angliski", "Name in English"),
    "net.period_start": ("No gada", "From year"),
    "net.period_end": ("Līdz gadam", "To year"),
    "net.description_lv": ("Apraksts latviski", "Description in Latvian"),
    "net.description_en": ("Apraksts angliski", "Description in English"),
    "net.source_lv": ("Avots latviski", "Source in Latvian"),
    "net.source_en": ("Avots angliski", "Source in English"),
    "net.save": ("Saglabāt tīklu", "Save network"),
    "net.saved": ("Tīkls saglabāts.", "Network saved."),
    "net.create": ("Izveidot tīklu", "Create network"),
    "net.created": ("Tīkls izveidots.", "Network created."),
    "net.delete_network": ("Dzēst tīklu", "Delete network"),
    "net.delete_confirm": (
        "Dzēst arī tā saglabātos skatus un prezentācijas",
        "Also delete its saved views and decks",
    ),
    "net.editor_hint": (
        "Lai veidotu vai mainītu tīklus, skatus un prezentācijas, pierakstieties kā koordinators.",
        "To create or change networks, views and decks, sign in as a coordinator.",
    ),
    "prac.editor_hint": (
        "Lai pievienotu vai labotu labās prakses, pierakstieties kā koordinators vai savas "
        "pašvaldības datu iesniedzējs.",
        "To add or correct good practices, sign in as a coordinator or as a contributor of "
        "your municipality.",
    ),
    # administration
    "nav.admin": ("Administrēšana", "Administration"),
    "admin.title": ("Administrēšana", "Administration"),
    "admin.intro": (
        "Lomas nosaka, kurš ko drīkst mainīt; lasīt var ikviens. Katra izmaiņa un katrs "
        "atteikums ir audita žurnālā.",
        "Roles decide who may change what; anyone can read. Every change and every refusal "
        "is in the audit log.",
    ),
    "admin.only": (
        "Šo lapu var izmantot tikai administratori.",
        "Only administrators can use this page.",
    ),
    "admin.roles": ("Lomas", "Roles"),
    "admin.no_roles": ("Lomu vēl nav.", "There are no roles yet."),
    "admin.col_person": ("E-pasts", "E-mail"),
    "admin.col_role": ("Loma", "Role"),
    "admin.col_unit": ("Pašvaldība", "Municipality"),
    "admin.col_by": ("Piešķīra", "Granted by"),
    "admin.grant": ("Piešķirt lomu", "Assign a role"),
    "admin.email": ("E-pasta adrese", "E-mail address"),
    "admin.email_help": (
        "Adrese, ar kuru persona pierakstās (tā, ko apstiprina identitātes pakalpojums).",
        "The address the person signs in with (as the identity provider vouches for it).",
    ),
    "admin.role": ("Loma", "Role"),
    "admin.units": ("Pašvaldības (datu iesniedzējam)", "Municipalities (for a contributor)"),
    "admin.reason": ("Pamatojums", "Reason"),
    "admin.grant_button": ("Piešķirt", "Assign"),
    "admin.granted": ("Loma piešķirta.", "Role assigned."),
    "admin.revoke": ("Noņemt lomu", "Remove a role"),
    "admin.revoke_pick": ("Loma", "Role"),
    "admin.revoke_button": ("Noņemt", "Remove"),
    "admin.revoked": ("Loma noņemta.", "Role removed."),
    "admin.audit": ("Audita žurnāls", "Audit log"),
    "admin.audit_caption": (
        "Jaunākie {n} ieraksti no {total}; lejupielāde satur visus. Žurnālu nevar mainīt ne dzēst.",
        "The newest {n} of {total} entries; the download has them all. The log cannot be "
        "changed or deleted.",
    ),
    "admin.audit_download": ("Lejupielādēt CSV", "Download CSV"),
    "admin.col_at": ("Laiks (UTC)", "Time (UTC)"),
    "admin.col_actor": ("Kas", "Who"),
    "admin.col_action": ("Darbība", "Action"),
    "admin.col_target": ("Ieraksts", "Record"),
    "admin.col_old": ("Iepriekš", "Before"),
    "admin.col_new": ("Pēc tam", "After"),
    "admin.col_decision": ("Lēmums", "Decision"),
    "admin.col_reason": ("Pamatojums", "Reason"),
    "admin.done": ("izdarīts", "done"),
    "admin.refused": ("atteikts", "refused"),
    # presentation
    "pres.no_deck": (
        "Prezentācija nav atrasta. Izvēlieties to lapā “Tīkli”.",
        "Deck not found. Choose one on the Networks page.",
    ),
    "pres.empty": ("Šajā prezentācijā nav slaidu.", "This deck has no slides."),
    "pres.counter": ("{n} / {total}", "{n} / {total}"),
    "pres.previous": ("Iepriekšējais", "Previous"),
    "pres.next": ("Nākamais", "Next"),
    "pres.exit": ("Iziet", "Exit"),
    "pres.keys": (
        "Taustiņi: → nākamais, ← iepriekšējais; F11 – pilnekrāns.",
        "Keys: → next, ← previous; F11 for full screen.",
    ),
    "pres.link": ("Skats dalībniekiem", "This view for participants"),
    "pres.not_drawn": (
        "Šīs lapas skatu prezentācijā nezīmē; atveriet to saitē zemāk.",
        "This page's view is not drawn in the presentation; open it with the link below.",
    ),
    "pres.changed": (
        "Daļa saglabātā skata vairs nav pieejama un netika ņemta vērā: {items}.",
        "Part of the saved view is no longer available and was ignored: {items}.",
    ),
    "pres.rank_short": ("{rank}.", "#{rank}"),
    "pres.rank_note": (
        "Iekavās – vieta šajā tabulā (starp pašvaldībām, kurām ir dati).",
        "In brackets: the rank within this table (among those with data).",
    ),
    "pres.no_unit": (
        "Skatā nav izvēlēta pašvaldība.",
        "The view has no municipality chosen.",
    ),
    "pres.trend_units": (
        "Rādītas {n} pašvaldības ar visvairāk datiem ({group}).",
        "Showing the {n} municipalities with the most data ({group}).",
    ),
    # presentation: the seminar room (issue 21)
    "pres.settings": ("Seminārs", "Seminar"),
    "pres.anon": ("Anonimizēt pašvaldības", "Anonymise municipalities"),
    "pres.anon_help": (
        "Visas pašvaldības, izņemot izcelto, rāda kā A, B, C… – katrai tas pats burts visos "
        "šīs prezentācijas slaidos.",
        "Every municipality but the one in the spotlight is shown as A, B, C… – each with the "
        "same letter on every slide of this deck.",
    ),
    "pres.spot": ("Izceltā pašvaldība", "In the spotlight"),
    "pres.spot_help": (
        "Rāda ar īsto nosaukumu un izceļ kā “manu pašvaldību” visos slaidos.",
        "Keeps its real name and is highlighted as “my municipality” on every slide.",
    ),
    "pres.minutes": ("Taimeris, minūtes (0 – bez taimera)", "Timer, minutes (0: no timer)"),
    "pres.timer": ("Atlikušais laiks", "Time left"),
    "pres.time_up": ("laiks beidzies", "time is up"),
    "pres.timer_start": ("Sākt taimeri", "Start the timer"),
    "pres.timer_reset": ("Atiestatīt taimeri", "Reset the timer"),
    "pres.title_slides": ("{n} slaidi", "{n} slides"),
    "pres.title_spot": ("Izcelta: **{name}**", "In the spotlight: **{name}**"),
    "pres.title_anon": (
        "Pārējās pašvaldības rādītas kā A, B, C…",
        "The other municipalities are shown as A, B, C…",
    ),
    "pres.follow": (
        "Sekojiet līdzi savā ierīcē: noskenējiet kodu vai atveriet",
        "Follow on your own device: scan the code or open",
    ),
    "pres.qr": ("QR kods dalībniekiem", "QR code for participants"),
    "pres.notes": ("Piezīmes diskusijai", "Discussion notes"),
    "pres.notes_none": ("Šim slaidam piezīmju nav.", "No notes for this slide."),
    "pres.notes_anon": (
        "Piezīmes var labot, kad anonimizēšana ir izslēgta (redaktorā redzami nosaukumi).",
        "Notes can be edited with anonymisation off (the editor shows the names).",
    ),
    "pres.notes_edit": ("Piezīmes šim slaidam", "Notes for this slide"),
    "pres.notes_save": ("Saglabāt piezīmes", "Save the notes"),
    "pres.notes_saved": ("Piezīmes saglabātas.", "Notes saved."),
    # good practices
    "prac.title": ("Labās prakses", "Good practices"),
    "prac.intro": (
        "Pašvaldību labās prakses, pētījumi un rokasgrāmatas no sadarbības tīkliem – "
        "“kā viņi to paveica”. Tukšs lauks nozīmē, ka avotos tas nav norādīts.",
        "Good practices, studies and handbooks from the cooperation networks – "
        "“how they did it”. An empty field means the sources do not record it.",
    ),
    "prac.search": ("Meklēt", "Search"),
    "prac.search_help": (
        "Meklē nosaukumos, kopsavilkumos, birkās un pašvaldību nosaukumos.",
        "Searches titles, summaries, tags and municipality names.",
    ),
    "prac.unit": ("Pašvaldība", "Municipality"),
    "prac.any": ("— visas —", "— all —"),
    "prac.network": ("Tīkls", "Network"),
    "prac.indicator": ("Rādītājs", "Indicator"),
    "prac.tag": ("Birka", "Tag"),
    "prac.count": ("Atrasti {n} no {total} ierakstiem.", "{n} of {total} entries."),
    "prac.none": ("Nekas netika atrasts.", "Nothing found."),
    "prac.year": ("Gads", "Year"),
    "prac.former": (
        "{name} (tolaik {former}, līdz 30.06.2021.)",
        "{name} (then {former}, until 30 June 2021)",
    ),
    "prac.national": ("valsts mērogā / vairākas pašvaldības", "national / several municipalities"),
    "prac.related": ("Saistītie rādītāji", "Related indicators"),
    "prac.tags": ("Birkas", "Tags"),
    "prac.document": ("Dokuments", "Document"),
    "prac.source": ("Avots", "Source"),
    "prac.unknown": ("Nav norādīts: {fields}.", "Not recorded: {fields}."),
    "prac.edit": ("Rediģēt", "Edit"),
    "prac.new": ("Jauna labā prakse", "New practice"),
    "prac.title_lv": ("Nosaukums latviski", "Title in Latvian"),
    "prac.title_en": ("Nosaukums angliski", "Title in English"),
    "prac.former_unit": ("Pašvaldība līdz 2021. gadam", "Municipality before 2021"),
    "prac.summary_lv": ("Kopsavilkums latviski", "Summary in Latvian"),
    "prac.summary_en": ("Kopsavilkums angliski", "Summary in English"),
    "prac.link": ("Saite uz dokumentu", "Link to the document"),
    "prac.tags_input": ("Birkas (atdaliet ar komatu)", "Tags (separated by commas)"),
    "prac.save": ("Saglabāt", "Save"),
    "prac.saved": ("Saglabāts.", "Saved."),
    "prac.delete": ("Dzēst ierakstu", "Delete entry"),
    "prac.beside": (
        "Labās prakses par šiem rādītājiem",
        "Good practices on these indicators",
    ),
    "prac.open_library": ("Visas labās prakses", "All good practices"),
    "prac.profile": ("Tīkli un labās prakses", "Networks and good practices"),
    "prac.profile_networks": ("Tīkli: {names}", "Networks: {names}"),
    "prac.profile_no_networks": (
        "Pašvaldība nav norādīta neviena tīkla dalībnieku sarakstā.",
        "The municipality is not listed as a member of any network.",
    ),
    "prac.profile_none": (
        "Bibliotēkā nav šīs pašvaldības labo prakšu.",
        "The library has no good practices of this municipality.",
    ),
    # --- municipal data contributions (pages/contribute.py, logic.contributions) ---
    "nav.contribute": ("Datu iesniegšana", "Contribute data"),
    "contrib.title": ("Pašvaldības datu iesniegšana", "Municipal data contributions"),
    "contrib.intro": (
        "Lejupielādējiet savas pašvaldības veidni ar mūsu rīcībā esošajām vērtībām, aizpildiet "
        "to un augšupielādējiet. Vērtības nonāk panelī tikai pēc administratora apstiprinājuma "
        "un vienmēr ir atzīmētas ar ✎ (nav oficiāla statistika).",
        "Download your municipality's template, prefilled with the values we hold, fill it in "
        "and upload it. Values reach the dashboard only once an administrator approves them, "
        "and are always marked ✎ (not official statistics).",
    ),
    "contrib.not_contributor": (
        "Datus var iesniegt pašvaldības datu ziņotājs (loma, ko piešķir administrators).",
        "Data are contributed by a municipality's contributor (a role administrators assign).",
    ),
    "contrib.unit": ("Pašvaldība", "Municipality"),
    "contrib.set": ("Rādītāju kopa", "Indicator set"),
    "contrib.set_contributed": (
        "Tikai pašvaldību iesniegtie rādītāji",
        "Indicators only contributions fill",
    ),
    "contrib.template_help": (
        "Veidnē aizpildiet kolonnu value (skaitlis, bez formulām) un, ja vēlaties, note. "
        "Citas kolonnas nemainiet. Tukša value rinda netiek iesniegta.",
        "In the template fill in the value column (a number, no formulas) and, if you wish, "
        "note. Do not change the other columns. A row with an empty value is not sent.",
    ),
    "contrib.download_csv": ("Veidne (CSV)", "Template (CSV)"),
    "contrib.download_xlsx": ("Veidne (Excel)", "Template (Excel)"),
    "contrib.upload": (
        "Augšupielādēt aizpildītu veidni (CSV vai Excel, līdz 5 MB)",
        "Upload the filled template (CSV or Excel, up to 5 MB)",
    ),
    "contrib.refused": (
        "Fails netika pieņemts ({n} problēmas); nekas nav saglabāts:",
        "The file was not accepted ({n} problems); nothing was stored:",
    ),
    "contrib.more": ("…un vēl {n}.", "…and {n} more."),
    "contrib.preview": ("Priekšskatījums", "Preview"),
    "contrib.counts": (
        "Jaunas vērtības: {new} · mainītas: {changed} · nemainītas: {same}",
        "New values: {new} · changed: {changed} · unchanged: {same}",
    ),
    "contrib.nothing_new": (
        "Failā nav jaunu vai mainītu vērtību.",
        "The file holds no new or changed values.",
    ),
    "contrib.col_indicator": ("Rādītājs", "Indicator"),
    "contrib.col_year": ("Gads", "Year"),
    "contrib.col_kind": ("Veids", "Kind"),
    "contrib.col_change": ("Vērtība (bija → būs)", "Value (old → new)"),
    "contrib.col_warning": ("Brīdinājums", "Warning"),
    "contrib.col_note": ("Piezīme", "Note"),
    "contrib.col_in_force": ("Spēkā", "In force"),
    "contrib.col_approved": ("Apstiprināja", "Approved"),
    "contrib.kind.new": ("jauna", "new"),
    "contrib.kind.changed": ("mainīta", "changed"),
    "contrib.kind.unchanged": ("nemainīta", "unchanged"),
    "contrib.far": (
        "tālu ārpus ierastā diapazona ({low}–{high})",
        "far outside the usual range ({low}–{high})",
    ),
    "contrib.far_warning": (
        "{n} vērtības ir tālu ārpus pašvaldības vēstures un citu pašvaldību diapazona. "
        "Pārbaudiet tās.",
        "{n} values lie far outside the municipality's own history and the other "
        "municipalities' range. Please check them.",
    ),
    "contrib.far_confirm": (
        "Esmu pārbaudījis(-usi): šīs vērtības ir pareizas",
        "I have checked: these values are correct",
    ),
    "contrib.submit": ("Iesniegt apstiprināšanai", "Submit for approval"),
    "contrib.staged_done": ("Iesniegts apstiprināšanai", "Submitted for approval"),
    "contrib.staged": (
        "Gaida apstiprinājumu: {n} vērtības (iesniedza {who}). Jaunu failu var augšupielādēt, "
        "kad par šo ir izlemts vai tas ir atsaukts.",
        "Awaiting approval: {n} values (submitted by {who}). A new file can be uploaded once "
        "this one is decided or withdrawn.",
    ),
    "contrib.withdraw": ("Atsaukt iesniegumu", "Withdraw the submission"),
    "contrib.last_approved": (
        "Pēdējo iesniegumu apstiprināja {who} {when}.",
        "The last submission was approved by {who} on {when}.",
    ),
    "contrib.last_rejected": (
        "Pēdējo iesniegumu noraidīja {who} {when}. Pamatojums: {reason}",
        "The last submission was rejected by {who} on {when}. Reason: {reason}",
    ),
    "contrib.review": ("Iesniegumi, kas gaida lēmumu", "Submissions awaiting a decision"),
    "contrib.review_none": ("Nav iesniegumu, kas gaida lēmumu.", "No submission is waiting."),
    "contrib.review_item": (
        "**{unit}**: {n} vērtības, iesniedza {who}",
        "**{unit}**: {n} values, submitted by {who}",
    ),
    "contrib.reason": ("Pamatojums (noraidot obligāts)", "Reason (required to reject)"),
    "contrib.approve": ("Apstiprināt", "Approve"),
    "contrib.reject": ("Noraidīt", "Reject"),
    "contrib.building": (
        "Pārbūvē datubāzi ar apstiprinātajām vērtībām…",
        "Rebuilding the database with the approved values…",
    ),
    "contrib.approved": (
        "Apstiprinātas {n} vērtības; tās redzamas visās lapās.",
        "{n} values approved; they show on every page.",
    ),
    "contrib.versions": ("Vērtību versijas", "Versions of values"),
    "contrib.versions_none": (
        "Šai pašvaldībai nav apstiprinātu iesniegto vērtību.",
        "This municipality has no approved contributed values.",
    ),
    "contrib.revert_to": ("Atjaunot versiju Nr.", "Restore version no."),
    "contrib.revert": ("Atjaunot šo versiju", "Revert to this version"),
    "contrib.reverted": ("Versija atjaunota.", "Version restored."),
    "contrib.define": ("Jauns iesniedzamais rādītājs", "New contributed indicator"),
    "contrib.define_help": (
        "Rādītājs, ko aizpilda tikai pašvaldību iesniegumi; katalogā tas parādās nākamajā "
        "pārbūvē, kad tam ir vismaz viena apstiprināta vērtība.",
        "An indicator only contributions fill; it enters the catalogue on the next build that "
        "has an approved value of it.",
    ),
    "contrib.f_code": ("Kods (mazie burti, cipari, _)", "Code (lower-case letters, digits, _)"),
    "contrib.f_name_lv": ("Nosaukums latviski", "Name in Latvian"),
    "contrib.f_name_en": ("Nosaukums angliski", "Name in English"),
    "contrib.f_unit_lv": ("Mērvienība latviski", "Unit in Latvian"),
    "contrib.f_unit_en": ("Mērvienība angliski", "Unit in English"),
    "contrib.f_def_lv": ("Definīcija latviski", "Definition in Latvian"),
    "contrib.f_def_en": ("Definīcija angliski", "Definition in English"),
    "contrib.f_theme": ("Tēma", "Theme"),
    "contrib.f_direction": ("Virziens", "Direction"),
    "contrib.f_decimals": ("Decimālzīmes", "Decimals"),
    "contrib.define_submit": ("Izveidot rādītāju", "Create the indicator"),
    "contrib.defined": ("Rādītājs izveidots", "Indicator created"),
    "contrib.hide": ("Slēpt iesniegtās vērtības (✎)", "Hide contributed values (✎)"),
    "contrib.where_sheet": ("lapa {sheet}", "sheet {sheet}"),
    "contrib.where_row": ("rinda {row}", "row {row}"),
    "contrib.where_column": ("kolonna {column}", "column {column}"),
    "contrib.where_value": ("vērtība «{value}»", "value «{value}»"),
    "contrib.err.too_big": (
        "fails ir lielāks par {mb} MB",
        "the file is larger than {mb} MB",
    ),
    "contrib.err.xls": (
        "vecais Excel formāts (.xls); saglabājiet kā .xlsx vai CSV UTF-8",
        "old Excel format (.xls); save it as .xlsx or CSV UTF-8",
    ),
    "contrib.err.encoding": (
        "fails nav UTF-8 teksts ({detail}); saglabājiet to kā “CSV UTF-8”",
        "the file is not UTF-8 text ({detail}); save it as “CSV UTF-8”",
    ),
    "contrib.err.xlsx_broken": ("Excel failu nevar nolasīt", "the Excel file cannot be read"),
    "contrib.err.sheets": (
        "darbgrāmatā ir {n} lapas; atstājiet tikai veidnes lapu",
        "the workbook has {n} sheets; keep only the template's sheet",
    ),
    "contrib.err.merged": (
        "apvienotas šūnas; atdaliet tās",
        "merged cells; unmerge them",
    ),
    "contrib.err.formula": (
        "formula; ierakstiet skaitli",
        "a formula; type the number instead",
    ),
    "contrib.err.too_many": ("vairāk nekā {n} rindu", "more than {n} rows"),
    "contrib.err.empty": ("fails ir tukšs", "the file is empty"),
    "contrib.err.no_values": (
        "nevienā rindā nav vērtības",
        "no row has a value",
    ),
    "contrib.err.column_unknown": (
        "kolonna nav veidnē (pārdēvēta?)",
        "the column is not one of the template's (renamed?)",
    ),
    "contrib.err.column_twice": ("kolonna ir divreiz", "the column appears twice"),
    "contrib.err.column_missing": ("trūkst kolonnas", "the column is missing"),
    "contrib.err.not_number": ("nav skaitlis", "not a number"),
    "contrib.err.exponent": (
        "rakstiet skaitli cipariem, bez eksponentes",
        "write the number in digits, without an exponent",
    ),
    "contrib.err.not_finite": (
        "nav galīgs skaitlis (NaN vai bezgalība)",
        "not a finite number (NaN or infinity)",
    ),
    "contrib.err.too_large": (
        "skaitlis ir pārāk liels, lai būtu īsts rādītājs",
        "the number is too large to be a real figure",
    ),
    "contrib.err.negative": (
        "negatīva vērtība rādītājam, kas nevar būt negatīvs",
        "a negative value for an indicator that cannot be negative",
    ),
    "contrib.err.range": (
        "ārpus iespējamā diapazona {low:g}–{high:g}",
        "outside the possible range {low:g}–{high:g}",
    ),
    "contrib.err.note_long": (
        "piezīme garāka par {limit} zīmēm",
        "the note is longer than {limit} characters",
    ),
    "contrib.err.note_without_value": (
        "piezīme bez vērtības",
        "a note without a value",
    ),
    "contrib.err.unit": (
        "jūs nevarat iesniegt datus par šo pašvaldību",
        "you may not contribute data for this municipality",
    ),
    "contrib.err.indicator": (
        "nezināms rādītājs vai tas nav izvēlētajā kopā",
        "unknown indicator, or not in the chosen set",
    ),
    "contrib.err.year": (
        "gadam jābūt no {low} līdz {high}",
        "the year must be from {low} to {high}",
    ),
    "contrib.err.duplicate": (
        "rādītājs un gads {year} jau ir rindā {first}",
        "indicator and year {year} already in row {first}",
    ),
    "ud.err.contrib_staged": (
        "Šai pašvaldībai jau ir iesniegums, kas gaida lēmumu.",
        "This municipality already has a submission awaiting a decision.",
    ),
    "ud.err.contrib_decided": (
        "Par šo iesniegumu jau ir izlemts ({status}).",
        "This submission has already been decided ({status}).",
    ),
    "ud.err.contrib_empty": ("Iesniegumā nav vērtību.", "The submission has no values."),
    "ud.err.contrib_value": ("Vērtība nav skaitlis: {value}.", "Not a number: {value}."),
    "ud.err.contrib_duplicate": (
        "{indicator} {year} ir divreiz.",
        "{indicator} {year} appears twice.",
    ),
    "ud.err.too_many": ("Pārāk daudz vērtību (līdz {limit}).", "Too many values (up to {limit})."),
    "ud.err.indicator_code": (
        "Kods «{value}»: 3–60 mazie burti, cipari un _, sākas ar burtu.",
        "Code «{value}»: 3–60 lower-case letters, digits and _, starting with a letter.",
    ),
    "ud.err.indicator_taken": ("Kods «{value}» jau ir aizņemts.", "Code «{value}» is taken."),
    "ud.err.direction": ("Nezināms virziens: {value}.", "Unknown direction: {value}."),
    "ud.err.theme": ("Nezināma tēma: {value}.", "Unknown theme: {value}."),
    "ud.err.decimals": ("Decimālzīmes: 0–4.", "Decimals: 0–4."),
    "ud.field.indicator": ("rādītājs", "indicator"),
    "ud.field.warning": ("brīdinājums", "warning"),
    "ud.field.indicator_set": ("rādītāju kopa", "indicator set"),
    "ud.field.file_name": ("faila nosaukums", "file name"),
    "ud.field.unit_lv": ("mērvienība latviski", "unit in Latvian"),
    "ud.field.unit_en": ("mērvienība angliski", "unit in English"),
    "ud.field.definition_lv": ("definīcija latviski", "definition in Latvian"),
    "ud.field.definition_en": ("definīcija angliski", "definition in English"),
    # improvement actions (issue 21, part 3)
    "ud.field.start": ("sākuma datums", "start date"),
    "ud.field.end": ("beigu datums", "end date"),
    "ud.err.date": ("Lauks “{field}” nav datums.", "“{field}” is not a date."),
    "ud.what.improvement": ("Uzlabošanas pasākums", "The improvement action"),
    "act.title": ("Uzlabošanas pasākumi", "Improvement actions"),
    "act.intro": (
        "Ko pašvaldība dara, lai uzlabotu rādītājus, un kā katrs mērķa rādītājs mainījies "
        "kopš pasākuma sākuma, salīdzinot ar tām pašām pašvaldībām kā starpībām augstāk "
        "tajos pašos gados.",
        "What the municipality does to improve its indicators, and how each aimed indicator "
        "changed since the action began, compared with the same municipalities as the gaps "
        "above over the same years.",
    ),
    "act.none": ("Uzlabošanas pasākumi nav reģistrēti.", "No improvement actions recorded."),
    "act.unavailable": (
        "Uzlabošanas pasākumus pašlaik nevar parādīt (lietotāju datu krātuve nav pieejama).",
        "Improvement actions cannot be shown now (the user-data store is unavailable).",
    ),
    "act.since": ("no {start}", "from {start}"),
    "act.until": ("līdz {end}", "to {end}"),
    "act.plan": ("plāns", "plan"),
    "act.caveat": (
        "Tas ir salīdzinājums tajos pašos gados, nevis pierādījums, ka pasākums izraisīja "
        "atšķirību: mainījās arī citi apstākļi.",
        "This is a comparison over the same years, not proof that the action caused the "
        "difference: other things changed too.",
    ),
    "act.words.peers": (
        "kopš {base}. gada (līdz {end}.) {own} pret {reference} līdzīgajās pašvaldībās "
        "(mediāna no {n}): {gap}",
        "since {base} (to {end}) {own} against {reference} in similar municipalities "
        "(median of {n}): {gap}",
    ),
    "act.words.group": (
        "kopš {base}. gada (līdz {end}.) {own} pret {reference} pārējās grupas pašvaldībās "
        "(mediāna no {n}): {gap}",
        "since {base} (to {end}) {own} against {reference} in the group's other members "
        "(median of {n}): {gap}",
    ),
    "act.points": ("{value} procentpunkti", "{value} points"),
    "act.pp": ("{value} procentpunkti", "{value} percentage points"),
    "act.better": ("par {amount} labāk", "{amount} better"),
    "act.worse": ("par {amount} sliktāk", "{amount} worse"),
    "act.higher": ("par {amount} augstāk", "{amount} higher"),
    "act.lower": ("par {amount} zemāk", "{amount} lower"),
    "act.same": ("apmēram tāpat", "about the same"),
    "act.no_base": (
        "nav vērtības līdz pasākuma sākuma gadam",
        "no value up to the year the action began",
    ),
    "act.too_early": (
        "pēc {year}. gada vēl nav datu: par agru spriest",
        "no data yet after {year}: too early to tell",
    ),
    "act.few.peers": (
        "mazāk nekā {n} līdzīgajām pašvaldībām ir vērtības tajos pašos gados",
        "fewer than {n} similar municipalities have values in the same years",
    ),
    "act.few.group": (
        "mazāk nekā {n} grupas pašvaldībām ir vērtības tajos pašos gados",
        "fewer than {n} members of the group have values in the same years",
    ),
    "act.unknown_indicator": (
        "rādītājs «{code}» nav katalogā",
        "indicator «{code}» is not in the catalogue",
    ),
    "act.trend_note": (
        "Vertikālā līnija atzīmē uzlabošanas pasākuma sākumu: {items}.",
        "A vertical line marks the start of an improvement action: {items}.",
    ),
    "act.trend_item": ("{title} ({unit}, no {start})", "{title} ({unit}, from {start})"),
    "act.trend_outside": (
        "ārpus rādīto gadu loka: {items}",
        "outside the years shown: {items}",
    ),
    "act.tooltip_title": ("Uzlabošanas pasākums", "Improvement action"),
    "act.tooltip_start": ("Sākums", "Start"),
    "act.form": ("Reģistrēt vai labot pasākumu", "Record or edit an action"),
    "act.pick": ("Pasākums", "Action"),
    "act.new": ("— jauns pasākums —", "— new action —"),
    "act.field_title": ("Nosaukums", "Title"),
    "act.field_indicators": ("Rādītāji, ko tas vēlas uzlabot", "Indicators it aims to move"),
    "act.field_start": ("Sākuma datums", "Start date"),
    "act.field_has_end": ("Ir beigu datums", "Has an end date"),
    "act.field_end": ("Beigu datums", "End date"),
    "act.field_link": ("Saite uz plānu (http vai https)", "Link to the plan (http or https)"),
    "act.field_network": ("Tīkls", "Network"),
    "act.no_network": ("— bez tīkla —", "— no network —"),
    "act.save": ("Saglabāt", "Save"),
    "act.delete": ("Dzēst šo pasākumu", "Delete this action"),
    "act.saved": ("Pasākums saglabāts.", "Action saved."),
    "act.deleted": ("Pasākums dzēsts.", "Action deleted."),
    "act.net_title": ("Dalībnieku uzlabošanas pasākumi", "Members' improvement actions"),
    "act.net_none": (
        "Tīkla dalībniekiem nav reģistrētu uzlabošanas pasākumu.",
        "The network's members have no improvement actions recorded.",
    ),
    "act.col_unit": ("Pašvaldība", "Municipality"),
    "act.col_title": ("Pasākums", "Action"),
    "act.col_indicators": ("Rādītāji", "Indicators"),
    "act.col_start": ("Sākums", "Start"),
    "act.col_end": ("Beigas", "End"),
    "act.col_network": ("Tīkls", "Network"),
    "act.col_plan": ("Plāns", "Plan"),
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
    """A catalogue formula with indicator names instead of codes, for people. One pass, so a
    name put in (say «Annual average population») is never read again as a code."""

    def word(match: re.Match) -> str:
        if match["change"]:
            name = names.get(match["change"], match["change"])
            return t("formula.pct_change", lang, years=match["years"], name=name)
        if match["choices"]:
            first, *rest = [names.get(c.strip(), c.strip()) for c in match["choices"].split(",")]
            return t("formula.first_of", lang, first=first, rest=", ".join(rest))
        return names.get(match["code"], match["code"])

    text = _FORMULA_WORD.sub(word, formula)
    return text.replace("*", "×").replace("/", "÷")


_FORMULA_WORD = re.compile(
    r"pct_change\((?P<change>\w+),\s*(?P<years>\d+)\)"
    r"|first_of\((?P<choices>[\w\s,]+)\)"
    r"|\b(?P<code>[a-z][a-z0-9_]*)\b"
)


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
