#!/usr/bin/env python3
"""Lists the reach checks of a meshprobe JSON report, one per line: ID FROM HOST PORT.

usage: reach_checks.py REPORT.json

These are the checks the sequential approach repeats with one `docker exec` each: from the
service's own network namespace, connect to the target service by name on the port.
"""
import json
import sys


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    with open(sys.argv[1]) as report:
        checks = json.load(report)["checks"]
    for check in checks:
        if check["suite"] != "reach":
            continue
        host, port = check["to"].rsplit(":", 1)
        print(check["id"], check["from"], host, port)


if __name__ == "__main__":
    main()
