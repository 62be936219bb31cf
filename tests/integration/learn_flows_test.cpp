// `meshprobe learn` on a real stack (issue 22, part 1): the learn fixture kept on stand-ins
// (the probe image serving each service's port), learn recording while the test makes
// connections from one service to another, declared (web -> api:9000, a flow) and undeclared
// (api -> web:8080, a reverse path), a known number of times; and a container of meshprobe's
// own on the stack's network, which must never be a flow.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mesh_environment.h"
#include "meshprobe_cli.h"
#include "spawn_program.h"

using namespace meshtest;
using ::testing::HasSubstr;

namespace {

namespace fs = std::filesystem;

const std::string kContract = std::string(SOURCE_DIR) + "/fixtures/learn/mesh.yaml";
const char* kOwnProbe = "meshtest-learn-own-probe";

std::string read_file(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string container_of(const std::string& service) { return meshtest::container_of("meshtest-learn", service); }

// `docker exec` the probe in a stand-in: one TCP connect to host:port.
void connect_from(const std::string& service, const std::string& host, int port) {
    probe_connect(container_of(service), host, port);
}

// Runs meshprobe with `args` in the background, does `act` once it records, then Ctrl-C; its
// exit code, and its standard error in `err`.
int record_while(const std::vector<std::string>& args, const fs::path& err, const std::function<void()>& act) {
    const pid_t pid = spawn_program(MESHPROBE_BINARY, args, {}, "/dev/null", err.string());
    // Recording starts once it says so; connections made before would not be seen.
    for (int i = 0; i < 300 && read_file(err).find("recording") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    act();
    ::kill(pid, SIGINT);
    return wait_exit(pid);
}

class Learn : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new fs::path(fs::temp_directory_path() / ("meshtest-learn-" + std::to_string(::getpid())));
        fs::create_directories(*dir_);
        // run exits 1 (the reverse path is carried); --keep leaves the stand-ins running either way.
        run_meshprobe({"-q", "-c", kContract, "run", "--standin", "--keep"});
        const std::string web = container_of("web");
        const std::string image = web.empty() ? "" : trimmed(shell("docker inspect -f '{{.Config.Image}}' " + web));
        const std::string network =
            trimmed(shell("docker network ls -q --filter label=com.docker.compose.project=meshtest-learn"));
        if (image.empty() || network.empty()) return;  // the tests say the stack is missing
        // A container labelled as a probe of meshprobe's, serving on the stack's network.
        shell("docker run -d --name " + std::string(kOwnProbe) + " --network " + network +
              " --label meshprobe.role=probe --label meshprobe.run=meshtest-learn-own --entrypoint /probe " + image +
              " serve --name own --port 7000 >/dev/null");
        own_probe_ip_ = new std::string(trimmed(
            shell("docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' " +
                  std::string(kOwnProbe))));

        const fs::path report = *dir_ / "learn.json";
        const fs::path err = *dir_ / "learn.err";
        exit_code_ = record_while({"-c", kContract, "learn", "--duration", "60s", "--format", "json", "--output",
                                   report.string()},
                                  err, [] {
                                      for (int i = 0; i < 3; ++i) connect_from("web", "api", 9000);
                                      for (int i = 0; i < 2; ++i) connect_from("api", "web", 8080);
                                      connect_from("web", *own_probe_ip_, 7000);
                                      // While learn records, a meshprobe run cannot probe the
                                      // project (its lock is held).
                                      explain_ = new Outcome(
                                          run_meshprobe({"-c", kContract, "explain", "--live", "web", "api:9000"}));
                                  });
        err_ = new std::string(read_file(err));
        report_ = new nlohmann::json(nlohmann::json::parse(read_file(report), nullptr, false));
    }
    static void TearDownTestSuite() {
        shell("docker rm -f " + std::string(kOwnProbe) + " >/dev/null 2>&1");
        run_meshprobe({"-q", "-c", kContract, "clean"});
        fs::remove_all(*dir_);
        delete dir_;
        delete own_probe_ip_;
        delete explain_;
        delete err_;
        delete report_;
    }

    // The flow from -> to:port/tcp in the report, or nullptr.
    static const nlohmann::json* flow(const std::string& from, const std::string& to, int port) {
        if (!report_ || !report_->contains("flows")) return nullptr;
        for (const nlohmann::json& f : (*report_)["flows"]) {
            if (f["from"] == from && f["to"] == to && f["port"] == port && f["protocol"] == "tcp") return &f;
        }
        return nullptr;
    }
    static std::string told() {
        return "stderr: " + (err_ ? *err_ : "") + "\nreport: " + (report_ ? report_->dump(2) : "");
    }

    static fs::path* dir_;
    static std::string* own_probe_ip_;
    static Outcome* explain_;
    static std::string* err_;
    static nlohmann::json* report_;
    static int exit_code_;
};

fs::path* Learn::dir_ = nullptr;
std::string* Learn::own_probe_ip_ = nullptr;
Outcome* Learn::explain_ = nullptr;
std::string* Learn::err_ = nullptr;
nlohmann::json* Learn::report_ = nullptr;
int Learn::exit_code_ = -1;

}  // namespace

TEST_F(Learn, CountsEachConnectionOfADeclaredFlowAndNamesItsContractLine) {
    const nlohmann::json* seen = flow("web", "api", 9000);
    ASSERT_NE(seen, nullptr) << told();
    EXPECT_EQ(seen->at("connections"), 3) << told();
    EXPECT_EQ(seen->at("declared"), true) << told();
    EXPECT_EQ(seen->at("by"), "mesh.yaml:10") << told();
}

TEST_F(Learn, CountsAnUndeclaredConnectionAndSaysWhyItIsNotDeclared) {
    const nlohmann::json* seen = flow("api", "web", 8080);
    ASSERT_NE(seen, nullptr) << told();
    EXPECT_EQ(seen->at("connections"), 2) << told();
    EXPECT_EQ(seen->at("declared"), false) << told();
    EXPECT_THAT(seen->at("reason").get<std::string>(), HasSubstr("reverse of web -> api:9000")) << told();
}

TEST_F(Learn, SeesNothingOfMeshprobesOwn) {
    ASSERT_NE(own_probe_ip_, nullptr);
    ASSERT_FALSE(own_probe_ip_->empty()) << "the test's own probe container did not start";
    ASSERT_TRUE(report_ && report_->contains("flows")) << told();
    for (const nlohmann::json& f : (*report_)["flows"]) {
        EXPECT_NE(f["to"], *own_probe_ip_) << told();
        EXPECT_TRUE(f["from"] == "web" || f["from"] == "api") << told();
    }
    EXPECT_EQ((*report_)["flows"].size(), 2u) << told();
}

TEST_F(Learn, CtrlCEndsTheRecordingAndExitsOneForAnUndeclaredFlow) {
    EXPECT_EQ(exit_code_, 1) << told();
    ASSERT_TRUE(report_ && report_->contains("interrupted")) << told();
    EXPECT_EQ((*report_)["interrupted"], true) << told();
}

TEST_F(Learn, AMeshprobeRunCannotProbeTheProjectWhileLearnRecords) {
    ASSERT_NE(explain_, nullptr);
    EXPECT_EQ(explain_->exit_code, 3) << explain_->err;
    EXPECT_THAT(explain_->err, HasSubstr("another meshprobe is running on project meshtest-learn ")) << explain_->err;
}

// init --learn: the contract init infers from the compose files (no flow: nothing in them says
// who talks to whom), with the flow seen while it recorded.
TEST_F(Learn, InitLearnWritesTheFlowsSeenIntoTheFirstContract) {
    const fs::path dir = *dir_ / "init";
    fs::create_directories(dir);
    fs::copy_file(std::string(SOURCE_DIR) + "/fixtures/learn/docker-compose.yaml", dir / "docker-compose.yaml");
    ::setenv("COMPOSE_PROJECT_NAME", "meshtest-learn", 1);
    const int exit_code = record_while({"init", "-f", (dir / "docker-compose.yaml").string(), "--output",
                                        (dir / "mesh.yaml").string(), "--learn", "60s"},
                                       dir / "init.err", [] { connect_from("api", "web", 8080); });
    ::unsetenv("COMPOSE_PROJECT_NAME");
    const std::string contract = read_file(dir / "mesh.yaml");
    EXPECT_EQ(exit_code, 0) << read_file(dir / "init.err");
    EXPECT_THAT(contract, HasSubstr("- {from: api, to: web, ports: [8080]}  # seen by learn: 1 connection(s)"))
        << contract << read_file(dir / "init.err");
}

TEST(LearnErrors, AStackThatIsNotRunningIsAnInfraError) {
    const fs::path dir = fs::temp_directory_path() / ("meshtest-learn-absent-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::copy_file(std::string(SOURCE_DIR) + "/fixtures/learn/docker-compose.yaml", dir / "docker-compose.yaml");
    std::string contract = read_file(kContract);
    contract.replace(contract.find("project: meshtest-learn"), 23, "project: meshtest-learn-absent");
    std::ofstream(dir / "mesh.yaml") << contract;
    const Outcome outcome = run_meshprobe({"-c", (dir / "mesh.yaml").string(), "learn", "--duration", "1s"});
    fs::remove_all(dir);
    EXPECT_EQ(outcome.exit_code, 3) << outcome.err;
    EXPECT_THAT(outcome.err, HasSubstr("no container of project meshtest-learn-absent")) << outcome.err;
}
