#pragma once
#include <nlohmann/json.hpp>

#include "watch/violation.h"

namespace meshprobe::watch {

// What the webhook POSTs for a log entry: the log line's fields (time, kind, service, network,
// detail, fingerprint, state) plus what a GitHub issue takes: `title`, a Markdown `body` and
// `labels`. Title and body depend on the entry alone, so the same violation always reads the
// same, and the body carries the fingerprint (also as an HTML comment, for a receiver that
// searches issues for it). The violation's texts are taken as plain text, not Markdown.
nlohmann::json issue_payload(const LogEntry& entry);

}  // namespace meshprobe::watch
