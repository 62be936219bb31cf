#include "cli/stack_session.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "compose/standin.h"
#include "core/errors.h"
#include "exec/executor.h"
#include "exec/interrupt.h"
#include "exec/stack_wait.h"

namespace meshprobe {

StackSession::StackSession(ComposeProject project, Docker& docker, Options options,
                           std::function<void(const std::string&)> log)
    : project_(std::move(project)), docker_(docker), options_(std::move(options)), log_(std::move(log)) {}

StackSession::~StackSession() {
    if (runner_ && !options_.keep) {
        log_("bringing the stack down");
        runner_->down();
    } else if (runner_) {
        log_("--keep: the stack stays up; `docker-compose -p " + project_.name + " down -v` removes it");
    }
    if (!temp_dir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(temp_dir_, ignored);
    }
}

void StackSession::start(const std::string& rendered_config) {
    if (options_.no_up) return;
    auto existing = docker_.list_containers({"com.docker.compose.project=" + project_.name}, true);
    if (!existing.empty()) {
        if (options_.standin) {
            throw InfraError("project " + project_.name + " already has " + std::to_string(existing.size()) +
                             " container(s); --standin would replace them. Bring it down first, or probe it as it "
                             "is with --no-up");
        }
        log_("the stack is already running: probing it as it is, and leaving it up");
        return;
    }
    ComposeProject up = project_;
    if (options_.standin) {
        char pattern[] = "/tmp/meshprobe-XXXXXX";
        if (::mkdtemp(pattern) == nullptr) throw InfraError("cannot create a temporary folder for the stand-in file");
        temp_dir_ = pattern;
        std::string file = temp_dir_ + "/docker-compose.standin.yaml";
        std::ofstream(file) << render_standin_compose(
            rendered_config, StandinOptions{options_.probe_image, options_.standin_ports,
                                            {{kRoleLabel, "standin"}, {"meshprobe.standin-of", options_.run_id}}});
        up.files = {file};
        up.env_file.clear();  // the rendered file is interpolated already
    }
    runner_ = std::make_unique<ComposeRunner>(up, ComposeRunnerOptions{&interrupted(), std::chrono::seconds(180), log_});
    log_(options_.standin ? "starting the stack on stand-ins" : "starting the stack");
    runner_->up();
    wait_for_stack(docker_, project_.name, std::chrono::seconds(options_.wait_seconds), interrupted());
}

}  // namespace meshprobe
