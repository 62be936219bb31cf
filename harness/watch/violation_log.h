#pragma once
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "watch/violation.h"

namespace meshprobe::watch {

// Who found a violation: what the live model shows, or what a probe round saw. Each source's
// judgement replaces only its own open violations, so a model update never resolves a failed
// probe and a round never resolves a published port.
enum class Source { model, probes };
Source source_of(Kind kind);

// The open violations, and the log of their changes: one JSON line per violation when it opens
// and one when it is resolved, each written whole with one write(2) to standard output and to
// the log file (O_APPEND), so a crash or `kill -9` never leaves half a line and loses none
// already reported.
class ViolationLog {
public:
    // log_path empty: standard output only. An existing log is read first: a violation its last
    // line about leaves open is open still, and is not reported again while it lasts.
    // InputError when the log cannot be opened or holds a line that is not the log's JSON.
    ViolationLog(const std::string& log_path, bool to_stdout);
    ~ViolationLog();
    ViolationLog(const ViolationLog&) = delete;
    ViolationLog& operator=(const ViolationLog&) = delete;

    // Everything `source` finds now; returns the lines written (opened and resolved).
    // InfraError when a line cannot be written to the log file.
    std::vector<LogEntry> update(Source source, const std::vector<Violation>& found);

    int open_count() const {
        std::lock_guard lock(mutex_);
        return static_cast<int>(open_.size());
    }

    // What is open now, oldest fingerprint first: the GitHub issues pick up from it after a restart.
    std::vector<LogEntry> open_entries() const;

    // Called with every line written (the webhook and the metrics follow it).
    std::function<void(const LogEntry&)> on_entry;

private:
    void write(const LogEntry& entry);

    mutable std::mutex mutex_;  // the model and the probe rounds update from two threads
    int fd_ = -1;
    bool to_stdout_;
    std::map<std::string, LogEntry> open_;  // by fingerprint
};

}  // namespace meshprobe::watch
