#!/usr/bin/env python3
"""Does the cost of new articles follow the batch, not the store? (issue 17)

Generates distinct news-like articles about the ukraine-2025 scenario (our own generator: actors,
issues, stance verbs, numbers, places and dates vary, so every text is different and most carry
statements; articles come in events of about six, a day, a place and invented names and nouns
each, spread over one year, so the store has stories to find), builds stores of each size with `parley analyze --threads 2`, then on a copy of each
store measures, each in a child process (time and peak RSS from wait4's rusage):

  add 100   `parley analyze` of 100 new articles into the store
  positions `parley positions --db`
  report    `parley report --db` and the HTML size

and the 2-thread speed-up: `parley analyze` of SPEEDUP_DOCS new articles into an empty store with
--threads 1 and --threads 2 (articles per second of each).

The machine is shared, so every timing is the median of --repeats runs; read ratios, not
absolute figures. Not a test: ctest never runs it.

Usage: bench/store_scaling_bench.py [PARLEY_BINARY] [--sizes 1000,10000] [--repeats 3]
           [--speedup-docs 10000] [--work DIR] [--keep]
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO = "ukraine-2025"

# ---- The generator ----

ACTORS = {
    "UKR": ["Ukraine", "Kyiv", "Volodymyr Zelensky", "Ukrainian negotiators"],
    "RUS": ["Russia", "Moscow", "Vladimir Putin", "the Kremlin", "Sergei Lavrov"],
    "USA": ["the United States", "Washington", "Donald Trump", "Marco Rubio", "Steve Witkoff"],
    "DEU": ["Germany", "Berlin", "Friedrich Merz"],
    "FRA": ["France", "Paris", "Emmanuel Macron"],
    "GBR": ["Britain", "London", "Keir Starmer"],
    "POL": ["Poland", "Warsaw", "Donald Tusk"],
    "EU": ["the European Union", "Brussels", "Ursula von der Leyen"],
    "NATO": ["NATO", "Mark Rutte"],
}

# Stance sentences: {a} is a holder of the actor, numbers vary. Written for this bench, in the
# style of the demo articles; each names the issue in words the scenario's cues know.
STANCES = [
    "{a} said it would never recognise the occupied territories as Russian.",
    "{a} demanded that Ukraine withdraw its troops from the Donetsk region.",
    "{a} insisted that Ukraine must not join NATO.",
    "{a} said Ukraine should be free to join NATO one day.",
    "{a} rejected any limit on the size of the Ukrainian army.",
    "{a} proposed capping the Ukrainian armed forces at {n}00,000 troops.",
    "{a} called for an immediate ceasefire along the current front line.",
    "{a} said there would be no ceasefire before a full settlement.",
    "{a} demanded that all sanctions on Russia be lifted.",
    "{a} said sanctions would stay in place until Russia ends the war.",
    "{a} backed using the frozen Russian assets to fund a reparations loan for Ukraine.",
    "{a} rejected any use of the frozen Russian assets.",
    "{a} offered Ukraine security guarantees modelled on Article 5.",
    "{a} ruled out any foreign troops in Ukraine after a deal.",
    "{a} proposed freezing the front lines in the Kherson and Zaporizhzhia regions.",
    "{a} said it was ready to provide legally binding security guarantees.",
]

FILLER = [
    "Officials met for {h} hours in {p} on {d}, according to people familiar with the talks.",
    "The delegation of {k} members arrived in {p} late on {d}.",
    "Shelling in the {r} region killed {k} people overnight, local authorities said.",
    "Talks in {p} are expected to resume within {k} days, one diplomat said.",
    "A senior official said {k} of the {m} points of the draft were still open.",
    "Energy infrastructure in {r} was hit by {k} drones on {d}.",
    "The meeting in {p} followed a phone call that lasted {h} hours.",
    "Analysts in {p} said the {m}-point framework had changed {k} times since the summer.",
    "Markets in {p} moved {k} percent after the statement on {d}.",
    "Aid worth {k} billion euros was discussed at the session in {p}.",
]

PLACES = ["Geneva", "Berlin", "Abu Dhabi", "Miami", "Moscow", "London", "Istanbul", "Riyadh",
          "Paris", "Warsaw", "Brussels", "Helsinki", "Rome", "Doha", "Vienna"]
REGIONS = ["Donetsk", "Luhansk", "Kharkiv", "Kherson", "Zaporizhzhia", "Odesa", "Dnipro", "Sumy"]
OUTLETS = ["Bench Wire", "Sample Herald", "Example Daily", "Test Gazette", "Model Times"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


SYLLABLES = ["ka", "ro", "vin", "tel", "mar", "os", "dru", "len", "sa", "pol", "ne", "tik",
             "bor", "ul", "fen", "ga", "tri", "mo", "zel", "an", "ves", "ir", "lok", "du"]
ARTICLES_PER_EVENT = 6  # on average; an event's articles share its names and nouns


def pseudo_word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(3, 5)))


_VOCABULARY = []


def vocabulary():
    """20,000 invented words; filler sentences draw from them with Zipf-like frequencies, so
    unrelated articles share common words but not most of their text, as real news does."""
    if not _VOCABULARY:
        rng = random.Random(12345)
        seen = set()
        while len(_VOCABULARY) < 20000:
            word = pseudo_word(rng)
            if word not in seen:
                seen.add(word)
                _VOCABULARY.append(word)
    return _VOCABULARY


def background_sentence(rng):
    words = vocabulary()
    picked = [words[min(len(words) - 1, int(20 * rng.paretovariate(0.7)) - 20)]
              for _ in range(rng.randrange(8, 13))]
    return picked[0].capitalize() + " " + " ".join(picked[1:]) + "."


def make_event(number, seed):
    """An event: a day, a place and the invented names and nouns its articles repeat."""
    rng = random.Random(seed * 7_000_003 + number)
    return {"day": rng.randrange(0, 365), "place": rng.choice(PLACES),
            "words": [pseudo_word(rng).capitalize() for _ in range(6)] +
                     [pseudo_word(rng) for _ in range(6)]}


def make_article(index, seed):
    """One distinct article, about 2.9 KB: an event's words, 3-5 stance sentences, filler."""
    rng = random.Random(seed * 1_000_003 + index)
    event = make_event(index // ARTICLES_PER_EVENT + rng.randrange(0, 2), seed)
    day = min(364, max(0, event["day"] + rng.randrange(-1, 2)))
    year, month, dom = 2025, 1, 1 + day
    month_days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    while dom > month_days[month - 1]:
        dom -= month_days[month - 1]
        month += 1
    date = f"{year:04d}-{month:02d}-{dom:02d}"
    spoken = f"{MONTHS[month - 1]} {dom}"
    place = event["place"]
    names, nouns = event["words"][:6], event["words"][6:]

    def fill(template):
        return template.format(
            a=rng.choice(ACTORS[rng.choice(list(ACTORS))]), n=rng.randrange(4, 9),
            h=rng.randrange(2, 14), p=rng.choice(PLACES), d=spoken, k=rng.randrange(2, 400),
            m=rng.choice([12, 20, 28]), r=rng.choice(REGIONS))

    def event_sentence():
        words = rng.sample(names, 2) + rng.sample(nouns, 2)
        return (f"{words[0]} and {words[1]} discussed the {words[2]} and the {words[3]} "
                f"in {place}, {pseudo_word(rng)} officials said.")

    sentences = [fill(rng.choice(STANCES)) for _ in range(rng.randrange(3, 6))]
    sentences += [event_sentence() for _ in range(rng.randrange(8, 11))]
    sentences += [fill(rng.choice(FILLER)) for _ in range(rng.randrange(2, 4))]
    sentences += [background_sentence(rng) for _ in range(rng.randrange(11, 14))]
    rng.shuffle(sentences)
    lead = (f"{place.upper()}, {spoken} - Talks on the {nouns[0]} with {names[0]} continued in "
            f"{place} on {spoken}, report {index} of the bench series.")
    paragraphs = [lead]
    for start in range(0, len(sentences), 3):
        paragraphs.append(" ".join(sentences[start:start + 3]))
    title = f"{names[0]} in {place}: " + sentences[0][:50].rstrip(" .")
    return {"id": f"bench-{seed}-{index}", "date": date, "outlet": rng.choice(OUTLETS),
            "title": title, "url": f"https://bench.parley.invalid/{seed}/{index}",
            "text": title + "\n\n" + "\n\n".join(paragraphs)}


def write_articles(path, first, count, seed):
    with open(path, "w", encoding="utf-8") as out:
        for index in range(first, first + count):
            out.write(json.dumps(make_article(index, seed)) + "\n")


# ---- Measuring ----

def run(args, allowed=(0, 1)):
    """Runs a command; returns (seconds, peak RSS in MB, stdout)."""
    start = time.monotonic()
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout = child.stdout.read()
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in allowed:
        sys.exit(f"failed ({child.returncode}): {' '.join(args)}\n{stderr.decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024.0, stdout


def copy_store(source, target):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
    shutil.copyfile(source, target)


def median(values):
    return statistics.median(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary", nargs="?",
                        default=os.environ.get("PARLEY_BINARY", os.path.join(ROOT, "build/parley")))
    parser.add_argument("--sizes", default="1000,10000",
                        help="store sizes, comma-separated (the full run: 1000,10000,100000)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--speedup-docs", type=int, default=10000,
                        help="new articles analysed for the 2-thread speed-up (0 = skip)")
    parser.add_argument("--work", help="folder for the generated stores (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    sizes = [int(size) for size in options.sizes.split(",") if size]
    work = options.work or tempfile.mkdtemp(prefix="parley-scaling-")
    os.makedirs(work, exist_ok=True)
    base = [binary, "-q"]
    print(f"store_scaling_bench: {binary}, scenario {SCENARIO}, {os.cpu_count()} cores, "
          f"median of {options.repeats}; work folder {work}")

    batch = os.path.join(work, "new-100.jsonl")
    write_articles(batch, 10_000_000, 100, seed=2)
    rows = []
    for size in sizes:
        corpus = os.path.join(work, f"corpus-{size}.jsonl")
        store = os.path.join(work, f"store-{size}.db")
        if not os.path.exists(store):
            # Files of at most 5,000 articles: parley reads a file of at most --max-bytes.
            files = []
            for first in range(0, size, 5000):
                files.append(f"{corpus}.{first}")
                write_articles(files[-1], first, min(5000, size - first), seed=1)
            seconds, rss, _ = run(base + ["--db", store, "analyze", "--scenario", SCENARIO,
                                          "--threads", "2"] + files, allowed=(0,))
            for name in files:
                os.remove(name)
            print(f"  built {size} store in {seconds:.1f} s (peak RSS {rss:.0f} MB)", flush=True)
        trial = os.path.join(work, "trial.db")
        add, add_rss = [], []
        for _ in range(options.repeats):
            copy_store(store, trial)
            seconds, rss, _ = run(base + ["--db", trial, "analyze", "--scenario", SCENARIO, batch])
            add.append(seconds)
            add_rss.append(rss)
        positions, positions_rss, report, report_rss = [], [], [], []
        html = os.path.join(work, "report.html")
        for _ in range(options.repeats):
            seconds, rss, _ = run(base + ["--db", trial, "positions", "--scenario", SCENARIO])
            positions.append(seconds)
            positions_rss.append(rss)
            seconds, rss, _ = run(base + ["--db", trial, "report", "--scenario", SCENARIO,
                                          "-o", html])
            report.append(seconds)
            report_rss.append(rss)
        rows.append((size, median(add), max(add_rss), median(positions), max(positions_rss),
                     median(report), max(report_rss), os.path.getsize(html) / 1e6))
        print(f"  {size}: done", flush=True)

    print()
    print("| store | add 100: time | add 100: peak RSS | positions | positions RSS | report | "
          "report RSS | report HTML |")
    print("|---|---|---|---|---|---|---|---|")
    for size, add, add_rss, pos, pos_rss, rep, rep_rss, mb in rows:
        print(f"| {size:,} | {add:.2f} s | {add_rss:.0f} MB | {pos:.2f} s | {pos_rss:.0f} MB | "
              f"{rep:.2f} s | {rep_rss:.0f} MB | {mb:.2f} MB |")
    if len(rows) > 1:
        print(f"add 100 at {rows[-1][0]:,} / at {rows[0][0]:,}: {rows[-1][1] / rows[0][1]:.2f}x")

    if options.speedup_docs > 0:
        corpus = os.path.join(work, f"speedup-{options.speedup_docs}.jsonl")
        write_articles(corpus, 20_000_000, options.speedup_docs, seed=3)
        rates = {}
        for threads in (1, 2):
            times = []
            for _ in range(options.repeats):
                store = os.path.join(work, "speedup.db")
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(store + suffix):
                        os.remove(store + suffix)
                seconds, rss, _ = run(base + ["--db", store, "analyze", "--scenario", SCENARIO,
                                              "--threads", str(threads), corpus])
                times.append(seconds)
            rates[threads] = options.speedup_docs / median(times)
            print(f"analyze {options.speedup_docs:,} new articles, --threads {threads}: "
                  f"{median(times):.2f} s, {rates[threads]:.0f} articles/s")
        print(f"2-thread speed-up: {rates[2] / rates[1]:.2f}x")
    if not options.keep and not options.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
