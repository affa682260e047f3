#!/usr/bin/env python3
"""How fast do workers sharing one PostgreSQL queue ingest, and does a killed one lose anything?
(issue 18)

Generates DOCS articles with store_scaling_bench.py's generator into one JSONL file, starts a
throwaway PostgreSQL server (postgres_store_bench.py's: initdb into a temporary folder, a free
loopback port, stopped at the end), then, each into a new empty database:

  clean      one `parley analyze` of the file: the counts every other run must end with
  1 worker   `parley enqueue` of the file, then one `parley worker`
  N workers  the same with N workers started together
  killed     N workers with a short lease; once a third of the queue is done, one worker is
             killed with SIGKILL mid-batch; the others finish, taking over its claim when the
             lease ends

The clean, 1-worker and N-worker runs are repeated --repeats times (the machine is shared) and
their median is shown; the killed run is a check, run once. Every run uses --samples 0 (no Monte Carlo draws): this measures ingestion, and each worker
ends with its own refresh of positions and forecasts. documents/s counts the workers' time
only (enqueue is timed apart). Checks that every database ends with the clean run's numbers of
articles and statements and with every queued document done. Not a test: ctest never runs it.

Usage: bench/workers_bench.py [PARLEY_BINARY] [--docs 10000] [--workers 4] [--claim 64]
                              [--repeats 3]
"""
import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import postgres_store_bench  # noqa: E402  (the throwaway server)
import store_scaling_bench  # noqa: E402  (the article generator)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO = "ukraine-2025"
KILL_LEASE_SECONDS = 10


def parley(binary, url, *args):
    return [binary, "-q", "--db", url, *args]


def run_checked(command):
    """Runs a command to its end; seconds taken."""
    start = time.monotonic()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode not in (0, 1):
        sys.exit(f"workers_bench: {' '.join(command)} failed ({done.returncode}): "
                 f"{done.stderr.decode(errors='replace')}")
    return time.monotonic() - start


def start_workers(binary, url, count, claim, lease):
    return [subprocess.Popen(parley(binary, url, "worker", "--scenario", SCENARIO, "--samples",
                                    "0", "--claim", str(claim), "--lease", str(lease), "--name",
                                    f"w{number}"),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for number in range(count)]


def wait_all(workers, killed=None):
    for worker in workers:
        _, stderr = worker.communicate()
        if worker is not killed and worker.returncode != 0:
            sys.exit(f"workers_bench: a worker failed ({worker.returncode}): "
                     f"{stderr.decode(errors='replace')}")


def counts(server, name):
    """(articles, statements, queued documents done, queued documents)."""
    return tuple(int(server.sql(name, query)) for query in (
        "SELECT count(*) FROM articles", "SELECT count(*) FROM statements",
        "SELECT count(*) FROM queue WHERE done = 1", "SELECT count(*) FROM queue"))


def workers_run(binary, server, name, corpus, count, claim):
    """Enqueue, then `count` workers; (enqueue seconds, worker seconds)."""
    url = server.new_database(name)
    enqueue_seconds = run_checked(parley(binary, url, "enqueue", corpus))
    start = time.monotonic()
    wait_all(start_workers(binary, url, count, claim, 600))
    return enqueue_seconds, time.monotonic() - start


def killed_run(binary, server, name, corpus, count, claim, docs):
    """`count` workers, one SIGKILLed once a third of the queue is done; (seconds, done then)."""
    url = server.new_database(name)
    run_checked(parley(binary, url, "enqueue", corpus))
    start = time.monotonic()
    workers = start_workers(binary, url, count, claim, KILL_LEASE_SECONDS)
    done = 0
    while done < docs // 3:
        time.sleep(0.2)
        done = int(server.sql(name, "SELECT count(*) FROM queue WHERE done = 1"))
    victim = workers[0]
    victim.send_signal(signal.SIGKILL)
    wait_all(workers, killed=victim)
    return time.monotonic() - start, done


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary", nargs="?",
                        default=os.environ.get("PARLEY_BINARY", os.path.join(ROOT, "build/parley")))
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--claim", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    work = tempfile.mkdtemp(prefix="parley-workers-bench-")
    os.chmod(work, 0o755)
    corpus = os.path.join(work, "all.jsonl")
    store_scaling_bench.write_articles(corpus, 0, options.docs, seed=7)
    print(f"workers_bench: {binary}, {options.docs} articles, scenario {SCENARIO}, "
          f"{os.cpu_count()} cores, claims of {options.claim}, --samples 0, loopback PostgreSQL, "
          f"median of {options.repeats}")

    server_folder = os.path.join(work, "server")
    os.makedirs(server_folder)
    server = postgres_store_bench.Server(server_folder)
    results = {}
    try:
        timings = {}
        for repeat in range(options.repeats):
            name = f"clean_{repeat}"
            url = server.new_database(name)
            timings.setdefault("clean", []).append(run_checked(
                parley(binary, url, "analyze", "--scenario", SCENARIO, "--samples", "0",
                       corpus)))
            clean = counts(server, name)[:2]
            for count in (1, options.workers):
                name = f"workers_{count}_{repeat}"
                enqueue_seconds, seconds = workers_run(binary, server, name, corpus, count,
                                                       options.claim)
                timings.setdefault(count, []).append(seconds)
                timings.setdefault(("enqueue", count), []).append(enqueue_seconds)
                results[name] = counts(server, name)
        print(f"{'run':<28}{'seconds':>9}{'documents/s':>13}  articles statements done/queued")
        seconds = statistics.median(timings["clean"])
        print(f"{'clean analyze':<28}{seconds:>9.1f}{options.docs / seconds:>13.0f}"
              f"  {clean[0]:>8} {clean[1]:>10}")
        for count in (1, options.workers):
            seconds = statistics.median(timings[count])
            articles, statements, done, queued = results[f"workers_{count}_0"]
            print(f"{f'{count} worker(s)':<28}{seconds:>9.1f}{options.docs / seconds:>13.0f}"
                  f"  {articles:>8} {statements:>10} {done}/{queued}"
                  f"  (enqueue {statistics.median(timings[('enqueue', count)]):.1f} s)")
        seconds, done_at_kill = killed_run(binary, server, "killed", corpus, options.workers,
                                           options.claim, options.docs)
        results["killed"] = counts(server, "killed")
        articles, statements, done, queued = results["killed"]
        label = f"{options.workers} workers, 1 killed"
        print(f"{label:<28}{seconds:>9.1f}{options.docs / seconds:>13.0f}"
              f"  {articles:>8} {statements:>10} {done}/{queued}"
              f"  (SIGKILL at {done_at_kill} done, lease {KILL_LEASE_SECONDS} s)")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

    for name, (articles, statements, done, queued) in results.items():
        if (articles, statements) != clean or done != queued:
            sys.exit(f"workers_bench: {name} ended with {articles} articles, {statements} "
                     f"statements, {done}/{queued} done; the clean run with {clean}")
    print(f"every run: {clean[0]} articles, {clean[1]} statements, every queued document done")


if __name__ == "__main__":
    main()
