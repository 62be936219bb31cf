#include "mesh_environment.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <sys/wait.h>

namespace meshtest {
namespace {

std::string target;

class MeshEnvironment : public ::testing::Environment {
public:
    void SetUp() override {
        int status = 0;
        std::string version = shell("docker version --format '{{.Server.Version}}' 2>&1", &status);
        ASSERT_EQ(status, 0) << "no Docker engine answers; these tests need one (run `make setup`): " << version;
        apply_host_firewall();
        target = shell("bash " SOURCE_DIR "/scripts/outside-host.sh up", &status);
        ASSERT_EQ(status, 0) << "could not create the outside host: " << target;
        while (!target.empty() && (target.back() == '\n' || target.back() == ' ')) target.pop_back();
    }
    void TearDown() override {
        shell("bash " SOURCE_DIR "/scripts/outside-host.sh down");
        remove_host_firewall();
    }
};

const auto* registered = ::testing::AddGlobalTestEnvironment(new MeshEnvironment);

}  // namespace

std::string outside_target() { return target; }

void apply_host_firewall() {
    int status = 0;
    std::string out = shell(std::string("bash " SOURCE_DIR "/scripts/host-firewall.sh apply ") + kDataBridge, &status);
    ASSERT_EQ(status, 0) << out;
}

void remove_host_firewall() { shell(std::string("bash " SOURCE_DIR "/scripts/host-firewall.sh remove ") + kDataBridge); }

std::string shell(const std::string& command, int* status) {
    std::string out;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) {
        if (status) *status = -1;
        return out;
    }
    std::array<char, 4096> buffer{};
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
    int raw = ::pclose(pipe);
    if (status) *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return out;
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

std::string container_of(const std::string& project, const std::string& service) {
    return trimmed(shell("docker ps -q --filter label=com.docker.compose.project=" + project +
                         " --filter label=com.docker.compose.service=" + service));
}

std::string probe_connect(const std::string& container, const std::string& host, int port) {
    const std::string plan = nlohmann::json{{"timeout_ms", 1000},
                                            {"checks", {{{"key", "k"}, {"kind", "tcp"}, {"host", host}, {"port", port}}}}}
                                 .dump();
    const std::string out = shell("docker exec " + container + " /probe run '" + plan + "'");
    const nlohmann::json results = nlohmann::json::parse(out, nullptr, false);
    if (results.is_discarded() || !results.contains("results") || results["results"].empty()) return "no result: " + out;
    return results["results"][0].value("status", "");
}

}  // namespace meshtest
