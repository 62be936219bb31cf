#!/usr/bin/env python3
"""Writes the check section of bench/RESULTS.md from the raw numbers of bench/check_bench.sh.

usage: write_results.py OUT_DIR MANIFEST.tsv RESULTS.md

Only the text between <!-- check:begin --> and <!-- check:end --> is replaced (the markers
are appended when absent): other benchmarks write the rest of the file.
"""
import csv
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from results_md import replace_section  # noqa: E402

TARGET_MS = 100  # check on a 1,000-service file under 100 ms
TARGET_VS_DCLINT = 10  # the corpus at least 10x faster than dclint


def read_facts(out):
    with open(os.path.join(out, "facts.tsv")) as table:
        return dict(line.rstrip("\n").split("\t", 1) for line in table if "\t" in line)


def read_seconds(path):
    """The numbers of a file of one number a line; missing file: none."""
    if not os.path.exists(path):
        return []
    with open(path) as lines:
        return [float(line) for line in lines if line.strip()]


def seconds(value):
    """A duration for a table: ms under a second, else s; None and "timeout" pass through."""
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return text  # "timeout" or absent


def capped(value):
    """A duration of a capped run."""
    return f"> {FACTS['timeout']} s (timeout)" if value == "timeout" else seconds(value)


def ratio(slow, fast):
    cap = float(FACTS["timeout"])
    if slow == "timeout" and isinstance(fast, float):
        return f"> {cap / fast:.1f}x"
    if fast == "timeout" and isinstance(slow, float):
        return f"< {slow / cap:.2f}x"
    if not isinstance(slow, float) or not isinstance(fast, float) or fast == 0:
        return "n/a"
    return f"{slow / fast:.1f}x"


def verdict(met):
    return "**met**" if met else "**not met**"


def generated_times(out, facts, size):
    """(check seconds, config seconds): hyperfine medians where it ran, else the single runs."""
    times = {"check": number(facts.get(f"gen{size}_check_first")),
             "config": number(facts.get(f"gen{size}_config_first"))}
    path = os.path.join(out, f"generated-{size}.json")
    if os.path.exists(path):
        with open(path) as report:
            times.update({r["command"]: r["median"] for r in json.load(report)["results"]})
    return times["check"], times["config"]


def corpus_exits(out, manifest):
    expected_invalid = set()
    with open(manifest) as table:
        for row in csv.DictReader(table, delimiter="\t"):
            if "EXPECTED-INVALID" in row["notable_features"]:
                expected_invalid.add(f"{row['repo']}/{row['path']}")
    exits = {}
    with open(os.path.join(out, "corpus-exits.tsv")) as table:
        for line in table:
            path, code = line.rstrip("\n").split("\t")
            exits[path] = int(code)
    return exits, expected_invalid


def refused_by_project(refused):
    counts = {}
    for path in refused:
        repo = path.split("/", 1)[0]
        counts[repo] = counts.get(repo, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def section(out, manifest):
    facts = FACTS
    lines = [
        "## `meshprobe check`: against `docker-compose config` and dclint",
        "",
        "Written by `bench/check_bench.sh` (`make bench-check`); raw numbers in `bench/check_bench/out/`. "
        "Wall-clock times; the load average at the start and end of the run is "
        "given below, since other work on the machine makes absolute times pessimistic; ratios "
        "come from runs taken side by side.",
        "",
        "### Machine",
        "",
        f"- Date: {facts['date']}",
        f"- CPU: {facts['cpu']}",
        f"- Load average (1, 5, 15 min): {facts['load_start']} at the start, {facts['load_end']} at the end",
        f"- meshprobe: {facts['meshprobe_version']}; docker-compose {facts['compose_version']}; "
        f"dclint: {facts.get('dclint_version', 'n/a')}; "
        f"hyperfine: {facts['hyperfine']}",
        "",
    ]

    sizes = sorted(int(key[3:-6]) for key in facts if key.startswith("gen") and key.endswith("_bytes"))
    times = {size: generated_times(out, facts, size) for size in sizes}

    corpus_loops = read_seconds(os.path.join(out, "corpus-loops.txt"))
    dclint_all = read_seconds(os.path.join(out, "dclint-all.txt"))
    files = int(facts["corpus_files"])
    meshprobe_corpus = statistics.median(corpus_loops) if corpus_loops else None
    dclint_corpus = statistics.median(dclint_all) if dclint_all else None

    lines += ["### Goals", ""]
    if 1000 in times:
        check, config = times[1000]
        under = isinstance(check, float) and check * 1000 < TARGET_MS
        faster = isinstance(check, float) and (config == "timeout" or (isinstance(config, float) and check < config))
        lines.append(f"- `check` on a 1,000-service file under {TARGET_MS} ms: {verdict(under)} ({capped(check)}).")
        lines.append(f"- `check` on a 1,000-service file faster than `docker-compose config`: {verdict(faster)} "
                     f"({capped(check)} against {capped(config)}).")
    if meshprobe_corpus and dclint_corpus:
        factor = dclint_corpus / meshprobe_corpus
        lines.append(f"- Whole corpus at least {TARGET_VS_DCLINT}x faster than dclint: {verdict(factor >= TARGET_VS_DCLINT)} "
                     f"({factor:.1f}x: meshprobe {seconds(meshprobe_corpus)} as {files} processes, "
                     f"dclint {seconds(dclint_corpus)} as one process over all files).")
    lines.append("")

    lines += [
        "### Generated files",
        "",
        "`bench/generate_stack.py --per-tier N/4`: four tiers, services on up to three tier "
        "networks each, one exposed port, a DNS alias per tier, a contract that lists every "
        "service and the flows between tiers (written as JSON, which is YAML). "
        "`meshprobe -q -c mesh.yaml check` against `docker-compose -f docker-compose.yaml config` "
        "(output to /dev/null). With hyperfine, both commands are timed in one invocation, so the "
        "ratio comes from one run.",
        "",
        "| services | file | `meshprobe check` | `docker-compose config` | config / check | exit check / config | method |",
        "|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        check, config = times[size]
        lines.append(
            f"| {size:,} | {int(facts[f'gen{size}_bytes']) / 1024:.0f} KiB | {capped(check)} | {capped(config)} | "
            f"{ratio(config, check)} | {facts[f'gen{size}_check_exit']} / {facts[f'gen{size}_config_exit']} | "
            f"{facts[f'gen{size}_method']} |")
    lines.append("")

    exits, expected_invalid = corpus_exits(out, manifest)
    counts = {code: sum(1 for c in exits.values() if c == code) for code in (0, 1, 2)}
    other = {path: code for path, code in exits.items() if code not in (0, 1, 2)}
    refused = {path for path, code in exits.items() if code == 2}
    lines += [
        "### Corpus",
        "",
        f"{files} compose files of `../shared/corpus` (read in place). meshprobe: one process per "
        "file, as a user runs it, each with a minimal contract (the file alone, its `.env` when it "
        "has one, one tier on the `default` network); process start-up included. "
        f"{len(corpus_loops)} loops, median.",
        "",
        f"- Exits: {counts[0]} with 0 and {counts[1]} with 1 (checked; findings do not matter here), "
        f"{counts[2]} with 2 (refused), {len(other)} other"
        + (": " + ", ".join(f"`{p}` ({c})" for p, c in sorted(other.items())) if other else "") + ".",
        f"- Refused: {len(refused & expected_invalid)} of the {len(expected_invalid)} files the manifest marks "
        f"EXPECTED-INVALID, and {len(refused - expected_invalid)} others (mostly fragments checked alone "
        "here, which their projects merge after a base file; see the corpus test for each reason). "
        f"{len(expected_invalid - refused)} EXPECTED-INVALID files were not refused. Refused by project: "
        + ", ".join(f"{repo} {count}" for repo, count in refused_by_project(refused)) + ".",
        "",
        "| tool | how | files | total | per file | dclint / meshprobe |",
        "|---|---|---|---|---|---|",
        f"| meshprobe check | one process per file | {files} | {seconds(meshprobe_corpus)} | "
        f"{seconds(meshprobe_corpus / files if meshprobe_corpus else None)} | |",
    ]
    if dclint_corpus:
        lines.append(f"| dclint | one process over all files ({len(dclint_all)} run(s), median) | {files} | {seconds(dclint_corpus)} | "
                     f"{seconds(dclint_corpus / files)} | {ratio(dclint_corpus, meshprobe_corpus)} |")
    sample = int(facts.get("dclint_sample_files", 0))
    if sample:
        dclint_sample = float(facts["dclint_sample_seconds"])
        meshprobe_sample = float(facts["meshprobe_sample_seconds"])
        lines.append(f"| dclint | one process per file (first {sample} files of the manifest) | {sample} | "
                     f"{seconds(dclint_sample)} | {seconds(dclint_sample / sample)} | "
                     f"{ratio(dclint_sample, meshprobe_sample)} (meshprobe on the same {sample}: {seconds(meshprobe_sample)}) |")
    lines += [
        "",
        "Like with like: the per-file rows compare process against process. The one-process dclint "
        "row pays node's start-up once for all files while meshprobe pays its own per file, so that "
        "ratio favours dclint; it is the one the goal uses. dclint's run was checked with its "
        "default rules (`-f json`); it lints style and schema, meshprobe loads, merges and checks "
        "the topology, so the tools do different work on the same files.",
        "",
    ]
    return lines


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__.splitlines()[2])
    out_dir, manifest_path, results_path = sys.argv[1:]
    FACTS = read_facts(out_dir)
    replace_section(results_path, "check", section(out_dir, manifest_path))
