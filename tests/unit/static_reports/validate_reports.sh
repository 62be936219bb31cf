#!/bin/bash
# The SARIF of `meshprobe check` against the official SARIF 2.1.0 JSON schema (ajv, with the
# schema that Microsoft's SARIF multitool ships) and the multitool's own validation rules, and
# the JUnit through a JUnit consumer (junit2json). The tools come from the npm registry; the
# test is skipped (exit 77) only when the registry cannot be reached.
# usage: validate_reports.sh WRITE_CHECK_REPORT FIXTURES_DIR WORK_DIR
set -u
tool=$1 fixtures=$2 work=$3
mkdir -p "$work" && cd "$work" || exit 1

packages=(@microsoft/sarif-multitool@5.7.0 ajv-cli@5.0.0 ajv-formats@3.0.1 junit2json@4.0.0)
if [ ! -x node_modules/.bin/junit2json ]; then
  if ! command -v npm >/dev/null; then echo "FAIL: npm is not installed (scripts/setup.sh installs nodejs and npm)"; exit 1; fi
  if ! npm install --no-audit --no-fund --no-save "${packages[@]}" >npm.log 2>&1; then
    # In CI the validators are part of the proof: a registry out of reach fails, never skips.
    if ! npm ping >/dev/null 2>&1; then
      [ -n "${CI:-}" ] && { echo "FAIL: the npm registry cannot be reached (CI)"; exit 1; }
      echo "SKIP: the npm registry cannot be reached"; exit 77
    fi
    cat npm.log; echo "FAIL: npm install failed"; exit 1
  fi
fi
multitool=node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
schema=node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json
chmod u+x "$multitool"

failed=0
fail() { echo "FAIL: $*"; failed=1; }

# contract, expected exit code, expected number of environments (--all-envs: the base and each named one)
cases=("devonboarder/mesh.yaml 0 3" "broken/flat-network/mesh.yaml 1 1" "broken/db-on-auth-tier/mesh.yaml 1 1"
       "rules/MESH000/good/mesh.yaml 0 1" "rules/MESH012/bad/mesh.yaml 1 3")
for entry in "${cases[@]}"; do
  read -r contract want environments <<<"$entry"
  name=$(echo "$contract" | tr '/' '_')

  "$tool" "$fixtures/$contract" sarif "$name.sarif.json"
  got=$?
  [ "$got" = "$want" ] || fail "$contract: check exited $got, expected $want"
  node_modules/.bin/ajv validate --spec=draft2020 --strict=false -c ajv-formats -s "$schema" -d "$name.sarif.json" \
    >"$name.ajv" 2>&1 || { cat "$name.ajv"; fail "$contract: the SARIF does not match the 2.1.0 schema"; }
  rm -f "$name.validation.sarif"
  "$multitool" validate "$name.sarif.json" -j "$schema" --level Error Warning -o "$name.validation.sarif" >"$name.multitool" 2>&1 \
    || { cat "$name.multitool"; fail "$contract: the SARIF multitool failed"; }
  node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1]));
    const bad = log.runs[0].results.filter(r => (r.level || "warning") !== "note");
    for (const r of bad) console.log(r.level, r.ruleId, JSON.stringify(r.message.arguments || r.message));
    process.exit(bad.length ? 1 : 0);' "$name.validation.sarif" || fail "$contract: the SARIF multitool reports problems"

  # One JUnit case per rule of the catalog, which the SARIF lists.
  rules=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).runs[0].tool.driver.rules.length)' "$name.sarif.json")
  "$tool" "$fixtures/$contract" junit "$name.junit.xml"
  node_modules/.bin/junit2json "$name.junit.xml" >"$name.junit.json" 2>&1 || fail "$contract: junit2json cannot read the JUnit"
  node -e '
    const [file, want, environments, rules] = process.argv.slice(1);
    const root = JSON.parse(require("fs").readFileSync(file));
    const suites = root.testsuite || [];
    const problems = [];
    if (suites.length !== Number(environments)) problems.push(`${suites.length} suites, expected ${environments}`);
    for (const s of suites) if ((s.testcase || []).length !== Number(rules)) problems.push(`${s.name}: ${(s.testcase || []).length} cases`);
    if ((root.failures > 0) !== (want === "1")) problems.push(`failures=${root.failures} with exit ${want}`);
    for (const p of problems) console.log(p);
    process.exit(problems.length ? 1 : 0);' "$name.junit.json" "$want" "$environments" "$rules" \
    || fail "$contract: the JUnit does not read back as expected"
done

[ "$failed" = 0 ] && echo "PASS: SARIF valid against 2.1.0 and the multitool's rules; JUnit read by junit2json"
exit "$failed"
