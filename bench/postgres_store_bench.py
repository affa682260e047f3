#!/usr/bin/env python3
"""What does a PostgreSQL store cost against SQLite, with one writer and with several? (issue 18)

Generates DOCS articles with store_scaling_bench.py's generator, starts a throwaway PostgreSQL
server (initdb into a temporary folder, as the user nobody under root, a free loopback port;
stopped at the end), then measures, each into a new empty store:

  1 writer   `parley analyze` of all the articles, into SQLite and into PostgreSQL
  N writers  N `parley analyze` runs started together, each on its share of the articles, into
             one store (SQLite file or PostgreSQL database)

and checks that every run leaves the same numbers of articles and statements. Each analyze run
ends with its own refresh of positions and forecasts, so N writers refresh N times.

The machine is shared, so every timing is the median of --repeats runs; read ratios, not
absolute figures. Not a test: ctest never runs it.

Usage: bench/postgres_store_bench.py [PARLEY_BINARY] [--docs 2000] [--writers 4] [--repeats 3]
"""
import argparse
import glob
import os
import pwd
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import store_scaling_bench  # noqa: E402  (the article generator)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO = "ukraine-2025"


def server_binaries():
    """The newest Debian /usr/lib/postgresql/N/bin holding initdb and postgres."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda path: int(path.split("/")[4]))
    if not found:
        sys.exit("postgres_store_bench: no PostgreSQL server binaries (apt-get install postgresql)")
    return os.path.dirname(found[-1])


def as_server_user():
    """initdb and postgres refuse root: under root they run as nobody."""
    if os.geteuid() != 0:
        return {}
    nobody = pwd.getpwnam("nobody")

    def drop():
        os.setgroups([])
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)
    return {"preexec_fn": drop}


class Server:
    def __init__(self, folder):
        bin_dir = server_binaries()
        self.psql = os.path.join(bin_dir, "psql")
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        data = os.path.join(folder, "data")
        subprocess.run([os.path.join(bin_dir, "initdb"), "-D", data, "-U", "parley", "-A", "trust",
                        "-E", "UTF8", "--locale=C", "--no-sync"],
                       check=True, stdout=subprocess.DEVNULL, **as_server_user())
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [os.path.join(bin_dir, "postgres"), "-D", data, "-k", folder, "-p", str(self.port),
             "-c", "listen_addresses=127.0.0.1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **as_server_user())
        for _ in range(600):
            if subprocess.run([os.path.join(bin_dir, "pg_isready"), "-q", "-h", "127.0.0.1", "-p",
                               str(self.port)]).returncode == 0:
                return
            time.sleep(0.1)
        sys.exit("postgres_store_bench: the server did not start")

    def new_database(self, name):
        self.sql("postgres", f"CREATE DATABASE {name}")
        return f"postgresql://parley@127.0.0.1:{self.port}/{name}"

    def sql(self, database, query):
        return subprocess.run([self.psql, "-h", "127.0.0.1", "-p", str(self.port), "-U", "parley",
                               "-d", database, "-Atc", query],
                              check=True, capture_output=True, text=True).stdout.strip()

    def stop(self):
        self.process.terminate()
        self.process.wait()


def analyze_at_once(binary, db, corpora):
    """Starts one `parley analyze` per corpus on `db` together; seconds until the last ends."""
    start = time.monotonic()
    children = [subprocess.Popen([binary, "-q", "--db", db, "analyze", "--scenario", SCENARIO,
                                  corpus], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                for corpus in corpora]
    for child in children:
        _, stderr = child.communicate()
        if child.returncode not in (0, 1):
            sys.exit(f"postgres_store_bench: analyze --db {db} failed ({child.returncode}): "
                     f"{stderr.decode(errors='replace')}")
    return time.monotonic() - start


def sqlite_counts(path):
    with sqlite3.connect(path) as db:
        return tuple(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                     for table in ("articles", "statements"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary", nargs="?",
                        default=os.environ.get("PARLEY_BINARY", os.path.join(ROOT, "build/parley")))
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    work = tempfile.mkdtemp(prefix="parley-pg-bench-")
    os.chmod(work, 0o755)
    share = options.docs // options.writers
    whole = os.path.join(work, "all.jsonl")
    store_scaling_bench.write_articles(whole, 0, share * options.writers, seed=7)
    shares = []
    for writer in range(options.writers):
        shares.append(os.path.join(work, f"share-{writer}.jsonl"))
        store_scaling_bench.write_articles(shares[-1], writer * share, share, seed=7)
    print(f"postgres_store_bench: {binary}, {share * options.writers} articles, scenario "
          f"{SCENARIO}, {os.cpu_count()} cores, median of {options.repeats}")

    server_folder = os.path.join(work, "server")
    os.makedirs(server_folder)
    server = Server(server_folder)
    try:
        runs = {}
        counts = set()
        for repeat in range(options.repeats):
            for writers, corpora in ((1, [whole]), (options.writers, shares)):
                path = os.path.join(work, f"sqlite-{writers}-{repeat}.db")
                runs.setdefault(("SQLite", writers), []).append(
                    analyze_at_once(binary, path, corpora))
                counts.add(sqlite_counts(path))
                name = f"run_{writers}_{repeat}"
                url = server.new_database(name)
                runs.setdefault(("PostgreSQL", writers), []).append(
                    analyze_at_once(binary, url, corpora))
                counts.add(tuple(int(server.sql(name, f"SELECT count(*) FROM {table}"))
                                 for table in ("articles", "statements")))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

    print(f"{'store':<12}{'writers':>8}{'seconds':>10}{'articles/s':>12}")
    for (store, writers), seconds in sorted(runs.items()):
        median = statistics.median(seconds)
        print(f"{store:<12}{writers:>8}{median:>10.2f}{share * options.writers / median:>12.0f}")
    if len(counts) != 1:
        sys.exit(f"postgres_store_bench: the stores differ (articles, statements): {counts}")
    articles, statements = counts.pop()
    print(f"every store: {articles} articles, {statements} statements")


if __name__ == "__main__":
    main()
