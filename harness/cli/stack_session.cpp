#include "cli/stack_session.h"

#include <filesystem>
#include <fstream>

#include "compose/standin.h"
#include "core/errors.h"
#include "exec/executor.h"
#include "exec/interrupt.h"
#include "exec/left_behind.h"
#include "exec/leftovers.h"
#include "exec/run_lock.h"
#include "exec/stack_wait.h"

namespace meshprobe {

StackSession::StackSession(ComposeProject project, Docker& docker, Options options,
                           std::function<void(const std::string&)> log)
    : project_(std::move(project)), docker_(docker), options_(std::move(options)), log_(std::move(log)) {}

StackSession::~StackSession() {
    std::string failed = finish();
    if (!failed.empty()) log_(failed);
}

std::string StackSession::finish() {
    if (finished_) return {};
    finished_ = true;
    std::string failed;
    if (runner_ && !options_.keep) {
        log_("bringing the stack down");
        // Stand-ins are meshprobe's: removed one at a time before compose's parallel down.
        if (options_.standin) remove_own_standins(docker_, project_.name, options_.run_id, Sweep::once);
        failed = runner_->down();
        if (options_.standin) {
            Leftovers left = remove_own_standins(docker_, project_.name, options_.run_id);
            if (!left.failures.empty()) {
                failed = "cannot remove " + left.failures.front();
            } else if (docker_.list_networks({"com.docker.compose.project=" + project_.name}).empty()) {
                failed.clear();  // what compose's down missed, the sweep removed: nothing is left
            }
        }
        if (failed.empty()) left_behind::stack_down();
        if (!failed.empty()) {
            failed += options_.standin ? "; `meshprobe -c " + options_.contract + " clean` removes what is left"
                                       : "; `" + runner_->command_line({"down", "-v"}) + "` removes what is left";
        }
    } else if (runner_) {
        if (options_.standin) {
            mark_kept(options_.state_key, options_.run_id);
            log_("--keep: the stand-ins stay up; `meshprobe -c " + options_.contract + " clean` removes them");
        } else {
            log_("--keep: the stack stays up; `" + runner_->command_line({"down", "-v"}) + "` removes it");
        }
    }
    if (!temp_dir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(temp_dir_, ignored);
    }
    return failed;
}

void StackSession::start(const ComposeModel& model) {
    if (options_.no_up) return;
    auto existing = docker_.list_containers({"com.docker.compose.project=" + project_.name}, true);
    if (!existing.empty()) {
        if (options_.standin) {
            ComposeRunner theirs(project_, ComposeRunnerOptions{});
            throw InfraError("project " + project_.name + " already has " + std::to_string(existing.size()) +
                             " container(s) that meshprobe did not start; --standin would replace them. Bring it "
                             "down first (`" + theirs.command_line({"down"}) + "`), or probe it as it is with --no-up");
        }
        log_("the stack is already running: probing it as it is, and leaving it up");
        return;
    }
    ComposeProject up = project_;
    if (options_.standin) {
        temp_dir_ = make_run_folder(options_.run_id);
        std::string file = temp_dir_ + "/docker-compose.standin.yaml";
        std::ofstream(file) << render_standin_compose(
            model, StandinOptions{options_.probe_image, options_.standin_ports,
                                     {{kRoleLabel, "standin"}, {kStandinOfLabel, options_.run_id}}});
        up.files = {file};
        up.env_file.clear();  // the model is interpolated already
        up.profiles.clear();  // and holds only the active services
    }
    runner_ = std::make_unique<ComposeRunner>(up, ComposeRunnerOptions{&interrupted(), std::chrono::seconds(180), log_});
    log_(options_.standin ? "starting the stack on stand-ins" : "starting the stack");
    left_behind::stack_up(options_.standin);
    runner_->up();
    std::string not_ready = wait_for_stack(docker_, project_.name, std::chrono::seconds(options_.wait_seconds), interrupted());
    if (!not_ready.empty()) log_("the stack is not all ready, so the stack suite fails what is missing: " + not_ready);
}

}  // namespace meshprobe
