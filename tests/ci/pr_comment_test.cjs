// scripts/ci/pr_comment.js against a fake GitHub API: node --test tests/ci/pr_comment_test.cjs
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { upsertComment, commentOrWarn, findComment, commentBody, MAX_BODY } =
  require(path.join(__dirname, "../../scripts/ci/pr_comment.js"));

const BOT = { login: "github-actions[bot]", type: "Bot" };
const OTHER_BOT = { login: "dependabot[bot]", type: "Bot" };
const HUMAN = { login: "alice", type: "User" };

// A fake of what github-script hands the script: github.paginate and github.rest.issues; the
// comments live in an array, listed two to a page so that paging is exercised.
function fakeGitHub(comments, { refuse } = {}) {
  const calls = [];
  let next = 1000;
  const issues = {
    listComments: async ({ issue_number, page = 1, per_page }) => {
      calls.push(["list", issue_number, page]);
      const size = Math.min(per_page, 2);
      return { data: comments.slice((page - 1) * size, page * size).map((c) => ({ ...c })) };
    },
    createComment: async ({ owner, repo, issue_number, body }) => {
      if (refuse) { const e = new Error("Resource not accessible by integration"); e.status = refuse; throw e; }
      calls.push(["create", owner, repo, issue_number]);
      const c = { id: next++, user: BOT, body };
      comments.push(c);
      return { data: c };
    },
    updateComment: async ({ comment_id, body }) => {
      if (refuse) { const e = new Error("Resource not accessible by integration"); e.status = refuse; throw e; }
      calls.push(["update", comment_id]);
      comments.find((c) => c.id === comment_id).body = body;
      return { data: {} };
    },
  };
  const github = {
    rest: { issues },
    paginate: async (method, params) => {
      const all = [];
      for (let page = 1; ; page++) {
        const { data } = await method({ ...params, page });
        if (data.length === 0) return all;
        all.push(...data);
      }
    },
  };
  return { github, calls, comments };
}

const context = { repo: { owner: "acme", repo: "shop" }, payload: { pull_request: { number: 7 } }, issue: { number: 7 } };
const core = { info() {}, warning(m) { this.warned = m; } };
const mutations = (calls) => calls.filter((c) => c[0] !== "list");

test("creates the comment when the pull request has none with the marker", async () => {
  const f = fakeGitHub([
    { id: 1, user: HUMAN, body: "looks good" },
    { id: 2, user: BOT, body: "<!-- some-other-tool -->\nunrelated" },
  ]);
  const r = await upsertComment({ github: f.github, context, core, body: "## diff\n+ a -> b", marker: "meshprobe-diff" });
  assert.equal(r.action, "created");
  assert.deepEqual(mutations(f.calls), [["create", "acme", "shop", 7]]);
  assert.equal(f.comments.length, 3);
  assert.equal(f.comments[2].body, "<!-- meshprobe-diff -->\n## diff\n+ a -> b");
  assert.equal(f.comments[0].body, "looks good");
  assert.equal(f.comments[1].body, "<!-- some-other-tool -->\nunrelated");
});

test("updates the bot's comment with the marker, found on a later page, and only that one", async () => {
  const f = fakeGitHub([
    { id: 1, user: HUMAN, body: "first" },
    { id: 2, user: BOT, body: "a bot comment without the marker" },
    { id: 3, user: HUMAN, body: "<!-- meshprobe-diff -->\nquoted by a person" },
    { id: 4, user: OTHER_BOT, body: "<!-- meshprobe-diff -->\nanother bot" },
    { id: 5, user: BOT, body: "<!-- meshprobe-diff -->\nold report" },
  ]);
  const before = f.comments.map((c) => ({ ...c }));
  const r = await upsertComment({ github: f.github, context, core, body: "new report", marker: "meshprobe-diff" });
  assert.deepEqual(r, { action: "updated", id: 5 });
  assert.deepEqual(mutations(f.calls), [["update", 5]]);
  assert.ok(f.calls.some((c) => c[0] === "list" && c[2] === 3), "read the third page");
  assert.equal(f.comments[4].body, "<!-- meshprobe-diff -->\nnew report");
  for (let i = 0; i < 4; i++) assert.deepEqual(f.comments[i], before[i], `comment ${before[i].id} untouched`);
});

test("a second run updates the comment the first created: still one comment", async () => {
  const f = fakeGitHub([{ id: 1, user: BOT, body: "no marker here" }]);
  await upsertComment({ github: f.github, context, core, body: "v1", marker: "meshprobe-diff" });
  const r = await upsertComment({ github: f.github, context, core, body: "v2", marker: "meshprobe-diff" });
  assert.equal(r.action, "updated");
  assert.equal(f.comments.length, 2);
  assert.equal(f.comments[0].body, "no marker here");
  assert.equal(f.comments[1].body, "<!-- meshprobe-diff -->\nv2");
  const again = await upsertComment({ github: f.github, context, core, body: "v2", marker: "meshprobe-diff" });
  assert.equal(again.action, "unchanged");
  assert.deepEqual(mutations(f.calls).map((c) => c[0]), ["create", "update"]);
});

test("the marker must be a line of its own, and markers of other environments differ", () => {
  const comments = [
    { id: 1, user: BOT, body: "text <!-- meshprobe-diff --> inline" },
    { id: 2, user: BOT, body: "<!-- meshprobe-diff-prod -->\nprod" },
    { id: 3, user: BOT, body: "<!-- meshprobe-diff -->\r\nbase" },
  ];
  assert.equal(findComment(comments, "meshprobe-diff").id, 3);
  assert.equal(findComment(comments, "meshprobe-diff-prod").id, 2);
  assert.equal(findComment(comments, "meshprobe-audit"), undefined);
  assert.equal(findComment(comments, "meshprobe-diff", "someone-else[bot]"), undefined);
  assert.throws(() => findComment(comments, "bad marker -->"), /bad comment marker/);
});

test("a report over GitHub's limit is cut with a note", () => {
  const body = commentBody("x".repeat(MAX_BODY * 2), "meshprobe-diff");
  assert.ok(body.length <= MAX_BODY, `${body.length} <= ${MAX_BODY}`);
  assert.ok(body.startsWith("<!-- meshprobe-diff -->\n"));
  assert.match(body, /cut: the full report is in the job's step summary/);
  assert.equal(commentBody("short", "m"), "<!-- m -->\nshort");
});

test("a read-only token (a fork's pull request) is a warning, other errors fail", async () => {
  const f = fakeGitHub([], { refuse: 403 });
  const c = { ...core };
  const r = await commentOrWarn({ github: f.github, context, core: c, body: "r", marker: "meshprobe-diff" });
  assert.equal(r.action, "refused");
  assert.match(c.warned, /read-only token/);
  const g = fakeGitHub([], { refuse: 500 });
  await assert.rejects(commentOrWarn({ github: g.github, context, core: c, body: "r", marker: "meshprobe-diff" }), /not accessible/);
});

test("outside a pull request there is nothing to comment on", async () => {
  const f = fakeGitHub([]);
  await assert.rejects(upsertComment({ github: f.github, context: { repo: context.repo, payload: {}, issue: {} }, core, body: "r" }),
    /not a pull request event/);
  assert.deepEqual(f.calls, []);
});
