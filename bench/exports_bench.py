"""Report exports: seconds and peak memory per format, through the real export service.

    .venv/bin/python bench/exports_bench.py                 # 1,000 claims, 3 evidence each
    .venv/bin/python bench/exports_bench.py --claims 200    # a quicker look
    .venv/bin/python bench/exports_bench.py --formats pdf,csv

Builds the claims in a throwaway SQLite database (a temporary WORKBENCH_VAR_DIR), then runs
verification.services.exports.export_run once per format, each in a forked child so that its
peak resident memory is its own. To show that memory stays flat as the report grows, every
format is also run at a quarter of the size and the two peaks are compared: a writer that
held every row would grow roughly fourfold.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FORMATS = ("pdf", "docx", "html", "csv", "json", "claimreview")
PDF_BUDGET_SECONDS = 60.0
PLACES = ("Kharkiv", "Харків", "Aleppo", "حلب", "Khan Younis", "خان يونس", "Goma", "Маріуполь")


def setup_django(var_dir: str) -> None:
    os.environ["WORKBENCH_VAR_DIR"] = var_dir
    os.environ["WORKBENCH_DEMO"] = "true"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # Load the URLconf and the writers before forking, as a running worker has them loaded.
    from django.urls import reverse

    from verification.services import exports  # noqa: F401

    reverse("dashboard")


def build(claim_count: int, evidence_per_claim: int) -> None:
    """Letters of 20 claims each, one a day from 1 January 2025; three in four approved."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from claims.models import Claim, Letter
    from verification.models import Evidence, Rating, Source, SourceCapture, Verdict

    User = get_user_model()
    checker = User.objects.create_user("bench-checker", first_name="Amina", last_name="Haddad")
    editor = User.objects.create_user("bench-editor", first_name="Jane", last_name="Okafor")
    ratings = list(Rating.objects.filter(is_active=True))
    claims = []
    with transaction.atomic():
        for number in range(0, claim_count, 20):
            paragraphs = [
                f"{i + 1}. On {i + 1} May forces shelled the market in {PLACES[(number + i) % 8]}, "
                f"killing {i + 2} civilians and injuring {i * 3} others near the water station."
                for i in range(min(20, claim_count - number))
            ]
            text = "Letter dated 3 May 2025\n\n" + "\n\n".join(paragraphs)
            letter = Letter.objects.create(
                symbol=f"S/2025/{1000 + number // 20}", sender="Ukraine", text=text,
                letter_date=date(2025, 1, 1) + timedelta(days=number // 20), status="ready",
            )  # fmt: skip
            for paragraph in paragraphs:
                start = text.index(paragraph)
                claims.append(
                    Claim(
                        letter=letter,
                        start=start,
                        end=start + len(paragraph),
                        quote=paragraph,
                        restatement=f"Civilians were killed in {PLACES[len(claims) % 8]}.",
                        kind="specific",
                        claim_type="strike",
                        places=[PLACES[len(claims) % 8]],
                        actors=["armed forces"],
                        killed=3,
                        injured=7,
                        state="approved",
                    )
                )
        Claim.objects.bulk_create(claims, batch_size=500)
        claims = list(Claim.objects.order_by("id"))
        sources = Source.objects.bulk_create(
            [
                Source(
                    kind="news",
                    title=f"Field report {i} from {PLACES[i % 8]}",
                    publisher=f"Outlet {i % 40}",
                    reliability="ABC"[i % 3],
                    url=f"https://example.org/report/{i}",
                )
                for i in range(claim_count * evidence_per_claim)
            ],
            batch_size=500,
        )
        SourceCapture.objects.bulk_create(
            [
                SourceCapture(
                    source=source,
                    status="captured",
                    sha256=f"{source.pk:064x}",
                    captured_at=datetime(2025, 5, 5, tzinfo=UTC),
                    requested_url=source.url,
                )
                for source in sources
            ],
            batch_size=500,
        )
        evidence = Evidence.objects.bulk_create(
            [
                Evidence(
                    claim=claims[i // evidence_per_claim],
                    source=source,
                    stance=("corroborates", "corroborates", "contradicts", "context")[i % 4],
                    credibility=1 + i % 4,
                    excerpt="Witnesses confirmed the strike. " * 6,
                    location=f"para. {i % 9 + 1}",
                    added_by=checker,
                )
                for i, source in enumerate(sources)
            ],
            batch_size=500,
        )
        verdicts = Verdict.objects.bulk_create(
            [
                Verdict(
                    claim=claim,
                    rating=ratings[index % len(ratings)],
                    rating_label=ratings[index % len(ratings)].label,
                    rating_value=ratings[index % len(ratings)].value,
                    rating_colour=ratings[index % len(ratings)].colour,
                    rationale="Two **independent** sources agree.\n\n- OCHA\n- Imagery",
                    status="approved" if index % 4 else "proposed",
                    proposed_by=checker,
                    decided_by=editor if index % 4 else None,
                    decided_at=datetime(2025, 5, 6, tzinfo=UTC) if index % 4 else None,
                    assessed_killed_min=2,
                    assessed_killed_max=4,
                )
                for index, claim in enumerate(claims)
            ],
            batch_size=500,
        )
        through = Verdict.evidence.through
        by_claim: dict[int, list[int]] = {}
        for item in evidence:
            by_claim.setdefault(item.claim_id, []).append(item.pk)
        through.objects.bulk_create(
            [
                through(verdict_id=verdict.pk, evidence_id=evidence_id)
                for verdict in verdicts
                for evidence_id in by_claim.get(verdict.claim_id, [])[:2]
            ],
            batch_size=500,
        )
        Claim.objects.filter(verdicts__status="proposed").update(state="proposed")


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _child(fmt: str, scope: dict, queue) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connections

    from verification.models import ExportJob
    from verification.services import exports

    connections.close_all()
    baseline = _rss_kb()
    editor = get_user_model().objects.get(username="bench-editor")
    job = ExportJob.objects.create(
        requested_by=editor, format=fmt, scope=scope, scope_label=f"bench {fmt}"
    )
    started = time.perf_counter()
    exports.export_run(job_id=job.pk)
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put((job.status, job.error, seconds, peak, peak - baseline, job.size, job.claim_count))


def measure(fmt: str, scope: dict) -> tuple:
    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_child, args=(fmt, scope, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--evidence", type=int, default=3, help="evidence items per claim")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    formats = [fmt.strip() for fmt in args.formats.split(",") if fmt.strip()]
    quarter_letters = max(1, args.claims // 80)  # letters hold 20 claims each
    quarter_scope = {
        "date_to": (date(2025, 1, 1) + timedelta(days=quarter_letters - 1)).isoformat()
    }
    with tempfile.TemporaryDirectory(prefix="exports-bench-") as var_dir:
        setup_django(var_dir)
        started = time.perf_counter()
        build(args.claims, args.evidence)
        print(
            f"built {args.claims} claims with {args.claims * args.evidence} evidence items "
            f"in {time.perf_counter() - started:.1f} s"
        )
        print(f"{'format':<12}{'claims':>7}{'seconds':>9}{'claims/s':>10}{'peak RSS MB':>13}"
              f"{'growth MB':>11}{'at 1/4 size':>13}{'file KB':>10}")  # fmt: skip
        failed = False
        for fmt in formats:
            quarter = measure(fmt, quarter_scope)
            status, error, seconds, peak, growth, size, count = measure(fmt, {})
            if status != "done" or quarter[0] != "done":
                print(f"{fmt:<12} FAILED: {error or quarter[1]}")
                failed = True
                continue
            print(
                f"{fmt:<12}{count:>7}{seconds:>9.2f}{count / seconds:>10.0f}{peak / 1024:>13.1f}"
                f"{growth / 1024:>11.1f}{quarter[4] / 1024:>13.1f}{size / 1024:>10.0f}"
            )
            if fmt == "pdf" and seconds > PDF_BUDGET_SECONDS:
                print(f"  PDF took {seconds:.1f} s: over the {PDF_BUDGET_SECONDS:.0f} s budget")
                failed = True
        print("growth = peak RSS minus RSS when the export started; 'at 1/4 size' is the same")
        print("for a quarter of the claims (a writer holding every row would grow ~4x).")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
