"""ACLED and UCDP GED exports for tests: the layouts' columns, and rows written here.

Every row is made up for these tests in the datasets' style (no real data): the places and
actors are real names so that matching can be tested, the notes and headlines are ours.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp")
UCDP_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob")
assert len(ACLED_COLUMNS) == 31 and len(UCDP_COLUMNS) == 49

RAQQA_NOTE = ('On 17 October 2017, SDF fighters backed by coalition aircraft took full control of '
              'Raqqa city after driving the last IS fighters from the stadium and the "national" '
              'hospital.\nFatalities: 12 (reported).')
ACLED_ROWS: tuple[dict[str, str], ...] = (
    {"event_id_cnty": "SYR1001", "event_date": "2017-10-17", "year": "2017",
     "time_precision": "1", "disorder_type": "Political violence", "event_type": "Battles",
     "sub_event_type": "Non-state actor overtakes territory",
     "actor1": "SDF: Syrian Democratic Forces",
     "assoc_actor_1": "YPG: People's Protection Units; Operation Inherent Resolve",
     "inter1": "Rebel group", "actor2": "Islamic State (Syria)", "inter2": "Rebel group",
     "iso": "760", "region": "Middle East", "country": "Syria", "admin1": "Ar-Raqqa",
     "admin2": "Ar-Raqqa", "location": "Ar-Raqqa", "latitude": "35.9528",
     "longitude": "39.0079", "geo_precision": "1", "source": "SOHR; Hawar News",
     "notes": RAQQA_NOTE, "fatalities": "12", "timestamp": "1508371200"},
    {"event_id_cnty": "SYR1002", "event_date": "2 March 2017", "year": "2017",
     "time_precision": "1", "event_type": "Battles", "sub_event_type": "Government regains territory",
     "actor1": "Military Forces of Syria (2000-)", "assoc_actor_1": "Military Forces of Russia (2000-)",
     "actor2": "Islamic State (Syria)", "country": "Syria", "admin1": "Homs",
     "location": "Tadmur", "latitude": "34.5601", "longitude": "38.2839", "geo_precision": "1",
     "notes": "On 2 March 2017, regime forces re-entered Tadmur with Russian air cover; "
              "IS fighters withdrew east.", "fatalities": "9", "timestamp": "1488844800"},
    {"event_id_cnty": "SYR1003", "event_date": "19-06-2017", "year": "2017",
     "time_precision": "2", "event_type": "Explosions/Remote violence",
     "sub_event_type": "Air/drone strike", "actor1": "Military Forces of Russia (2000-)",
     "actor2": "Civilians (Syria)", "country": "Syria", "admin1": "Deir-ez-Zor",
     "location": "Al Mayadin", "latitude": "35.0208", "longitude": "40.4522",
     "geo_precision": "2", "notes": "Around mid-June 2017, Russian jets struck a market near "
     "Al Mayadin; 5 civilians were killed.", "fatalities": "5", "timestamp": "1498435200"},
    {"event_id_cnty": "SYR1004", "event_date": "15 August 2016", "year": "2016",
     "time_precision": "3", "event_type": "Violence against civilians",
     "sub_event_type": "Abduction/forced disappearance",
     "actor1": "Unidentified Armed Group (Syria)", "actor2": "Civilians (Syria)",
     "country": "Syria", "admin1": "Homs", "location": "Wadi al Ahmar Station",
     "latitude": "34.3100", "longitude": "37.6100", "geo_precision": "3",
     "notes": "In August 2016, gunmen abducted two shepherds near a desert pumping station.",
     "fatalities": "0", "timestamp": "1472688000"},
    {"event_id_cnty": "SYR1005", "event_date": "2018-12-31", "year": "2018",
     "time_precision": "1", "event_type": "Protests", "sub_event_type": "Peaceful protest",
     "actor1": "Protesters (Syria)", "actor2": "", "country": "Syria", "admin1": "Idleb",
     "location": "Idlib", "latitude": "35.9306", "longitude": "36.6339", "geo_precision": "1",
     "notes": "On 31 December 2018, residents gathered in Idlib's main square to protest "
              "against bread prices.", "fatalities": "", "timestamp": "1546300800"},
)
UCDP_ROWS: tuple[dict[str, str], ...] = (
    {"id": "200001", "year": "2017", "type_of_violence": "1", "conflict_name": "Syria: Government",
     "dyad_name": "Government of Syria - IS", "side_a": "Government of Syria", "side_b": "IS",
     "source_headline": "Army units push into eastern districts of Deir ez-Zor",
     "where_prec": "1", "where_coordinates": "Dayr az Zawr town",
     "adm_1": "Dayr az Zawr governorate", "latitude": "35.336", "longitude": "40.140",
     "country": "Syria", "date_prec": "1", "date_start": "2017-11-03 00:00:00.000",
     "date_end": "2017-11-03 00:00:00.000", "deaths_civilians": "4", "best": "34",
     "high": "40", "low": "30"},
    {"id": "200002", "year": "2016", "type_of_violence": "3", "conflict_name": "IS - Civilians",
     "dyad_name": "IS - Civilians", "side_a": "IS", "side_b": "Civilians",
     "source_headline": "Families killed as militants storm a farm outside Manbij",
     "where_prec": "2", "where_coordinates": "Manbij town", "adm_1": "Aleppo governorate",
     "latitude": "36.5281", "longitude": "37.9549", "country": "Syria", "date_prec": "3",
     "date_start": "2016-07-04", "date_end": "2016-07-10", "deaths_civilians": "7",
     "best": "7", "high": "9", "low": "7"},
    {"id": "200003", "year": "2019", "type_of_violence": "2", "conflict_name": "IS - SDF",
     "dyad_name": "IS - SDF", "side_a": "SDF", "side_b": "IS",
     "source_headline": "Fighting for the last pocket east of the Euphrates goes on",
     "where_prec": "1", "where_coordinates": "Baghuz village",
     "adm_1": "Dayr az Zawr governorate", "latitude": "34.45", "longitude": "40.93",
     "country": "Syria", "date_prec": "4", "date_start": "2019-03-01", "date_end": "2019-03-31",
     "best": "15", "high": "15", "low": "15"},
    {"id": "200004", "year": "2019", "type_of_violence": "1",
     "conflict_name": "Syria: Government", "dyad_name": "Government of Turkey - SDF",
     "side_a": "Government of Turkey", "side_b": "SDF", "source_headline": "",
     "source_article": "Turkish artillery shells the outskirts of Ras al-Ayn; SDF says it "
                       "repelled an advance, 31 December 2019 ×",
     "source_original": "SDF; Turkish military",
     "where_prec": "1", "where_coordinates": "Ras al Ayn town",
     "adm_1": "Al Hasakah governorate", "latitude": "36.8503", "longitude": "40.0706",
     "country": "Syria", "date_prec": "2", "date_start": "2019-10-09",
     "date_end": "2019-10-12", "best": "12", "high": "20", "low": "10"},
    {"id": "200005", "year": "2015", "type_of_violence": "1",
     "conflict_name": "Syria: Government", "dyad_name": "Government of Syria - Syrian insurgents",
     "side_a": "Government of Syria", "side_b": "Syrian insurgents",
     "source_headline": "Monthly toll: fighting across the country", "where_prec": "6",
     "where_coordinates": "Syria", "latitude": "35.0", "longitude": "38.5", "country": "Syria",
     "date_prec": "5", "date_start": "2015-01-01", "date_end": "2015-12-31", "best": "110",
     "high": "130", "low": "100"},
)


def export_text(columns: tuple[str, ...], rows: Any) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


def write_acled(folder: Path, rows: Any = ACLED_ROWS, name: str = "acled-syria.csv") -> Path:
    path = folder / name
    path.write_text(export_text(ACLED_COLUMNS, rows), encoding="utf-8", newline="")
    return path


def write_ucdp(folder: Path, rows: Any = UCDP_ROWS, name: str = "ged-syria.csv") -> Path:
    path = folder / name
    path.write_text(export_text(UCDP_COLUMNS, rows), encoding="utf-8", newline="")
    return path
