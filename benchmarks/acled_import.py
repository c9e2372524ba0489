"""`veille import acled`: rows per second, and how many of ACLED's events fuse with veille's.

    python benchmarks/acled_import.py [--rows 2000] [--db PATH_OR_URL]

The ACLED-format file is generated here (the same on every run, a fixed seed; never ACLED's
own data): events in ten towns of five countries, each with a short note in ACLED's style.
veille first reads the notes of half of the rows as articles (`veille.extract_many`) and stores
them, then `veille import acled` loads the whole file into the same store: the rows veille had
read should mostly fuse with veille's records, the others become events only ACLED holds.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from veille import Runtime, extract_many, load_config
from veille.export.acled import ACLED_COLUMNS
from veille.ingest import article_from_text
from veille.store import open_store

# Town -> (country, ISO numeric, admin1, latitude, longitude, the state's forces).
TOWNS = {
    "Goma": ("Democratic Republic of Congo", 180, "Nord-Kivu", -1.6792, 29.2228,
             "Military Forces of the Democratic Republic of Congo (2019-)"),
    "Bunia": ("Democratic Republic of Congo", 180, "Ituri", 1.5594, 30.2522,
              "Military Forces of the Democratic Republic of Congo (2019-)"),
    "Gao": ("Mali", 466, "Gao", 16.2717, -0.0447, "Military Forces of Mali (2021-)"),
    "Mopti": ("Mali", 466, "Mopti", 14.4843, -4.183, "Military Forces of Mali (2021-)"),
    "Djibo": ("Burkina Faso", 854, "Sahel", 14.1022, -1.6306,
              "Military Forces of Burkina Faso (2022-)"),
    "Kaya": ("Burkina Faso", 854, "Centre-Nord", 13.0917, -1.0844,
             "Military Forces of Burkina Faso (2022-)"),
    "Maiduguri": ("Nigeria", 566, "Borno", 11.8464, 13.1603, "Military Forces of Nigeria (2023-)"),
    "Bama": ("Nigeria", 566, "Borno", 11.5221, 13.6856, "Military Forces of Nigeria (2023-)"),
    "Idlib": ("Syria", 760, "Idlib", 35.9306, 36.6339, "Military Forces of Syria (2000-2024)"),
    "Aleppo": ("Syria", 760, "Aleppo", 36.2021, 37.1343, "Military Forces of Syria (2000-2024)"),
}
JNIM = "JNIM: Group for Support of Islam and Muslims"
REBELS = {"Democratic Republic of Congo": "M23", "Mali": JNIM, "Burkina Faso": JNIM,
          "Nigeria": "Islamic State West Africa Province", "Syria": "Hayat Tahrir al-Sham"}


def rows(count: int, rng: random.Random) -> list[dict[str, object]]:
    """`count` armed clashes between a state's forces and a rebel group, in each town every
    third day (fusion joins reports a day apart: these are all distinct events), with a note
    in ACLED's style."""
    out = []
    towns = list(TOWNS)
    for i in range(count):
        town = towns[i % len(towns)]
        country, iso, admin1, lat, lon, army = TOWNS[town]
        day = dt.date(2020, 1, 1) + dt.timedelta(days=3 * (i // len(towns)))
        deaths = rng.choice([0, 0, 1, 2, 3, 5, 8, 12])
        rebel = REBELS[country]
        short = re.sub(r"\s*\(.*", "", army).replace("Military Forces of ", "the army of ")
        note = (f"On {day.day} {day:%B %Y}, {short} clashed with {rebel.split(':')[0]} "
                f"fighters in {town}, {admin1}. "
                + (f"{deaths} people were killed." if deaths else "No fatalities were reported."))
        out.append({
            "event_id_cnty": f"GEN{i + 1}", "event_date": day.isoformat(), "year": day.year,
            "time_precision": 1, "disorder_type": "Political violence", "event_type": "Battles",
            "sub_event_type": "Armed clash", "actor1": army, "assoc_actor_1": "", "inter1": 1,
            "actor2": rebel, "assoc_actor_2": "", "inter2": 2, "interaction": 12,
            "civilian_targeting": "", "iso": iso, "region": "", "country": country,
            "admin1": admin1, "admin2": "", "admin3": "", "location": town, "latitude": lat,
            "longitude": lon, "geo_precision": 1, "source": "Generated", "source_scale": "",
            "notes": note, "fatalities": deaths, "tags": "", "timestamp": 1735689600,
        })
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--db", help="store to use (default: a new SQLite file)")
    args = parser.parse_args()
    generated = rows(args.rows, random.Random(11))
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "acled.db")
        store = open_store(db)
        rt = Runtime(load_config())
        notes = [article_from_text(str(r["notes"]), name=str(r["event_id_cnty"]),
                                   published=dt.date.fromisoformat(str(r["event_date"])))
                 for r in generated[::2]]
        start = time.perf_counter()
        store.save_all(extract_many(notes, runtime=rt))
        read = time.perf_counter() - start
        print(f"veille read {len(notes)} of the notes: {len(notes) / read:.1f} articles/s, "
              f"{store.count('events')} events stored")
        path = Path(tmp) / "acled.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
            writer.writeheader()
            writer.writerows(generated)
        veille = str(Path(sys.executable).with_name("veille"))
        start = time.perf_counter()
        done = subprocess.run([veille, "import", "acled", str(path), "--db", db],
                              capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.stdout)
        print(f"veille import acled: {args.rows} rows in {seconds:.1f} s "
              f"({args.rows / seconds:.0f} rows/s, the command's start included)")
        for which in ("also", "not", "only"):
            print(f"  --acled {which}: {sum(1 for _ in store.events(acled=which))} events")


if __name__ == "__main__":
    main()
