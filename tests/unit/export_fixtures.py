"""A sources sheet shared by the export tests (synthetic, shaped as the pages build it)."""

import pandas as pd

SOURCES = pd.DataFrame(
    [
        {
            "Rādītājs": "Ceļu blīvums",
            "Mērvienība": "km/km²",
            "Gads": 2024,
            "Avots": "CSP TRS020: ceļi",
            "Saite": "https://data.stat.gov.lv/",
            "Iegūts": "2025-12-18",
        }
    ]
)
