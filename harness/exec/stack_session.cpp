#include "exec/stack_session.h"

#include <filesystem>
#include <optional>

#include "core/errors.h"
#include "exec/executor.h"
#include "exec/interrupt.h"
#include "exec/left_behind.h"
#include "exec/leftovers.h"
#include "exec/run_lock.h"

namespace meshprobe {

StackSession::StackSession(Orchestrator& orchestrator, Docker& docker, Options options,
                           std::function<void(const std::string&)> log)
    : orchestrator_(orchestrator), docker_(docker), options_(std::move(options)), log_(std::move(log)) {}

StackSession::~StackSession() {
    std::string failed = finish();
    if (!failed.empty()) log_(failed);
}

std::string StackSession::finish() {
    if (finished_) return {};
    finished_ = true;
    std::string failed;
    if (started_ && !options_.keep) {
        log_("bringing the stack down");
        // Stand-ins are meshprobe's: removed one at a time before the orchestrator's parallel down.
        if (options_.standin) remove_own_standins(docker_, orchestrator_, options_.run_id, Sweep::once);
        failed = orchestrator_.down();
        if (options_.standin) {
            Leftovers left = remove_own_standins(docker_, orchestrator_, options_.run_id);
            if (!left.failures.empty()) {
                failed = "cannot remove " + left.failures.front();
            } else if (orchestrator_.networks(docker_).empty()) {
                failed.clear();  // what compose's down missed, the sweep removed: nothing is left
            }
        }
        if (failed.empty()) left_behind::stack_down();
        if (!failed.empty()) {
            failed += options_.standin ? "; `meshprobe -c " + options_.contract + " clean` removes what is left"
                                       : "; `" + orchestrator_.down_command(true) + "` removes what is left";
        }
    } else if (started_) {
        if (options_.standin) {
            mark_kept(options_.state_key, options_.run_id);
            log_("--keep: the stand-ins stay up; `meshprobe -c " + options_.contract + " clean` removes them");
        } else {
            log_("--keep: the stack stays up; `" + orchestrator_.down_command(true) + "` removes it");
        }
    }
    if (!temp_dir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(temp_dir_, ignored);
    }
    return failed;
}

void StackSession::start(const StackModel& declared) {
    if (options_.no_up) return;
    auto existing = orchestrator_.containers(docker_, true);
    if (!existing.empty()) {
        if (options_.standin) {
            throw InfraError("project " + orchestrator_.project() + " already has " + std::to_string(existing.size()) +
                             " container(s) that meshprobe did not start; --standin would replace them. Bring it "
                             "down first (`" + orchestrator_.down_command(false) + "`), or probe it as it is with --no-up");
        }
        log_("the stack is already running: probing it as it is, and leaving it up");
        return;
    }
    std::optional<StandinRequest> standin;
    if (options_.standin) {
        temp_dir_ = make_run_folder(options_.run_id);
        standin.emplace(StandinRequest{declared,
                                       StandinOptions{options_.probe_image, options_.standin_ports,
                                                      {{kRoleLabel, "standin"}, {kStandinOfLabel, options_.run_id}}},
                                       temp_dir_});
    }
    log_(options_.standin ? "starting the stack on stand-ins" : "starting the stack");
    left_behind::stack_up(options_.standin);
    started_ = true;  // a stack that came up halfway is taken down too
    orchestrator_.up(standin ? &*standin : nullptr, OrchestratorControl{&interrupted(), std::chrono::seconds(180), log_});
    std::string not_ready = orchestrator_.wait_until_ready(docker_, std::chrono::seconds(options_.wait_seconds), interrupted());
    if (!not_ready.empty()) log_("the stack is not all ready, so the stack suite fails what is missing: " + not_ready);
}

}  // namespace meshprobe
