"""Small article sets on stories that are not about a war, in the shapes a new user's own set comes in.

Two stories, written for these tests: a local protest (residents of Millbrook against the closure of
the Elm Street library) and a city-hall decision (Harbourton's council votes on bike lanes on Quay
Road). Each article is a few paragraphs of plain news prose with quotes, named sources ("Jane Doe
said", "according to the council") and a few loaded words ("so-called", "reportedly", "outrage");
the *plain* variants have none of these. :func:`write_shape` writes one shape into a folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

PROTEST = [
    "Hundreds of residents marched down Elm Street on Saturday to protest the planned closure of the Millbrook "
    "library, which the county wants to shut in the spring.",
    "\"This library is where my children learned to read,\" said Maria Lopez, who organised the march. \"Closing "
    "it would cut the neighbourhood off from the one public room it has.\"",
    "According to the county budget office, the closure would save about 400,000 dollars a year.",
    "Councillor Tom Becker said the county had not consulted residents before the vote, and called the plan a "
    "so-called saving that moves the cost onto families.",
    "The protesters carried hand-painted signs and a petition with more than 3,000 signatures, which Maria Lopez "
    "handed to the county clerk at the end of the march.",
    "County officials reportedly plan to sell the building, although the budget office said no buyer has been "
    "found.",
    "Tom Becker said he would ask the county board to delay the closure until a public hearing is held.",
    "Many residents expressed outrage at the speed of the decision, and several said they would return to the "
    "board meeting on Tuesday.",
]

CITY_HALL = [
    "Harbourton's city council voted seven to four on Monday night to build protected bike lanes along Quay Road, "
    "ending a debate that has divided the harbour district for two years.",
    "\"We are making the street safer for everyone who uses it,\" said Mayor Ana Silva after the vote.",
    "Shop owners on Quay Road had asked the council to keep the parking spaces that the lanes will replace.",
    "Daniel Okafor, who runs a bakery on the road, said the decision was a huge blow to small businesses that "
    "depend on drivers stopping for a few minutes.",
    "According to the city transport department, the lanes will cost 2.1 million dollars and open next summer.",
    "The council also approved a study of delivery zones, which Ana Silva said would answer the concerns of "
    "shop owners.",
    "Cycling groups welcomed the vote, and the harbour district association reportedly plans to appeal it.",
    "Councillor Priya Nair said the council would review the bike lanes after one year of use.",
]

# No lexicon entry, no quotation mark, no reporting verb: for the shape "no hit, no quote, no attribution".
PLAIN = [
    "The city council met on Monday evening in the town hall on Quay Road.",
    "The agenda covered bike lanes, parking spaces and delivery zones for the shops of the harbour district.",
    "The members read the report of the transport department and asked questions about the cost of the lanes.",
    "The vote on the bike lanes passed seven to four, and work on the road will start in the spring.",
    "The next meeting of the council is in two weeks and will cover the budget for the parks.",
]

GERMAN = [
    "Der Stadtrat von Hafenstadt hat am Montagabend mit sieben zu vier Stimmen beschlossen, geschützte Radwege "
    "entlang der Kaistraße zu bauen.",
    "Die Ladenbesitzer hatten den Rat gebeten, die Parkplätze zu erhalten, die durch die Radwege wegfallen "
    "werden.",
    "Nach Angaben des Verkehrsamtes werden die Radwege zwei Millionen Euro kosten und im nächsten Sommer eröffnet.",
]

FRENCH = [
    "Des centaines d'habitants ont défilé samedi dans la rue des Ormes pour protester contre la fermeture prévue "
    "de la bibliothèque du quartier.",
    "Selon le service du budget, la fermeture permettrait d'économiser environ quatre cent mille euros par an.",
    "Les manifestants portaient des pancartes peintes à la main et une pétition de plus de trois mille signatures.",
]

SHAPES = ["one_article", "one_outlet_no_hits", "two_by_two_undated", "twenty_outlets_one_day", "years_with_outlier",
          "non_english"]


def _body(paragraphs: list[str], n: int) -> str:
    """A body of the story's paragraphs, rotated by ``n`` so that articles differ."""
    shift = n % len(paragraphs)
    return "\n\n".join(paragraphs[shift:] + paragraphs[:shift])


def _records(story: list[str], title: str, outlets: list[str], per_outlet: int, dates: list[str | None],
             **extra: object) -> list[dict]:
    records = []
    for i, outlet in enumerate(outlets):
        for j in range(per_outlet):
            n = i * per_outlet + j
            record = {"outlet": outlet, "title": f"{title} ({outlet}, part {j + 1})", "text": _body(story, n)}
            when = dates[n % len(dates)]
            if when is not None:
                record["published"] = when
            records.append({**record, **{k: (v[n % len(v)] if isinstance(v, list) else v) for k, v in extra.items()}})
    return records


def _jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def write_shape(shape: str, folder: Path) -> Path:
    """Write the set of one shape (one of :data:`SHAPES`) into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    if shape == "one_article":  # a single plain-text scrape: headline, time line, body
        text = "Millbrook residents march to save their library\n\n14 May 2024 10:30 BST\n\n" + _body(PROTEST, 0)
        (folder / "millbrook_library.txt").write_text(text + "\n", encoding="utf-8")
        (folder / "README.md").write_text("Notes on how I collected this article.\n", encoding="utf-8")
    elif shape == "one_outlet_no_hits":  # one CSV export from one outlet, with no loaded word, quote or source
        records = _records(PLAIN, "Council meeting on Quay Road", ["Harbourton Herald"], 4,
                           ["2024-03-04", "2024-03-05", "2024-03-11", "2024-03-12"])
        pd.DataFrame(records).to_csv(folder / "herald_export.csv", index=False)
    elif shape == "two_by_two_undated":  # two outlets, two articles each, no dates at all
        _jsonl(folder / "articles.jsonl",
               _records(PROTEST, "Library protest", ["Millbrook Gazette", "County Courier"], 2, [None]))
    elif shape == "twenty_outlets_one_day":  # twenty outlets, all on one day
        outlets = [f"Harbour Outlet {k:02d}" for k in range(1, 21)]
        _jsonl(folder / "articles.jsonl", _records(CITY_HALL, "Council approves Quay Road bike lanes", outlets, 1,
                                                   ["2024-06-03T21:00:00Z", "2024-06-03T22:15:00Z"]))
    elif shape == "years_with_outlier":  # dated over three years, one article misdated to 1970
        dates = ["2021-03-02", "2021-09-14", "2022-02-08", "2022-07-19", "2023-01-24", "2023-06-06", "1970-01-01"]
        records = _records(PROTEST, "Library protest", ["Millbrook Gazette", "County Courier"], 4, dates,
                           desk=["Local", "Politics"])
        records += _records(CITY_HALL, "Bike lanes", ["Harbourton Herald"], 3, dates[2:], desk="Politics")
        _jsonl(folder / "articles.jsonl", records)
    elif shape == "non_english":
        _jsonl(folder / "artikel.jsonl",
               _records(GERMAN, "Radwege beschlossen", ["Hafenstädter Zeitung"], 2, ["2024-06-03"])
               + _records(FRENCH, "Manifestation", ["Le Courrier"], 2, ["2024-05-14"]))
    else:
        raise ValueError(f"unknown shape {shape!r}; shapes are {SHAPES}")
    return folder
