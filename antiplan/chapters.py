"""The course's chapters: one per mechanism of the model, each with the parameters it introduces
(``antiplan.PARAMETERS``' ``chapter``) and its scenario (``ch01`` to ``ch10``)."""

from __future__ import annotations

CHAPTER_TITLES: dict[int, str] = {
    1: "Serge's black decade",
    2: "Command documents",
    3: "Anti-planning",
    4: "Collectivization without tractors",
    5: "A march through conquered territory",
    6: "Labor: shortage, turnover, collusion",
    7: "Growth on paper, growth in fact",
    8: "Shock work and Stakhanovism",
    9: "Hunger, resistance and terror",
    10: "What kind of society?",
}
"""Each chapter's short title, as the book, the dashboards and the notebooks give it."""

CHAPTER_RULES: dict[int, str] = {
    1: "investment",
    2: "next_target",
    3: "padding_share",
    4: "diversion",
    5: "cascade",
    6: "quit_rate",
    7: "construction",
    8: "record_output",
    9: "strike_chance",
    10: "report",
}
"""The rule (a name in ``antiplan.DEFAULT_RULES``) for each chapter's mechanism: the one a reader
replaces with a rule of their own on the chapter's page, in the live model in the browser."""
