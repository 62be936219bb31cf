#!/usr/bin/env python3
"""Writes bench/RESULTS.md from the raw numbers bench/run.sh left in bench/out/.

usage: write_results.py OUT_DIR RESULTS.md
"""
import csv
import json
import os
import statistics
import sys
from collections import Counter

STACKS = [("reference", "Reference stack"), ("generated", "Generated stack")]
PROBE_PHASE_GOAL_S = 2.0   # reference probe phase under 2 s
RATIO_GOAL = 10.0          # the 40-service stack at least 10x faster than sequential


def key_values(path):
    values = {}
    with open(path) as lines:
        for line in lines:
            key, _, value = line.rstrip("\n").partition("=")
            if key:
                values[key] = value
    return values


def rows(path):
    with open(path) as table:
        return list(csv.DictReader(table))


def load_json(path):
    with open(path) as report:
        return json.load(report)


class Stack:
    def __init__(self, out, name):
        self.out, self.name = out, name
        self.info = key_values(os.path.join(out, f"{name}-info.txt"))
        self.runs = rows(os.path.join(out, f"{name}-meshprobe.csv"))
        self.sequential = key_values(os.path.join(out, f"{name}-sequential.txt"))
        self.sequential_rows = rows(os.path.join(out, f"{name}-sequential.csv"))

    def report(self, index):
        return load_json(os.path.join(self.out, f"{self.name}-run{index}.json"))

    def column(self, key):
        return [float(run[key]) for run in self.runs]

    @property
    def injection(self):
        return statistics.median(self.column("injection_s"))

    @property
    def probe_phase(self):
        return statistics.median(self.column("probe_phase_s"))

    @property
    def with_injection(self):
        return statistics.median(
            float(run["injection_s"]) + float(run["probe_phase_s"]) for run in self.runs)

    @property
    def sequential_checks(self):
        return int(self.sequential["checks"])

    @property
    def sequential_measured(self):
        return int(self.sequential["measured"])

    @property
    def sequential_elapsed(self):
        return float(self.sequential["elapsed_s"])

    @property
    def extrapolated(self):
        return self.sequential_measured < self.sequential_checks

    @property
    def sequential_total(self):
        return self.sequential_elapsed * self.sequential_checks / self.sequential_measured

    def agreement(self):
        """How many sequential checks saw the same connected/not connected as meshprobe's run 1."""
        observed = {}
        for check in self.report(1)["checks"]:
            probes = check.get("evidence", {}).get("probes", [])
            if check["suite"] == "reach" and probes:
                observed[check["id"]] = probes[0].get("status")
        same = sum(1 for row in self.sequential_rows
                   if (row["status"] == "connected") == (observed.get(row["id"]) == "connected"))
        return same, len(self.sequential_rows)

    def verdicts(self, index):
        report = self.report(index)
        summary = report["summary"]
        failing = Counter(c["suite"] for c in report["checks"] if c["verdict"] != "pass")
        text = f"{summary['pass']} pass, {summary['fail']} fail, {summary['error']} error"
        if failing:
            text += " (not passing: " + ", ".join(f"{suite} {n}" for suite, n in sorted(failing.items())) + ")"
        return text


def seconds(value):
    return f"{value:.2f} s"


def ratio(value):
    return f"{value:.1f}x"


def machine_section(machine):
    arp = ", ".join(f"{machine.get(f'arp_gc_thresh{i}_original')}→{machine.get(f'arp_gc_thresh{i}_during')}"
                    for i in (1, 2, 3))
    return [
        "## Machine",
        "",
        f"- Date: {machine['date']}",
        f"- OS: {machine['os']}, kernel {machine['kernel']}",
        f"- CPU: {machine['cpu']}, nproc {machine['nproc']}; memory {machine['memory']}",
        f"- Docker engine (server): {machine['docker_server']}; docker CLI {machine['docker_client']}",
        f"- Compose: docker-compose {machine['compose']}",
        f"- meshprobe: {machine['meshprobe']}",
        f"- ARP table `net.ipv4.neigh.default.gc_thresh1/2/3` during the run: {arp} (original→during; "
        "restored afterwards). The kernel's neighbour table is shared by all network namespaces and holds "
        "1024 entries by default; 40 stand-ins probed at once overflow it (`neighbor table overflow` in "
        "dmesg) and healthy paths time out.",
        "",
    ]


def summary_table(stacks):
    lines = [
        "## Summary",
        "",
        "| stack | meshprobe checks (all suites) | injection (median) | probe phase (median) | "
        "sequential reach checks | sequential total | sequential / probe phase | "
        "sequential / (injection + probe phase) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for stack, title in stacks:
        total = seconds(stack.sequential_total)
        if stack.extrapolated:
            total += f" (extrapolated from a random sample of {stack.sequential_measured})"
        lines.append(
            f"| {title} | {stack.runs[0]['checks']} from {stack.runs[0]['vantages']} vantages | "
            f"{seconds(stack.injection)} | {seconds(stack.probe_phase)} | {stack.sequential_checks} | {total} | "
            f"{ratio(stack.sequential_total / stack.probe_phase)} | "
            f"{ratio(stack.sequential_total / stack.with_injection)} |")
    return lines + [""]


def goals(reference, generated):
    phase_ok = reference.probe_phase < PROBE_PHASE_GOAL_S
    generated_ratio = generated.sequential_total / generated.probe_phase
    ratio_ok = generated_ratio >= RATIO_GOAL
    return [
        "## Goals",
        "",
        f"- Reference probe phase under {PROBE_PHASE_GOAL_S:.0f} s: **{'met' if phase_ok else 'NOT met'}** "
        f"(median {seconds(reference.probe_phase)}).",
        f"- Generated stack at least {RATIO_GOAL:.0f}x faster than the sequential approach: "
        f"**{'met' if ratio_ok else 'NOT met'}** ({ratio(generated_ratio)} on the probe phase, "
        f"{ratio(generated.sequential_total / generated.with_injection)} including injection).",
        "",
    ]


def stack_section(stack, title):
    same, compared = stack.agreement()
    statuses = Counter(row["status"] for row in stack.sequential_rows)
    per_check = stack.sequential_elapsed / max(stack.sequential_measured, 1)
    lines = [
        f"## {title}",
        "",
        f"{stack.info['description']}. Contract `{stack.info['contract']}`, compose project "
        f"`{stack.info['project']}`, suites: {stack.info['suites']}.",
        "",
        "| run | mode | exit | checks | vantages | injection | probe phase | verdicts |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in stack.runs:
        lines.append(
            f"| {run['index']} | {run['mode']} | {run['exit']} | {run['checks']} | {run['vantages']} | "
            f"{run['injection_s']} s | {run['probe_phase_s']} s | {stack.verdicts(run['index'])} |")
    lines += [
        "",
        "Mode `up`: `meshprobe -v run --standin` brings the stack up on stand-ins and down again. "
        "Mode `no-up`: `meshprobe -v run --standin --no-up` on the stand-in stack the benchmark holds up "
        "with compose (`bench/standin_override.py`: the same probe image in serve mode on the same ports), "
        "the very stack the sequential approach ran on. (It predates `run --standin --keep` keeping its "
        f"stand-ins.) Medians over all {len(stack.runs)} runs.",
        "",
        f"Sequential approach: {stack.sequential_checks} reach checks (every reach check of run 1, "
        f"random order), one `docker exec <from> /probe run '<one tcp check>'` each, "
        f"timeout {stack.sequential['timeout_ms']} ms. "
        + (f"Measured {stack.sequential_measured} of them in {seconds(stack.sequential_elapsed)} "
           f"and extrapolated linearly to {seconds(stack.sequential_total)} (the whole run was projected "
           f"past the budget of {stack.sequential['budget_s']} s)."
           if stack.extrapolated else
           f"All measured: {seconds(stack.sequential_elapsed)}.")
        + f" Mean {per_check:.3f} s a check; outcomes: "
        + ", ".join(f"{status} {n}" for status, n in statuses.most_common()) + ".",
        f"Connected / not connected agreed with meshprobe's run 1 on {same} of {compared} checks.",
        "",
        f"Left behind after `docker-compose down -v`: containers of the project: "
        f"{stack.info.get('leftover_containers', '?')}; its networks: "
        f"{stack.info.get('leftover_networks', '').strip() or 'none'}.",
        "",
    ]
    if stack.info.get("leftover_networks", "").strip():
        lines += [
            "A network left with no container in it, which `docker network rm` refuses with \"has active "
            "endpoints\", holds a phantom endpoint count of engine 20.10 (`endpoint_count` in "
            "/var/lib/docker/network/files/local-kv.db with no endpoint behind it); nothing but a dockerd "
            "restart clears it (\"Fixing inconsistent endpoint_cnt\" at start-up). See `bench/out/*-run*.log` "
            "for the compose down that hit it.",
            "",
        ]
    return lines


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    out, results = sys.argv[1], sys.argv[2]
    machine = key_values(os.path.join(out, "machine.txt"))
    stacks = [(Stack(out, name), title) for name, title in STACKS]
    lines = [
        "# Benchmark: meshprobe's probe phase against the sequential approach",
        "",
        "Written by `bench/run.sh` (`make bench`); raw numbers in `bench/out/`. The sequential approach is "
        "what a shell script does: one `docker exec` per check, one after another, with the same timeout. "
        "It covers only the reach checks, while meshprobe's probe phase covers every suite in the same "
        "time, so the ratios understate meshprobe's advantage per check. The probe phase starts once "
        "the probes are injected; injection is reported separately and in the second ratio.",
        "",
    ]
    lines += machine_section(machine)
    lines += summary_table(stacks)
    lines += goals(stacks[0][0], stacks[1][0])
    for stack, title in stacks:
        lines += stack_section(stack, title)
    # Other benchmarks keep their sections between <!-- name:begin --> / <!-- name:end -->
    # markers in the same file; they are carried over untouched.
    kept = ""
    if os.path.exists(results):
        with open(results) as old:
            text = old.read()
        start = text.find("<!-- ")
        if start >= 0:
            kept = "\n" + text[start:].rstrip("\n") + "\n"
    with open(results, "w") as markdown:
        markdown.write("\n".join(lines).rstrip("\n") + "\n" + kept)


if __name__ == "__main__":
    main()
