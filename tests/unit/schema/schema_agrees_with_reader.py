#!/usr/bin/python3
"""The schemas accept what meshprobe's contract reader accepts: each case below is a contract
(and metadata files) that both `meshprobe check` and the schemas read, and the two verdicts must
agree. A reader rejection is exit 2 naming a file of the case; a schema rejection is any
validation error. Cases the schema cannot judge (names that must exist, paths) are not here:
docs/contract.md#editors says what the schema leaves to `check`.

usage: schema_agrees_with_reader.py MESHPROBE DOCS_DIR WORK_DIR
"""
import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import yaml_schema_check  # noqa: E402

COMPOSE = """services:
  web: {image: nginx, networks: [front, back], ports: ["8080:80"]}
  db: {image: postgres, networks: [back]}
networks:
  front: {}
  back: {internal: true}
"""
TIERS = "tiers:\n  front: {network: front}\n  back: {network: back, internal: true, egress: deny}\n"
HEAD = "version: 1\n" + TIERS
SERVICES = "services:\n  web: {tier: front, ports: [80]}\n  db: {tier: back, ports: [5432]}\n"


def with_head(text):
    return HEAD + SERVICES + text


# (name, mesh.yaml, metadata files or None, accepted?)
CASES = [
    ("minimal", HEAD, None, True),
    ("version quoted", "version: '1'\n" + TIERS, None, True),
    ("version 2", "version: 2\n" + TIERS, None, False),
    ("no version", TIERS, None, False),
    ("no tiers", "version: 1\n", None, False),
    ("tiers empty", "version: 1\ntiers: {}\n", None, False),
    ("tiers null", "version: 1\ntiers:\n", None, False),
    ("only comments", "# nothing yet\n", None, False),
    ("two documents", HEAD + "---\nversion: 1\n", None, False),
    ("project with spaces", HEAD + "project: My App\n", None, True),
    ("project without a letter", HEAD + "project: '!!!'\n", None, False),
    ("unknown top-level key", HEAD + "tier: front\n", None, False),
    ("x- key with an anchor and a merge key",
     "version: 1\nx-back: &back {tier: back, ports: [5432]}\n" + TIERS
     + "services:\n  db: *back\n  web: {<<: *back, tier: front}\n", None, True),
    ("tier without network", "version: 1\ntiers:\n  front: {internal: false}\n", None, False),
    ("tier network empty", "version: 1\ntiers:\n  front: {network: ''}\n", None, False),
    ("tier internal True", "version: 1\ntiers:\n  front: {network: front, internal: True}\n", None, True),
    ("tier internal quoted", "version: 1\ntiers:\n  front: {network: front, internal: 'false'}\n", None, True),
    ("tier internal yes", "version: 1\ntiers:\n  front: {network: front, internal: yes}\n", None, True),
    ("tier internal maybe", "version: 1\ntiers:\n  front: {network: front, internal: maybe}\n", None, False),
    ("tier egress no", "version: 1\ntiers:\n  front: {network: front, egress: no}\n", None, False),
    ("tier unknown key", "version: 1\ntiers:\n  front: {network: front, egres: deny}\n", None, False),
    ("services null", HEAD + "services:\n", None, True),
    ("service null", HEAD + "services:\n  web:\n", None, True),
    ("service unknown key", HEAD + "services:\n  web: {tier: front, prots: [80]}\n", None, False),
    ("ports scalar", HEAD + "services:\n  web: {tier: front, ports: 80}\n", None, True),
    ("ports quoted digits", HEAD + "services:\n  web: {tier: front, ports: ['8080']}\n", None, True),
    ("ports none", HEAD + "services:\n  db: {tier: back, ports: none}\n", None, True),
    ("ports empty", HEAD + "services:\n  db: {tier: back, ports: []}\n", None, True),
    ("port 0", HEAD + "services:\n  web: {tier: front, ports: [0]}\n", None, False),
    ("port 65536", HEAD + "services:\n  web: {tier: front, ports: [65536]}\n", None, False),
    ("port abc", HEAD + "services:\n  web: {tier: front, ports: abc}\n", None, False),
    ("port list with a word", HEAD + "services:\n  web: {tier: front, ports: [80, http]}\n", None, False),
    ("port nested list", HEAD + "services:\n  web: {tier: front, ports: [[80]]}\n", None, False),
    ("publish forms", HEAD + "services:\n  web: {tier: front, publish: ['8080', 8081, '127.0.0.1:8082/tcp', "
     "'[::1]:8443', '6000-6005/udp', '0.0.0.0:53/udp']}\n", None, True),
    ("publish scalar", HEAD + "services:\n  web: {tier: front, publish: '8080'}\n", None, False),
    ("publish host:container", HEAD + "services:\n  web: {tier: front, publish: ['8080:80']}\n", None, False),
    ("publish sctp", HEAD + "services:\n  web: {tier: front, publish: ['80/sctp']}\n", None, False),
    ("publish bad address", HEAD + "services:\n  web: {tier: front, publish: ['300.0.0.1:80']}\n", None, False),
    ("publish bare IPv6", HEAD + "services:\n  web: {tier: front, publish: ['::1:80']}\n", None, False),
    ("publish port 0", HEAD + "services:\n  web: {tier: front, publish: ['0']}\n", None, False),
    ("aliases", HEAD + "services:\n  web: {tier: front, aliases: [web.internal]}\n", None, True),
    ("alias empty", HEAD + "services:\n  web: {tier: front, aliases: ['']}\n", None, False),
    ("flows", with_head("flows:\n  - {from: front, to: [db], ports: 5432}\n  - {from: [tier:front, service:web], to: tier:back}\n"),
     None, True),
    ("flows null", with_head("flows:\n"), None, True),
    ("flow without to", with_head("flows:\n  - {from: front}\n"), None, False),
    ("flow from empty list", with_head("flows:\n  - {from: [], to: db}\n"), None, False),
    ("flow from null", with_head("flows:\n  - {from: , to: db}\n"), None, False),
    ("flow side prefix alone", with_head("flows:\n  - {from: 'tier:', to: db}\n"), None, False),
    ("flow null entry", with_head("flows:\n  -\n"), None, False),
    ("flow port words", with_head("flows:\n  - {from: front, to: db, ports: [postgres]}\n"), None, False),
    ("flow unknown key", with_head("flows:\n  - {from: front, to: db, port: 5432}\n"), None, False),
    ("policy", HEAD + "policy: {same_tier: deny, cross_tier: deny, reverse: deny}\n", None, True),
    ("policy null", HEAD + "policy:\n", None, True),
    ("policy cross_tier allow", HEAD + "policy: {cross_tier: allow}\n", None, False),
    ("policy same_tier allowed", HEAD + "policy: {same_tier: allowed}\n", None, False),
    ("probe", HEAD + "probe: {timeout_ms: 60000, egress_targets: ['198.51.100.7:443', example.com, 'a-b.example:80']}\n",
     None, True),
    ("probe timeout 0", HEAD + "probe: {timeout_ms: 0}\n", None, False),
    ("probe timeout 60001", HEAD + "probe: {timeout_ms: 60001}\n", None, False),
    ("probe timeout quoted", HEAD + "probe: {timeout_ms: '500'}\n", None, True),
    ("egress IPv6", HEAD + "probe: {egress_targets: ['[::1]:80']}\n", None, False),
    ("egress numeric name", HEAD + "probe: {egress_targets: ['300.1.1.1']}\n", None, False),
    ("egress port 0", HEAD + "probe: {egress_targets: ['example.com:0']}\n", None, False),
    ("egress label with a dash at the end", HEAD + "probe: {egress_targets: ['bad-.example']}\n", None, False),
    ("suppress", with_head("suppress:\n  - {rule: MESH006, service: web, reason: the team accepts it}\n"), None, True),
    ("suppress bad rule", with_head("suppress:\n  - {rule: MESH6, reason: x}\n"), None, False),
    ("suppress without reason", with_head("suppress:\n  - {rule: MESH006}\n"), None, False),
    ("suppress blank reason", with_head("suppress:\n  - {rule: MESH006, reason: '  '}\n"), None, False),
    ("suppress text entry", with_head("suppress:\n  - MESH006\n"), None, False),
    ("compose files", HEAD + "compose: {files: [docker-compose.yaml], environments: {dev: {profiles: [debug]}, ci: }}\n",
     None, True),
    ("compose null", HEAD + "compose:\n", None, True),
    ("compose files empty", HEAD + "compose: {files: []}\n", None, False),
    ("compose files scalar", HEAD + "compose: {files: docker-compose.yaml}\n", None, False),
    ("compose unknown key", HEAD + "compose: {file: [docker-compose.yaml]}\n", None, False),
    ("environment unknown key", HEAD + "compose: {environments: {dev: {profile: [debug]}}}\n", None, False),
    ("metadata", HEAD + "metadata: meta\n",
     {"db.yaml": "service_name: db\ntier: back\nrole: database\ndependencies:\nexposed_ports: 5432\n"
                 "internal_endpoints: ['postgres://db:5432']\nsecurity_profile: strict\ncodex_agent_tags: [sql]\nx-note: kept\n",
      "web.yml": "service_name: web\ndependencies: [db]\nexposed_ports: [80, '8080']\n"}, True),
    ("metadata without service_name", HEAD + "metadata: meta\n", {"db.yaml": "tier: back\n"}, False),
    ("metadata empty file", HEAD + "metadata: meta\n", {"db.yaml": "# nothing\n"}, False),
    ("metadata unknown key", HEAD + "metadata: meta\n", {"db.yaml": "service_name: db\nports: [5432]\n"}, False),
    ("metadata bad port", HEAD + "metadata: meta\n", {"db.yaml": "service_name: db\nexposed_ports: [pg]\n"}, False),
    ("metadata dependencies scalar", HEAD + "metadata: meta\n",
     {"db.yaml": "service_name: db\ndependencies: web\n"}, False),
]


def reader_accepts(meshprobe, folder):
    result = subprocess.run([meshprobe, "--no-color", "-c", str(folder / "mesh.yaml"), "check"],
                            capture_output=True, text=True, timeout=60)
    if result.returncode == 2:
        # Exit 2 must come from the case's own files, not from the harness around it.
        if str(folder) not in result.stderr and "mesh.yaml" not in result.stderr and "meta/" not in result.stderr:
            raise RuntimeError(f"exit 2 not about the case's files: {result.stderr.strip()}")
        return False, result.stderr.strip()
    if result.returncode not in (0, 1):
        raise RuntimeError(f"check exited {result.returncode}: {result.stderr.strip()}")
    return True, ""


def schema_problems(mesh_validator, metadata_validator, folder):
    found = yaml_schema_check.problems(mesh_validator, folder / "mesh.yaml")
    for path in sorted((folder / "meta").glob("*.y*ml")) if (folder / "meta").is_dir() else []:
        found += [f"{path.name}: {p}" for p in yaml_schema_check.problems(metadata_validator, path)]
    return found


def main(argv):
    meshprobe, docs, work = argv[1], pathlib.Path(argv[2]), pathlib.Path(argv[3])
    mesh_validator = yaml_schema_check.validator_for(docs / "mesh.schema.json")
    metadata_validator = yaml_schema_check.validator_for(docs / "metadata.schema.json")
    shutil.rmtree(work, ignore_errors=True)
    failed = 0
    for number, (name, mesh, metadata, accepted) in enumerate(CASES):
        folder = work / f"case{number:02d}"
        folder.mkdir(parents=True)
        (folder / "docker-compose.yaml").write_text(COMPOSE)
        (folder / "mesh.yaml").write_text(mesh)
        for file_name, text in (metadata or {}).items():
            (folder / "meta").mkdir(exist_ok=True)
            (folder / "meta" / file_name).write_text(text)
        by_reader, message = reader_accepts(meshprobe, folder)
        problems = schema_problems(mesh_validator, metadata_validator, folder)
        by_schema = not problems
        verdict = lambda ok: "accepts" if ok else "rejects"  # noqa: E731
        if by_reader != accepted:
            print(f"FAIL {name}: the reader {verdict(by_reader)} it, the case says it {verdict(accepted)} it {message}")
            failed += 1
        elif by_schema != by_reader:
            print(f"FAIL {name}: the reader {verdict(by_reader)} it ({message}), the schema {verdict(by_schema)} it"
                  f" {problems[:3]}")
            failed += 1
        else:
            print(f"ok {name}: both {verdict(by_reader)} it")
    print(f"{len(CASES) - failed} of {len(CASES)} cases agree")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
