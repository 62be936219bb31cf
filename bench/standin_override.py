#!/usr/bin/env python3
"""Writes a compose override that runs every service as the probe's stand-in.

usage: standin_override.py IMAGE REPORT.json SERVICE [SERVICE ...] > override.yaml

The benchmark holds a stand-in stack itself for the sequential approach, because
`meshprobe run --standin --keep` does not leave its stand-ins running. Each service listens on the
ports the report's reach and isolation checks target, as meshprobe's own stand-ins do, and
answers with its name. An override, not a complete file: compose merges it over the stack's
own files, so networks, aliases and published ports stay exactly as the stack declares them.
"""
import json
import sys


def served_ports(checks):
    ports = {}
    for check in checks:
        if check["suite"] in ("reach", "isolation"):
            service, port = check["to"].rsplit(":", 1)
            ports.setdefault(service, set()).add(int(port))
    return ports


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.strip().splitlines()[2])
    image, report_path, services = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(report_path) as report:
        ports = served_ports(json.load(report)["checks"])
    override = {"version": "3.8", "services": {}}
    for service in services:
        command = ["serve", "--name", service]
        for port in sorted(ports.get(service, ())):
            command += ["--port", str(port)]
        override["services"][service] = {
            "image": image,
            "entrypoint": ["/probe"],
            "command": command,
            # Merged over the real check, which needs the application; compose refuses to merge
            # `disable` with the other healthcheck keys.
            "healthcheck": {"test": ["CMD", "/probe", "--version"]},
            "labels": {"meshprobe.bench": "standin"},
        }
    # JSON is YAML; no YAML library needed.
    json.dump(override, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
