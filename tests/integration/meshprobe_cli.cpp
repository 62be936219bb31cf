#include "meshprobe_cli.h"

#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "compose/child_process.h"
#include "engine/docker_api.h"
#include "mesh_environment.h"
#include "spawn_program.h"

namespace meshtest {

pid_t start_meshprobe(const std::vector<std::string>& args) { return spawn_program(MESHPROBE_BINARY, args); }

bool wait_for_label(const std::string& label) {
    meshprobe::Docker docker;
    for (int i = 0; i < 2400; ++i) {
        if (!docker.list_containers({label}, true).empty()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

int wait_exit(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string reference_contract() { return std::string(SOURCE_DIR) + "/fixtures/devonboarder/mesh.yaml"; }

std::set<std::string> Outcome::failing() const {
    std::set<std::string> ids;
    if (!report.contains("checks")) return ids;
    for (const auto& check : report["checks"]) {
        if (check["verdict"] != "pass") ids.insert(check["id"].get<std::string>());
    }
    return ids;
}

std::string Outcome::told() const {
    std::string text = err;
    if (!report.contains("checks")) return text + out;
    for (const auto& check : report["checks"]) {
        if (check["verdict"] == "pass") continue;
        text += "\n  " + check["verdict"].get<std::string>() + " " + check["id"].get<std::string>() + ": observed " +
                check.value("observed", "") + ", " + check.value("evidence", "");
    }
    return text;
}

int Outcome::count(const std::string& verdict) const {
    return report.contains("summary") ? report["summary"].value(verdict, -1) : -1;
}

Outcome run_meshprobe(const std::vector<std::string>& args, const std::string& cwd) {
    std::string json = std::filesystem::temp_directory_path() / ("meshtest-" + std::to_string(::getpid()) + ".json");
    std::filesystem::remove(json);
    std::vector<std::string> argv = args;
    bool is_run = std::find(args.begin(), args.end(), "run") != args.end();
    if (is_run) argv.insert(argv.end(), {"--json", json});
    // cd through sh so the binary sees the folder as its working directory.
    std::string command = "cd '" + cwd + "' && exec \"$0\" \"$@\"";
    std::vector<std::string> shell_args{"-c", command, MESHPROBE_BINARY};
    shell_args.insert(shell_args.end(), argv.begin(), argv.end());
    meshprobe::ChildResult run =
        meshprobe::run_child({"/bin/sh", shell_args, std::chrono::milliseconds(300'000), nullptr, {}});
    Outcome outcome{run.exit_code, run.out, run.err, {}};
    if (std::ifstream in{json}) outcome.report = nlohmann::json::parse(in, nullptr, false);
    std::filesystem::remove(json);
    return outcome;
}

Outcome run_standin(const std::string& fixture, const std::vector<std::string>& extra) {
    std::vector<std::string> args{"-q", "-c", std::string(SOURCE_DIR) + "/fixtures/" + fixture + "/mesh.yaml", "run",
                                  "--standin", "--egress-target", outside_target()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_meshprobe(args);
}

std::vector<std::string> leftovers(const std::string& project_prefix) {
    meshprobe::Docker docker;
    std::vector<std::string> found;
    for (const auto& c : docker.list_containers({"meshprobe.run"}, true)) found.push_back("container " + c.name);
    for (const auto& c : docker.list_containers({"com.docker.compose.project"}, true)) {
        if (c.labels.at("com.docker.compose.project").rfind(project_prefix, 0) == 0) found.push_back("container " + c.name);
    }
    for (const auto& n : docker.list_networks({"com.docker.compose.project"})) {
        if (n.labels.at("com.docker.compose.project").rfind(project_prefix, 0) == 0) found.push_back("network " + n.name);
    }
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
        if (entry.path().filename().string().rfind("meshprobe-run-", 0) == 0) found.push_back("folder " + entry.path().string());
    }
    return found;
}

}  // namespace meshtest
