"""Normalization tables: dates, actors and places (invented cases from articles on many conflicts).

Each table prints its accuracy and its misses; docs/evaluation.md reports the figures.
"""

from __future__ import annotations

from collections import Counter

import pytest

from eventx.eventdata.actors import normalize_actor
from eventx.eventdata.dates import parse_input_date, resolve_time
from eventx.eventdata.places import gazetteer

D = parse_input_date

# (conflict, phrase, document date, expected ISO 8601 value or None)
DATES = [
    ("ukraine", "on Saturday", "2025-05-17", "2025-05-17"),
    ("ukraine", "overnight", "2025-05-17", "2025-05-17"),
    ("ukraine", "yesterday", "2025-05-17", "2025-05-16"),
    ("ukraine", "on Friday", "2025-05-17", "2025-05-16"),
    ("ukraine", "last week", "2025-05-17", "2025-W19"),
    ("ukraine", "since February 2022", "2025-05-17", "2022-02/.."),
    ("ukraine", "in March 2022", "2025-05-17", "2022-03"),
    ("ukraine", "in 2014", "2025-05-17", "2014"),
    ("sudan", "on Friday", "2024-04-14", "2024-04-12"),
    ("sudan", "last month", "2024-04-14", "2024-03"),
    ("sudan", "earlier this month", "2024-04-14", "2024-04"),
    ("sudan", "since April 2023", "2024-04-14", "2023-04/.."),
    ("sudan", "on Feb. 8", "2024-04-14", "2024-02-08"),
    ("sudan", "this week", "2024-04-14", "2024-W15"),
    ("gaza", "on Thursday", "2025-02-08", "2025-02-06"),
    ("gaza", "on Monday", "2025-02-08", "2025-02-03"),
    ("gaza", "in October 2023", "2025-02-08", "2023-10"),
    ("gaza", "on Jan. 19", "2025-02-08", "2025-01-19"),
    ("gaza", "overnight", None, None),
    ("gaza", "yesterday", None, None),
    ("myanmar", "on Thursday", "2025-05-13", "2025-05-08"),
    ("myanmar", "in August", "2025-05-13", "2024-08"),
    ("myanmar", "since the coup in February 2021", "2025-05-13", "2021-02/.."),
    ("myanmar", "next month", "2025-05-13", "2025-06"),
    ("myanmar", "on Saturday", None, None),
    ("sahel", "on Saturday", "2024-06-15", "2024-06-15"),
    ("sahel", "last year", "2024-06-15", "2023"),
    ("sahel", "in January 2024", None, "2024-01"),
    ("sahel", "on June 11, 2024", None, "2024-06-11"),
    ("sahel", "on June 11", None, None),
    ("drc", "on Wednesday", "2025-03-20", "2025-03-19"),
    ("drc", "in January", "2025-03-20", "2025-01"),
    ("drc", "since 2021", "2025-03-20", "2021/.."),
    ("drc", "last week", "2025-03-20", "2025-W11"),
    ("yemen", "on Monday", "2024-01-16", "2024-01-15"),
    ("yemen", "in December 2023", "2024-01-16", "2023-12"),
    ("yemen", "today", "2024-01-16", "2024-01-16"),
    ("kashmir", "overnight", "2025-04-30", "2025-04-30"),
    ("kashmir", "last month", "2025-04-30", "2025-03"),
    ("kashmir", "on Tuesday", "2025-04-30", "2025-04-29"),
    ("kashmir", "in 2019", None, "2019"),
    ("ethiopia", "on Sunday", "2025-03-04", "2025-03-02"),
    ("ethiopia", "in November 2020", "2025-03-04", "2020-11"),
    ("syria", "in the spring of 2020", "2025-02-10", "2020"),
    ("syria", "last week", "2025-02-10", "2025-W06"),
    # written after the glue was fixed, before running it (held out):
    ("libya", "on Tuesday", "2024-08-15", "2024-08-13"),
    ("libya", "since the clashes in August 2023", "2024-08-15", "2023-08/.."),
    ("somalia", "late last month", "2024-03-10", "2024-02"),
    ("somalia", "two days ago", "2024-03-10", "2024-03-08"),
    ("haiti", "on the night of March 2", "2024-03-10", "2024-03-02"),
    ("haiti", "earlier this week", "2024-03-10", "2024-W10"),
]

# (conflict, phrase, role, normalized, country, sector)
ACTORS = [
    ("ukraine", "the Russian army", None, "Military Forces of Russia", "RUS", "military"),
    ("ukraine", "the Kremlin", None, "Government of Russia", "RUS", "government"),
    ("ukraine", "Moscow", "participants", "Government of Russia", "RUS", "government"),
    ("ukraine", "Kyiv", "attributed_to", "Government of Ukraine", "UKR", "government"),
    ("ukraine", "the Ukrainian delegation", None, "Government of Ukraine", "UKR", "government"),
    ("ukraine", "Russian forces", None, "Military Forces of Russia", "RUS", "military"),
    ("ukraine", "Ukraine", "demander", "Government of Ukraine", "UKR", "government"),
    ("ukraine", "Kremlin spokesperson Dmitry Peskov", None, "Government of Russia", "RUS", "government"),
    ("yemen", "Houthi rebels", None, "Houthis", "YEM", "rebels"),
    ("yemen", "the Houthi movement", None, "Houthis", "YEM", "rebels"),
    ("yemen", "U.S. warplanes", None, "Military Forces of United States", "USA", "military"),
    ("yemen", "British", "attacker", "Military Forces of United Kingdom", "GBR", "military"),
    ("yemen", "Saudi officials", None, "Government of Saudi Arabia", "SAU", "government"),
    ("sudan", "the RSF", None, "Rapid Support Forces", "SDN", "militia"),
    ("sudan", "RSF fighters", None, "Rapid Support Forces", "SDN", "militia"),
    ("sudan", "the Sudanese army", None, "Military Forces of Sudan", "SDN", "military"),
    ("sudan", "Khartoum", "participants", "Government of Sudan", "SDN", "government"),
    ("gaza", "Hamas", None, "Hamas", "PSE", "rebels"),
    ("gaza", "Israeli troops", None, "Military Forces of Israel", "ISR", "military"),
    ("gaza", "Israel", "parties", "Government of Israel", "ISR", "government"),
    ("gaza", "Israeli", "attacker", "Military Forces of Israel", "ISR", "military"),
    ("gaza", "the Qatari foreign ministry", None, "Government of Qatar", "QAT", "government"),
    ("myanmar", "the Myanmar military", None, "Military Forces of Myanmar", "MMR", "military"),
    ("myanmar", "the Myanmar National Democratic Alliance Army", None, "MNDAA", "MMR", "rebels"),
    ("myanmar", "Chinese officials", None, "Government of China", "CHN", "government"),
    ("myanmar", "ASEAN", None, "ASEAN", None, "international organisation"),
    ("sahel", "JNIM", None, "JNIM", None, "rebels"),
    ("sahel", "Malian soldiers", None, "Military Forces of Mali", "MLI", "military"),
    ("sahel", "Russian paramilitaries", None, "Militia (Russia)", "RUS", "militia"),
    ("sahel", "ECOWAS", None, "ECOWAS", None, "international organisation"),
    ("sahel", "gunmen", None, "gunmen", None, "rebels"),
    ("drc", "M23 rebels", None, "M23", "COD", "rebels"),
    ("drc", "Kinshasa", "participants", "Government of Democratic Republic of the Congo", "COD", "government"),
    ("drc", "Rwandan troops", None, "Military Forces of Rwanda", "RWA", "military"),
    ("drc", "the UN Security Council", None, "United Nations", None, "international organisation"),
    ("kashmir", "Pakistani troops", None, "Military Forces of Pakistan", "PAK", "military"),
    ("kashmir", "Islamabad", "attributed_to", "Government of Pakistan", "PAK", "government"),
    ("kashmir", "New Delhi", "demander", "Government of India", "IND", "government"),
    ("kashmir", "Indian", "attacker", "Military Forces of India", "IND", "military"),
    ("ethiopia", "Fano militiamen", None, "Fano", "ETH", "militia"),
    ("ethiopia", "the TPLF", None, "TPLF", "ETH", "rebels"),
    ("ethiopia", "Eritrea’s president", None, "Government of Eritrea", "ERI", "government"),
    ("syria", "the SDF", None, "Syrian Democratic Forces", "SYR", "rebels"),
    ("syria", "Damascus", "participants", "Government of Syria", "SYR", "government"),
    ("syria", "Turkish drones", None, "Military Forces of Turkey", "TUR", "military"),
    # written after the rules were fixed, before running them (held out):
    ("libya", "forces loyal to the Tripoli government", None, "Military Forces of Libya", "LBY", "military"),
    ("libya", "the Libyan National Army", None, "Military Forces of Libya", "LBY", "military"),
    ("somalia", "al-Shabaab militants", None, "al-Shabaab", "SOM", "rebels"),
    ("somalia", "Somali police", None, "Police Forces of Somalia", "SOM", "police"),
    ("haiti", "Haitian police", None, "Police Forces of Haiti", "HTI", "police"),
    ("haiti", "gang members", None, "gang members", None, "militia"),
]

# (conflict, phrase, document countries, name, country, precision)
PLACES = [
    ("ukraine", "Istanbul", ("UKR", "RUS"), "Istanbul", "TUR", "city"),
    ("ukraine", "Ukraine", ("UKR",), "Ukraine", "UKR", "country"),
    ("ukraine", "Kharkiv", ("UKR",), "Kharkiv", "UKR", "city"),
    ("ukraine", "Crimea", ("UKR", "RUS"), "Crimea", "UKR", "admin1"),
    ("ukraine", "the Black Sea", ("UKR",), "Black Sea", None, "region"),
    ("ukraine", "Odesa", ("UKR",), "Odesa", "UKR", "city"),
    ("sudan", "Omdurman", ("SDN",), "Omdurman", "SDN", "city"),
    ("sudan", "El Fasher", ("SDN",), "El Fasher", "SDN", "city"),
    ("sudan", "Nyala", ("SDN",), "Nyala", "SDN", "city"),
    ("sudan", "Jeddah", ("SDN",), "Jeddah", "SAU", "city"),
    ("sudan", "North Darfur", ("SDN",), "North Darfur", "SDN", "admin1"),
    ("gaza", "Gaza City", ("PSE", "ISR"), "Gaza", "PSE", "city"),
    ("gaza", "north of Gaza City", ("PSE", "ISR"), "Gaza", "PSE", "city"),
    ("gaza", "Doha", ("PSE", "ISR", "QAT"), "Doha", "QAT", "city"),
    ("gaza", "the Netzarim corridor", ("PSE",), "Netzarim corridor", "PSE", "region"),
    ("gaza", "Khan Younis", ("PSE",), "Khān Yūnis", "PSE", "city"),
    ("myanmar", "Sagaing region", ("MMR",), "Sagaing", "MMR", "admin1"),
    ("myanmar", "Monywa", ("MMR",), "Monywa", "MMR", "city"),
    ("myanmar", "Kunming", ("MMR", "CHN"), "Kunming", "CHN", "city"),
    ("myanmar", "Kuala Lumpur", ("MMR",), "Kuala Lumpur", "MYS", "city"),
    ("myanmar", "Lashio", ("MMR",), "Lashio", "MMR", "city"),
    ("sahel", "Djibo", ("BFA",), "Djibo", "BFA", "city"),
    ("sahel", "northern Burkina Faso", ("BFA",), "Burkina Faso", "BFA", "country"),
    ("sahel", "Niamey", ("NER", "MLI", "BFA"), "Niamey", "NER", "city"),
    ("sahel", "Bankass", ("MLI",), "Bankass", "MLI", "city"),
    ("sahel", "the north of the country", ("MLI",), "Mali", "MLI", "country"),
    ("drc", "Goma", ("COD", "RWA"), "Goma", "COD", "city"),
    ("drc", "North Kivu", ("COD",), "North Kivu", "COD", "admin1"),
    ("drc", "Luanda", ("COD", "AGO"), "Luanda", "AGO", "city"),
    ("drc", "Sake", ("COD",), "Sake", "COD", "city"),
    ("yemen", "the Red Sea", ("YEM",), "Red Sea", None, "region"),
    ("yemen", "Marib", ("YEM",), "Ma'rib", "YEM", "city"),
    ("yemen", "Muscat", ("YEM", "OMN"), "Muscat", "OMN", "city"),
    ("yemen", "Sanaa", ("YEM",), "Sanaa", "YEM", "city"),
    ("kashmir", "Pulwama", ("IND", "PAK"), "Pulwama", "IND", "city"),
    ("kashmir", "the Line of Control", ("IND", "PAK"), "Line of Control", "IND", "region"),
    ("kashmir", "Poonch sector", ("IND",), "Pūnch", "IND", "city"),
    ("ethiopia", "Amhara region", ("ETH",), "Amhara", "ETH", "admin1"),
    ("ethiopia", "Mekelle", ("ETH",), "Mek'ele", "ETH", "city"),
    ("ethiopia", "Addis Ababa", ("ETH",), "Addis Ababa", "ETH", "city"),
    ("syria", "Kobani", ("SYR", "TUR"), "‘Ayn al ‘Arab", "SYR", "city"),
    ("syria", "southern Syria", ("SYR",), "Syria", "SYR", "country"),
    ("libya", "Tripoli", ("LBY",), "Tripoli", "LBY", "city"),
    ("lebanon", "Tripoli", ("LBN", "SYR"), "Tripoli", "LBN", "city"),
    ("somalia", "Mogadishu", ("SOM",), "Mogadishu", "SOM", "city"),
    # written after the gazetteer was fixed, before running it (held out):
    ("libya", "Benghazi", ("LBY",), "Benghazi", "LBY", "city"),
    ("libya", "eastern Libya", ("LBY",), "Libya", "LBY", "country"),
    ("somalia", "Baidoa", ("SOM",), "Baidoa", "SOM", "city"),
    ("somalia", "Lower Shabelle region", ("SOM",), "Lower Shabelle", "SOM", "admin1"),
    ("haiti", "Port-au-Prince", ("HTI",), "Port-au-Prince", "HTI", "city"),
    ("haiti", "Cite Soleil", ("HTI",), "Cité Soleil", "HTI", "city"),
]


def _conflicts(rows: list[tuple]) -> set[str]:
    return {r[0] for r in rows}


def test_tables_are_large_and_varied() -> None:
    for rows in (DATES, ACTORS, PLACES):
        assert len(rows) >= 40
        assert len(_conflicts(rows)) >= 6


FLOOR = 0.85  # each table's accuracy must stay at or above this (docs/evaluation.md gives the figures)


def _date_ok(row: tuple) -> bool:
    _conflict, phrase, doc_date, expected = row
    found = resolve_time(phrase, D(doc_date) if doc_date else None)
    return (found.value if found else None) == expected


def _actor_ok(row: tuple) -> bool:
    _conflict, phrase, role, normalized, country, sector = row
    actor = normalize_actor(phrase, role)
    return actor is not None and (actor.normalized, actor.country, actor.sector) == (normalized, country, sector)


def _place_ok(row: tuple) -> bool:
    _conflict, phrase, countries, name, country, precision = row
    doc = Counter({c: len(countries) - i for i, c in enumerate(countries)})
    place = gazetteer().resolve(phrase, doc, countries[0])
    if place is None or (place.name, place.country, place.precision) != (name, country, precision):
        return False
    return precision != "city" or (place.lat is not None and place.lon is not None)


@pytest.mark.parametrize(("table", "check"), [("dates", _date_ok), ("actors", _actor_ok), ("places", _place_ok)])
def test_table_accuracy(table: str, check: object, capsys: pytest.CaptureFixture[str]) -> None:
    rows = {"dates": DATES, "actors": ACTORS, "places": PLACES}[table]
    misses = [row for row in rows if not check(row)]  # type: ignore[operator]
    accuracy = 1 - len(misses) / len(rows)
    with capsys.disabled():
        print(f"\n{table}: {len(rows) - len(misses)}/{len(rows)} = {accuracy:.3f}; misses: {misses}")
    assert accuracy >= FLOOR, misses


def test_known_cases_exactly() -> None:
    """The issue's own examples must hold exactly."""
    assert _date_ok(("ukraine", "on Saturday", "2025-05-17", "2025-05-17"))
    assert _date_ok(("ukraine", "yesterday", None, None))
    assert _actor_ok(("ukraine", "the Russian army", None, "Military Forces of Russia", "RUS", "military"))
    assert _actor_ok(("yemen", "Houthi rebels", None, "Houthis", "YEM", "rebels"))
    assert _place_ok(("ukraine", "the north of the country", ("UKR", "RUS"), "Ukraine", "UKR", "country"))
