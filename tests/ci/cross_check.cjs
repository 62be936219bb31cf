// What the schemas and actionlint cannot see, because the action is remote to the workflow:
//   node cross_check.cjs TOOLS_DIR REPO_DIR
// - every inputs.X and steps.ID.outputs that action.yml uses is declared (an input, a step id);
// - every action.sh subcommand that action.yml runs exists in scripts/ci/action.sh;
// - every step of docs/ci/github-actions.yml that uses the meshprobe action passes only inputs
//   the action declares, at the tag v<project VERSION> of CMakeLists.txt;
// - so does the snippet under "Use in GitHub Actions" in README.md;
// - the diff job: pull_request only, fetch-depth 0, pull-requests: write, the diff --base of the
//   pull request's base in markdown, commented on the pull request.
// Exit 0, or 1 with each problem printed.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [tools, repo] = process.argv.slice(2);
if (!tools || !repo) {
  console.error("usage: node cross_check.cjs TOOLS_DIR REPO_DIR");
  process.exit(2);
}
const YAML = require(path.join(path.resolve(tools), "node_modules", "yaml"));
const read = (f) => fs.readFileSync(path.join(repo, f), "utf8");
const problems = [];
const problem = (m) => problems.push(m);

const actionText = read("action.yml");
const action = YAML.parse(actionText);
const inputs = Object.keys(action.inputs || {});
const stepIds = (action.runs.steps || []).map((s) => s.id).filter(Boolean);

for (const m of actionText.matchAll(/\binputs\.([A-Za-z0-9_-]+)/g)) {
  if (!inputs.includes(m[1])) problem(`action.yml uses inputs.${m[1]}, which it does not declare`);
}
for (const m of actionText.matchAll(/\bsteps\.([A-Za-z0-9_-]+)\./g)) {
  if (!stepIds.includes(m[1])) problem(`action.yml uses steps.${m[1]}, no step has that id`);
}
for (const [name, o] of Object.entries(action.outputs || {})) {
  const m = /steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/.exec(o.value || "");
  if (!m) problem(`output ${name} is not a step's output`);
}
const script = read("scripts/ci/action.sh");
for (const step of action.runs.steps) {
  const m = /scripts\/ci\/action\.sh" (\w+)/.exec(step.run || "");
  if (m && !new RegExp(`^  ${m[1]}\\) cmd_${m[1]} ;;$`, "m").test(script)) {
    problem(`action.yml runs action.sh ${m[1]}, which scripts/ci/action.sh does not have`);
  }
  if (step.run && !step.shell) problem(`action.yml step '${step.name}' has no shell`);
}

const commands = (/^commands=" (.*) "$/m.exec(script) || [, ""])[1].split(" ");
const version = /^project\(meshprobe VERSION ([0-9.]+)/m.exec(read("CMakeLists.txt"))[1];
const workflow = YAML.parse(read("docs/ci/github-actions.yml"));
let uses = 0;
for (const [jobName, job] of Object.entries(workflow.jobs)) {
  for (const step of job.steps || []) {
    const m = /^([^/@]+)\/meshprobe@(.+)$/.exec(step.uses || "");
    if (!m) continue;
    uses++;
    if (m[2] !== `v${version}`) problem(`job ${jobName}: ${step.uses} is not at the release tag v${version} of CMakeLists.txt`);
    for (const key of Object.keys(step.with || {})) {
      if (!inputs.includes(key)) problem(`job ${jobName}: the meshprobe action has no input '${key}'`);
    }
    const command = (step.with || {}).command || action.inputs.command.default;
    if (!commands.includes(command)) problem(`job ${jobName}: command ${command} is not one the action runs`);
  }
}
if (uses === 0) problem("docs/ci/github-actions.yml never uses the meshprobe action");

// The README's snippet: the same inputs, the same tag.
const readme = /## Use in GitHub Actions\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(read("README.md"));
if (!readme) {
  problem("README.md has no yaml snippet under 'Use in GitHub Actions'");
} else {
  const step = YAML.parse(readme[1]).find((s) => /\/meshprobe@/.test(s.uses || ""));
  if (!step) problem("the README's snippet does not use the meshprobe action");
  else {
    if (!step.uses.endsWith(`@v${version}`)) problem(`the README's snippet uses ${step.uses}, not the tag v${version}`);
    for (const key of Object.keys(step.with || {})) {
      if (!inputs.includes(key)) problem(`the README's snippet passes '${key}', which the action does not have`);
    }
  }
}

const diff = workflow.jobs.diff;
if (!diff) {
  problem("docs/ci/github-actions.yml has no diff job");
} else {
  if (!/github\.event_name == 'pull_request'/.test(diff.if || "")) problem("the diff job does not run on pull requests only");
  if ((diff.permissions || {})["pull-requests"] !== "write") problem("the diff job lacks pull-requests: write");
  const checkout = diff.steps.find((s) => /^actions\/checkout@/.test(s.uses || ""));
  if (!checkout || String((checkout.with || {})["fetch-depth"]) !== "0") problem("the diff job's checkout is not fetch-depth: 0");
  const step = diff.steps.find((s) => /\/meshprobe@/.test(s.uses || ""));
  const w = (step && step.with) || {};
  if (w.command !== "diff" || w.format !== "markdown" || w["comment-on-pr"] !== "true" ||
      !/^--base \$\{\{ github\.event\.pull_request\.base\.sha \}\}$/.test(w.args || "")) {
    problem(`the diff job does not run diff --base <the pull request's base> --format markdown with comment-on-pr: ${JSON.stringify(w)}`);
  }
}

if (problems.length > 0) {
  for (const p of problems) console.log(`cross_check: ${p}`);
  process.exit(1);
}
console.log(`cross_check: action.yml (${inputs.length} inputs, ${stepIds.length} step ids), docs/ci/github-actions.yml (${uses} uses of the action at v${version}) and the README's snippet agree`);
