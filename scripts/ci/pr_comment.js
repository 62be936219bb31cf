// The one sticky pull-request comment of a meshprobe report (action.yml, input comment-on-pr).
// Called from actions/github-script:
//   const { upsertComment } = require(`${process.env.GITHUB_ACTION_PATH}/scripts/ci/pr_comment.js`);
//   await upsertComment({ github, context, core, body, marker, author });
// The comment is found by a hidden marker line (<!-- meshprobe-diff -->) in a comment written by
// `author` (github-actions[bot] for the workflow's GITHUB_TOKEN): the first such comment is
// updated, none creates one. Every other comment, a bot's without the marker or anyone's with
// it, is left alone. Tested by tests/ci/pr_comment_test.cjs against a fake API.
"use strict";

const DEFAULT_AUTHOR = "github-actions[bot]";
// GitHub refuses a comment body over 65,536 characters.
const MAX_BODY = 65536;

function markerLine(marker) {
  if (!/^[A-Za-z0-9._:-]+$/.test(marker)) throw new Error(`bad comment marker ${JSON.stringify(marker)}`);
  return `<!-- ${marker} -->`;
}

// The body as posted: the marker line, then the report, cut to GitHub's limit with a note.
function commentBody(report, marker) {
  const head = `${markerLine(marker)}\n`;
  let text = String(report);
  const room = MAX_BODY - head.length;
  if (head.length + text.length > MAX_BODY) {
    const note = "\n\n… (cut: the full report is in the job's step summary)\n";
    text = text.slice(0, room - note.length) + note;
  }
  return head + text;
}

// The comment this report owns, or undefined: written by `author`, its body holding the marker line.
function findComment(comments, marker, author = DEFAULT_AUTHOR) {
  const line = markerLine(marker);
  return comments.find(
    (c) => c && c.user && c.user.login === author && typeof c.body === "string" &&
      c.body.split(/\r?\n/).some((l) => l.trim() === line));
}

// Creates or updates the comment; returns {action: "created"|"updated"|"unchanged", id}.
async function upsertComment({ github, context, core, body, marker = "meshprobe-diff", author = DEFAULT_AUTHOR }) {
  const pr = context.payload && context.payload.pull_request;
  const number = pr ? pr.number : context.issue && context.issue.number;
  if (!number) throw new Error("not a pull request event: there is no pull request to comment on");
  const { owner, repo } = context.repo;
  const wanted = commentBody(body, marker);
  const comments = await github.paginate(github.rest.issues.listComments,
    { owner, repo, issue_number: number, per_page: 100 });
  const mine = findComment(comments, marker, author);
  if (mine && mine.body === wanted) {
    if (core) core.info(`comment ${mine.id} already says this`);
    return { action: "unchanged", id: mine.id };
  }
  if (mine) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body: wanted });
    if (core) core.info(`updated comment ${mine.id} on #${number}`);
    return { action: "updated", id: mine.id };
  }
  const { data } = await github.rest.issues.createComment({ owner, repo, issue_number: number, body: wanted });
  if (core) core.info(`created comment ${data.id} on #${number}`);
  return { action: "created", id: data.id };
}

// What the action calls: upsertComment, except that a token that may not write (a pull request
// from a fork gets a read-only GITHUB_TOKEN) is a warning, not a failed job: the report is in
// the step summary all the same.
async function commentOrWarn(args) {
  try {
    return await upsertComment(args);
  } catch (e) {
    if (e && (e.status === 403 || e.status === 404) && args.core) {
      args.core.warning(`meshprobe: could not comment on the pull request (${e.status}: ${e.message}); ` +
        "a pull request from a fork gets a read-only token. The report is in the step summary.");
      return { action: "refused", status: e.status };
    }
    throw e;
  }
}

module.exports = { upsertComment, commentOrWarn, findComment, commentBody, markerLine, DEFAULT_AUTHOR, MAX_BODY };
