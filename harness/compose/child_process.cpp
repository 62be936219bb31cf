#include "compose/child_process.h"

#include <signal.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/process.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/extend.hpp>
#include <future>
#include <optional>

#include "core/errors.h"

namespace meshprobe {
namespace bp = boost::process;
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kPollInterval = std::chrono::milliseconds(50);
// Time a group gets to exit after SIGTERM before it is killed.
constexpr auto kTermGrace = std::chrono::seconds(3);

}  // namespace

std::string ChildResult::combined() const {
    if (err.empty()) return out;
    if (out.empty()) return err;
    return err + (err.back() == '\n' ? "" : "\n") + out;
}

ChildResult run_child(const ChildRequest& request) {
    if (request.cancel && request.cancel->load()) {
        ChildResult never_started;
        never_started.cancelled = true;
        return never_started;
    }
    boost::asio::io_context io;
    std::future<std::string> out;
    std::future<std::string> err;
    ChildResult result;
    bp::child child;
    bp::environment environment = boost::this_process::environment();
    for (const auto& [name, value] : request.env) {
        if (value) {
            environment[name] = *value;
        } else {
            environment.erase(name);
        }
    }
    try {
        child = bp::child(
            bp::exe = request.program, bp::args = request.args, bp::env = environment, bp::std_in < bp::null,
            bp::std_out > out, bp::std_err > err, io,
            bp::on_exit = [&result](int code, const std::error_code&) { result.exit_code = code; },
            bp::extend::on_exec_setup = [](auto&) { ::setpgid(0, 0); });
    } catch (const bp::process_error& e) {
        throw InfraError("cannot start " + request.program + ": " + e.what());
    }
    // Also from this side, so the group exists before the first signal could be sent.
    const pid_t group = child.id();
    ::setpgid(group, group);

    const auto deadline = Clock::now() + request.timeout;
    std::optional<Clock::time_point> kill_at;
    bool killed = false;
    while (!io.stopped()) {
        io.run_for(kPollInterval);
        if (io.stopped()) break;
        if (kill_at) {
            if (!killed && Clock::now() >= *kill_at) {
                ::killpg(group, SIGKILL);
                killed = true;
            } else if (killed && Clock::now() >= *kill_at + kTermGrace) {
                // Something outside the group still holds the pipes; stop reading them.
                io.stop();
                result.err = "(output lost: the child's pipes stayed open after it was killed)";
                return result;
            }
            continue;
        }
        const bool cancel = request.cancel && request.cancel->load();
        const bool late = Clock::now() >= deadline;
        if (cancel || late) {
            result.cancelled = cancel;
            result.timed_out = !cancel;
            ::killpg(group, SIGTERM);
            kill_at = Clock::now() + kTermGrace;
        }
    }
    result.out = out.get();
    result.err = err.get();
    return result;
}

std::string find_program(const std::string& name, const std::vector<std::string>& search_path) {
    for (const auto& dir : search_path) {
        const boost::filesystem::path candidate = boost::filesystem::path(dir) / name;
        boost::system::error_code ec;
        if (boost::filesystem::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) {
            return candidate.string();
        }
    }
    return {};
}

std::vector<std::string> path_directories() {
    std::vector<std::string> dirs;
    for (const auto& dir : boost::this_process::path()) dirs.push_back(dir.string());
    return dirs;
}

}  // namespace meshprobe
