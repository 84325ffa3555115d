"""A small story written for the tests: two outlets cover the same protests and name the crowd differently.

"The Daily Post" writes "protesters", "The Evening Star" writes "rioters"; the rest of the vocabulary is
shared, so the only naming contest is that pair. The sentences also hold hand-checked cases for agency
(who injured whom) and for people's names (Maria Lopez / Lopez / Ms Lopez; Governor Tom Baker / Baker).
"""

from __future__ import annotations

import pandas as pd

POST = [
    "Police injured dozens of protesters near the city hall on Monday. Governor Tom Baker said the city would "
    "investigate. Protesters gathered again in the evening.",
    "Thousands of protesters marched to the main square. The protesters carried flags and sang. "
    "Maria Lopez, a nurse, said the protesters wanted new elections.",
    "Several protesters were arrested after the march. Ms Lopez said the police had used force. "
    "The protesters returned to the square on Tuesday.",
    "The protesters blocked the bridge for two hours. Baker said the bridge would reopen. "
    "Protesters and police faced each other across the square.",
    "Protesters were injured by police in the main square. Lopez told reporters the protesters would stay. "
    "The city council met the protesters on Wednesday.",
    "The protesters left the square at night. Police said the protesters had damaged two cars. "
    "Governor Baker thanked the city workers.",
]
STAR = [
    "Rioters were injured near the city hall on Monday. Governor Tom Baker said the city would investigate. "
    "Rioters gathered again in the evening.",
    "Thousands of rioters marched to the main square. The rioters carried flags and sang. "
    "Maria Lopez, a nurse, said the rioters wanted new elections.",
    "Several rioters were arrested after the march. Mrs Lopez said the police had used force. "
    "The rioters returned to the square on Tuesday.",
    "The rioters blocked the bridge for two hours. Governor Baker said the bridge would reopen. "
    "Rioters and police faced each other across the square.",
    "Clashes left 14 injured in the main square. Lopez told reporters the rioters would stay. "
    "The city council met the rioters on Wednesday.",
    "The rioters left the square at night. Police said the rioters had damaged two cars. "
    "Tom Baker thanked the city workers.",
]


def protest_articles() -> pd.DataFrame:
    """The twelve articles as an article table (``article_id``, ``outlet``, ``title``, ``text``, ``published``)."""
    rows = [("The Daily Post", i, text) for i, text in enumerate(POST)] + \
           [("The Evening Star", i, text) for i, text in enumerate(STAR)]
    return pd.DataFrame({
        "article_id": [f"{outlet[4]}{i}" for outlet, i, _ in rows],
        "outlet": [outlet for outlet, _, _ in rows],
        "title": ["" for _ in rows],
        "text": [text for _, _, text in rows],
        "published": pd.to_datetime([f"2024-05-0{1 + i}" for _, i, _ in rows], utc=True),
        "language": "en",
    })
