#!/usr/bin/env python3
"""Writes a generated benchmark stack: docker-compose.yaml + mesh.yaml into a folder.

usage: generate_stack.py OUT_DIR [--per-tier N] [--project NAME] [--flat N] [--references] [--change]

Four tiers shaped like the reference example (fixtures/devonboarder), N services each
(default 10, so 40 services), one port per service:

  edge  services sit on edge_tier and also on auth_tier and api_tier (like traefik),
  auth  services sit on auth_tier and data_tier,
  api   services sit on api_tier and auth_tier; the first half also on data_tier,
  data  services sit on data_tier only, an `internal: true` network with egress denied.

Flows: edge -> auth and api, api -> auth, auth and the first half of api -> data. Every
attachment is carried by a flow (or is a reverse path), so the design is conformant and a
run measures probing, not a pile of failures. The first service of each tier has a DNS alias.

--references makes each service but the first of its tier depend on the one before it and name
it in a URL (`UPSTREAM=http://api-01:8301/`), as real stacks do: what `init` turns into flows.

--flat N writes instead one tier of N services on one network, each with a port of its own
and no flows (every pair is same-tier traffic): the shape that has the most paths.

--change writes the stack as a reviewer's change would leave it, for `meshprobe diff`: the
second service serves port 9999 instead of its own (compose and contract), and in four tiers
the first data service also joins auth_tier (paths added and changed); flat, the last service
is gone (paths removed).

--publish N makes the first N services publish their port on 127.0.0.1 (the same host port),
and the contract allow it for every other one of them: what `meshprobe audit` has to judge.
"""
import argparse
import json
import os

TIERS = ["edge", "auth", "api", "data"]
BASE_PORT = {"edge": 8100, "auth": 8200, "api": 8300, "data": 5400}


def service_names(tier, per_tier):
    return [f"{tier}-{i:02d}" for i in range(1, per_tier + 1)]


def alias(name, project):
    return f"{name}.{project}.internal"


def networks_of(tier, index, per_tier):
    """The tier networks a service joins: its own first, then the ones its flows need."""
    if tier == "edge":
        return ["edge_tier", "auth_tier", "api_tier"]
    if tier == "auth":
        return ["auth_tier", "data_tier"]
    if tier == "api":
        return ["api_tier", "auth_tier"] + (["data_tier"] if index < per_tier // 2 else [])
    return ["data_tier"]


def compose_document(per_tier, project, data_bridge, references=False):
    services = {}
    for tier in TIERS:
        names = service_names(tier, per_tier)
        for index, name in enumerate(names):
            nets = {}
            for net in networks_of(tier, index, per_tier):
                nets[net] = {"aliases": [alias(name, project)]} if index == 0 and net == f"{tier}_tier" else {}
            services[name] = {
                # Never pulled: the benchmark runs on meshprobe's stand-ins.
                "image": f"bench/{name}:latest",
                "expose": [str(BASE_PORT[tier] + index + 1)],
                "networks": nets,
            }
            if references and index > 0:
                services[name]["depends_on"] = [names[index - 1]]
                services[name]["environment"] = {"UPSTREAM": f"http://{names[index - 1]}:{BASE_PORT[tier] + index}/"}
    networks = {f"{tier}_tier": {"driver": "bridge"} for tier in TIERS}
    networks["data_tier"]["internal"] = True
    # A stable bridge name, so scripts/host-firewall.sh could close the data tier's egress.
    networks["data_tier"]["driver_opts"] = {"com.docker.network.bridge.name": data_bridge}
    return {"version": "3.8", "services": services, "networks": networks}


def contract_document(per_tier, project):
    half_api = service_names("api", per_tier)[: per_tier // 2]
    services = {}
    for tier in TIERS:
        for index, name in enumerate(service_names(tier, per_tier)):
            entry = {"tier": tier, "ports": [BASE_PORT[tier] + index + 1]}
            if index == 0:
                entry["aliases"] = [alias(name, project)]
            services[name] = entry
    tiers = {
        "edge": {"network": "edge_tier", "egress": "allow"},
        "auth": {"network": "auth_tier"},
        "api": {"network": "api_tier"},
        "data": {"network": "data_tier", "internal": True, "egress": "deny"},
    }
    return {
        "version": 1,
        "project": project,
        "compose": {"files": ["docker-compose.yaml"]},
        "tiers": tiers,
        "services": services,
        "flows": [
            {"from": "edge", "to": ["auth", "api"]},
            {"from": "api", "to": "auth"},
            {"from": ["auth"] + half_api, "to": "data"},
        ],
        "policy": {"same_tier": "allow", "cross_tier": "deny", "reverse": "allow"},
        "probe": {"timeout_ms": 1000, "egress_targets": []},
    }


def flat_documents(count, project):
    names = [f"svc-{i:05d}" for i in range(1, count + 1)]
    compose = {"services": {name: {"image": f"bench/{name}:latest", "expose": [str(10000 + i)], "networks": ["flat"]}
                            for i, name in enumerate(names)},
               "networks": {"flat": {"driver": "bridge"}}}
    contract = {"version": 1, "project": project, "compose": {"files": ["docker-compose.yaml"]},
                "tiers": {"all": {"network": "flat"}},
                "services": {name: {"tier": "all", "ports": [10000 + i]} for i, name in enumerate(names)},
                "flows": []}
    return compose, contract


def change(compose, contract, flat):
    """The reviewer's change of --change, on the written documents."""
    names = list(compose["services"])
    second = names[1]
    compose["services"][second]["expose"] = ["9999"]
    contract["services"][second]["ports"] = [9999]
    if flat:
        del compose["services"][names[-1]]
        del contract["services"][names[-1]]
    else:
        first_data = next(n for n in names if n.startswith("data-"))
        compose["services"][first_data]["networks"]["auth_tier"] = {}


def publish(compose, contract, count):
    """The published ports of --publish: on loopback, every other one allowed by the contract."""
    for index, name in enumerate(list(compose["services"])[:count]):
        port = int(compose["services"][name]["expose"][0])
        compose["services"][name]["ports"] = [f"127.0.0.1:{port}:{port}"]
        if index % 2 == 0:
            contract["services"][name]["publish"] = [f"127.0.0.1:{port}/tcp"]


def write_yaml(path, document, header):
    # JSON is YAML; no PyYAML needed.
    with open(path, "w") as out:
        out.write(f"# {header}\n")
        json.dump(document, out, indent=2)
        out.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--per-tier", type=int, default=10)
    parser.add_argument("--project", default="mpbench40")
    parser.add_argument("--data-bridge", default="mpbench-data")
    parser.add_argument("--references", action="store_true", help="each service names the one before it")
    parser.add_argument("--flat", type=int, default=0, help="one tier of this many services instead")
    parser.add_argument("--change", action="store_true", help="as a reviewer's change leaves it (for diff)")
    parser.add_argument("--publish", type=int, default=0, help="the first N services publish their port")
    args = parser.parse_args()
    if args.flat:
        os.makedirs(args.out_dir, exist_ok=True)
        compose, contract = flat_documents(args.flat, args.project)
        if args.change:
            change(compose, contract, True)
        publish(compose, contract, args.publish)
        write_yaml(os.path.join(args.out_dir, "docker-compose.yaml"), compose, "generated by bench/generate_stack.py --flat")
        write_yaml(os.path.join(args.out_dir, "mesh.yaml"), contract, "generated by bench/generate_stack.py --flat")
        return
    if args.per_tier < 2:
        parser.error("--per-tier must be at least 2")
    os.makedirs(args.out_dir, exist_ok=True)
    written_by = "generated by bench/generate_stack.py"
    compose = compose_document(args.per_tier, args.project, args.data_bridge, args.references)
    contract = contract_document(args.per_tier, args.project)
    if args.change:
        change(compose, contract, False)
    publish(compose, contract, args.publish)
    write_yaml(os.path.join(args.out_dir, "docker-compose.yaml"), compose, written_by)
    write_yaml(os.path.join(args.out_dir, "mesh.yaml"), contract, written_by)


if __name__ == "__main__":
    main()
