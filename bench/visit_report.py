"""Visit report render time: HTML, then PDF with WeasyPrint, for the sample 12-week report.

    .venv/bin/python bench/visit_report.py [--repeat 5] [--weeks 12] [--out /tmp/visit.pdf]

Prints the import time of WeasyPrint, the first (cold) and the median warm render time of
the HTML and of the PDF, the page count and the PDF size. Figures: docs/exchange.md.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import timedelta

from pacewise.exchange.report import render_html, render_pdf
from pacewise.exchange.report_sample import START, sample_capacity, sample_days, sample_report


def timed(fn, *args):
    t = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--out", default=None, help="write the PDF here")
    args = parser.parse_args()

    end = START + timedelta(weeks=args.weeks) - timedelta(days=1)
    data = sample_report(
        period_end=end,
        generated_on=end + timedelta(days=2),
        days=sample_days(weeks=args.weeks),
        capacity=sample_capacity(weeks=args.weeks),
    )
    _, import_s = timed(__import__, "weasyprint")
    html, first_html = timed(render_html, data)
    pdf, first_pdf = timed(render_pdf, data)
    warm_html = [timed(render_html, data)[1] for _ in range(args.repeat)]
    warm_pdf = [timed(render_pdf, data)[1] for _ in range(args.repeat)]

    from weasyprint import HTML

    pages = len(HTML(string=html).render().pages)
    ms = 1000
    print(f"period: {args.weeks} weeks, {len(data.days)} days with entries")
    print(f"weasyprint import: {import_s:.2f} s")
    print(
        f"html: first {first_html * ms:.1f} ms, median {statistics.median(warm_html) * ms:.1f} ms"
    )
    print(f"pdf:  first {first_pdf:.2f} s, median {statistics.median(warm_pdf):.2f} s")
    print(f"pages: {pages}, pdf {len(pdf) // 1024} KiB, html {len(html) // 1024} KiB")
    if args.out:
        with open(args.out, "wb") as f:
            f.write(pdf)
        print(f"written: {args.out}")


if __name__ == "__main__":
    main()
