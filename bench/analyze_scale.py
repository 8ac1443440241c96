"""How `pacewise analyze` grows with the diary: seconds and peak memory for diaries of 1,000 to
100,000 days, with the default window (the most recent MAX_DAYS days) and, up to 16,000
days, with the window lifted (--max-days 100000) to show why the window is there.

    .venv/bin/python bench/analyze_scale.py [--factors N]

Prints one row per run. Diaries are made here (seeded): pain 0-10 and N yes/no tags, the first
of which moves pain; figures are whole-process (reading the file included), by GNU time.

Measured on this machine (2 cores), 3 tags: 1,000 days 1.0 s / 104 MB; 4,000 1.2 s / 132 MB;
16,000 1.3 s / 138 MB; 100,000 2.0 s / 179 MB. Window lifted: 16,000 days 4.0 s / 614 MB
(the growth that made 100,000 days reach 20 GB before the window).
"""

from __future__ import annotations

import argparse
import datetime
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from pacewise.analyze import MAX_DAYS


def write_diary(path: Path, days: int, factors: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    names = [f"tag{i}" for i in range(factors)]
    start = datetime.date(1900, 1, 1)
    with path.open("w") as out:
        out.write("date,pain," + ",".join(names) + "\n")
        for i in range(days):
            marks = [int(rng.random() < 0.25) for _ in names]
            pain = max(0, min(10, round(4 + 1.5 * marks[0] + rng.gauss(0, 1.2))))
            out.write(f"{start + datetime.timedelta(days=i)},{pain},{','.join(map(str, marks))}\n")


def run(path: Path, *extra: str) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one `pacewise analyze`, by GNU time."""
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", sys.executable, "-m", "pacewise.cli", "analyze",
         str(path), *extra],
        check=True, capture_output=True, text=True,
    )
    seconds, kilobytes = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kilobytes) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--factors", type=int, default=3)
    options = parser.parse_args()
    print(f"pacewise analyze, {options.factors} factors, default window {MAX_DAYS} days")
    print(f"{'days':>7}  {'window':>8}  {'seconds':>8}  {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for days in (1_000, 4_000, 16_000, 100_000):
            path = Path(folder) / f"diary{days}.csv"
            write_diary(path, days, options.factors)
            seconds, peak = run(path)
            print(f"{days:>7}  {min(days, MAX_DAYS):>8}  {seconds:>8.1f}  {peak:>8.0f}")
        for days in (4_000, 16_000):
            seconds, peak = run(Path(folder) / f"diary{days}.csv", "--max-days", "100000")
            print(f"{days:>7}  {'all':>8}  {seconds:>8.1f}  {peak:>8.0f}   (window lifted)")


if __name__ == "__main__":
    main()
