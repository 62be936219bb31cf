#!/usr/bin/python3
"""What `meshprobe init --metadata` writes matches the schemas, and mesh.yaml starts with the
yaml-language-server modeline naming the schema the .deb installs: on the devonboarder example
and on every multi-service file of the compose corpus whose compose file init can read.

usage: init_output_matches_schema.py MESHPROBE SOURCE_DIR CORPUS_DIR WORK_DIR
"""
import csv
import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import yaml_schema_check  # noqa: E402

MODELINE = "# yaml-language-server: $schema=/usr/share/meshprobe/mesh.schema.json"


def compose_files(source, corpus):
    yield source / "fixtures/devonboarder/docker-compose.yaml"
    with open(corpus / "MANIFEST.tsv", newline="") as manifest:
        for row in csv.DictReader(manifest, delimiter="\t"):
            count, features = row["service_count"], row["notable_features"]
            if count.isdigit() and int(count) >= 2 and "EXPECTED-INVALID" not in features:
                yield corpus / row["repo"] / row["path"]


def main(argv):
    meshprobe, source, corpus, work = argv[1], pathlib.Path(argv[2]), pathlib.Path(argv[3]), pathlib.Path(argv[4])
    mesh = yaml_schema_check.validator_for(source / "docs/mesh.schema.json")
    metadata = yaml_schema_check.validator_for(source / "docs/metadata.schema.json")
    shutil.rmtree(work, ignore_errors=True)
    failed = written = 0
    for number, compose in enumerate(compose_files(source, corpus)):
        # With --metadata, the services' tiers and ports go to the metadata files; without, into mesh.yaml.
        for variant, extra in (("plain", []), ("metadata", ["--metadata"])):
            folder = work / str(number) / variant
            folder.mkdir(parents=True)
            result = subprocess.run([meshprobe, "-q", "init", "-f", str(compose), "--output", str(folder / "mesh.yaml")]
                                    + [arg for flag in extra for arg in (flag, str(folder / "meta"))],
                                    capture_output=True, text=True, timeout=60)
            if result.returncode != 0:
                continue  # a compose file init cannot read: tests/init holds what init must read
            written += 1
            contract = folder / "mesh.yaml"
            first_line = contract.read_text().split("\n", 1)[0]
            if first_line != MODELINE:
                print(f"FAIL {compose}: mesh.yaml starts with {first_line!r}, not the modeline")
                failed += 1
            for path, validator in [(contract, mesh)] + [(p, metadata) for p in sorted((folder / "meta").glob("*.yaml"))]:
                problems = yaml_schema_check.problems(validator, path)
                if problems:
                    print(f"FAIL {compose}: {path.relative_to(work)}: " + "; ".join(problems[:5]))
                    failed += 1
    print(f"init wrote {written} contracts (with and without metadata files); {failed} problems")
    # The example alone is not enough: a corpus that went missing must not pass in silence.
    return 1 if failed or written < 40 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
