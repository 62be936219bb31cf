#include "meshprobe_cli.h"

#include <filesystem>
#include <fstream>

#include "compose/child_process.h"
#include "engine/docker_api.h"
#include "mesh_environment.h"

namespace meshtest {

std::set<std::string> Outcome::failing() const {
    std::set<std::string> ids;
    if (!report.contains("checks")) return ids;
    for (const auto& check : report["checks"]) {
        if (check["verdict"] != "pass") ids.insert(check["id"].get<std::string>());
    }
    return ids;
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
        meshprobe::run_child({"/bin/sh", shell_args, std::chrono::milliseconds(300'000), nullptr});
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
    return found;
}

}  // namespace meshtest
