// Against the real engine ($DOCKER_HOST or /var/run/docker.sock). No engine is a failure,
// never a skip: these tests are the proof that the client works with a real dockerd.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/docker_api.h"
#include "engine/probe_image.h"

namespace meshprobe {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

constexpr const char* kTestLabel = "meshprobe.test";

// ctest runs each test in its own process, maybe several at once: every process imports its
// own image name and cleans up only what carries its own run label.
const std::string kTestRepo = "meshprobe/enginetest-" + std::to_string(::getpid());
const std::string kRunLabel = "meshprobe.test.run=" + std::to_string(::getpid());

class EngineIntegration : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        try {
            docker_ = std::make_unique<Docker>();
            image_ = ensure_probe_image(*docker_, ENGINE_TEST_STATIC_BINARY, kTestRepo);
        } catch (const std::exception& error) {
            setup_error_ = error.what();
        }
    }

    static void TearDownTestSuite() {
        if (setup_error_.empty()) remove_leftovers();  // with no engine nothing was created
        docker_.reset();
    }

    static void remove_leftovers() {
        try {
            for (const ContainerInfo& container : docker_->list_containers({kRunLabel})) {
                docker_->remove_container(container.id);
            }
            if (!image_.empty()) docker_->remove_image(image_);
        } catch (const std::exception& error) {
            std::fprintf(stderr, "EngineIntegration clean-up failed: %s\n", error.what());
        }
    }

    void SetUp() override {
        ASSERT_EQ(setup_error_, "") << "the Docker engine is required for EngineIntegration tests";
    }

    // A container of the test image, labelled for clean-up and for this test alone.
    ContainerSpec spec(std::vector<std::string> cmd) const {
        ContainerSpec spec;
        spec.image = image_;
        spec.cmd = std::move(cmd);
        spec.labels = {{kTestLabel, "1"},
                       {"meshprobe.test.run", std::to_string(::getpid())},
                       {"meshprobe.test.case", case_label()}};
        return spec;
    }

    static std::string case_label() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        return std::string(info->name()) + "-" + std::to_string(::getpid());
    }

    static double seconds_since(std::chrono::steady_clock::time_point start) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }

    static inline std::unique_ptr<Docker> docker_;
    static inline std::string image_;
    static inline std::string setup_error_;
};

TEST_F(EngineIntegration, ReportsVersionAndNegotiatesDown) {
    VersionInfo version = docker_->version();
    EXPECT_FALSE(version.engine_version.empty());
    EXPECT_EQ(version.os, "linux");
    std::string settled = docker_->client().api_version();
    EXPECT_TRUE(settled == version.api_version || settled == EngineClient::kMaxApiVersion);
}

TEST_F(EngineIntegration, ImportedImageExistsAndIsReusedByTag) {
    EXPECT_TRUE(docker_->image_exists(image_));
    EXPECT_EQ(ensure_probe_image(*docker_, ENGINE_TEST_STATIC_BINARY, kTestRepo), image_);
    EXPECT_FALSE(docker_->image_exists(std::string(kTestRepo) + ":0000000000000000"));
}

TEST_F(EngineIntegration, ContainerRunsAndItsOutputIsSplitByStream) {
    std::string id = docker_->create_container(spec({"3"}));
    docker_->start_container(id);
    EXPECT_EQ(docker_->wait_container(id, 30s), 3);
    Logs logs = docker_->logs(id);
    EXPECT_EQ(logs.out, "hello from stdout\n");
    EXPECT_EQ(logs.err, "hello from stderr\n");
    docker_->remove_container(id);
    EXPECT_TRUE(docker_->client().get("/containers/" + id + "/json", {.allow_not_found = true}).not_found());
}

TEST_F(EngineIntegration, ListsContainersByLabel) {
    std::string id = docker_->create_container(spec({}));
    std::vector<ContainerInfo> found = docker_->list_containers({"meshprobe.test.case=" + case_label()});
    docker_->remove_container(id);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].id, id);
    EXPECT_EQ(found[0].state, "created");
    EXPECT_EQ(found[0].image, image_);
    EXPECT_EQ(found[0].labels.at(kTestLabel), "1");
}

TEST_F(EngineIntegration, InspectShowsNetworkAndSharedNamespace) {
    ContainerSpec sleeper = spec({"sleep", "30"});
    sleeper.network_mode = "bridge";
    std::string id = docker_->create_container(sleeper);
    docker_->start_container(id);
    ContainerSpec guest = spec({"sleep", "30"});
    guest.network_mode = "container:" + id;
    std::string guest_id = docker_->create_container(guest);
    docker_->start_container(guest_id);

    ContainerInfo host = docker_->inspect_container(id);
    ContainerInfo shared = docker_->inspect_container(guest_id);
    docker_->remove_container(guest_id);
    docker_->remove_container(id);

    EXPECT_EQ(host.state, "running");
    EXPECT_EQ(host.health, "");
    ASSERT_EQ(host.networks.size(), 1u);
    EXPECT_EQ(host.networks[0].name, "bridge");
    EXPECT_FALSE(host.networks[0].ip_address.empty());
    EXPECT_FALSE(host.networks[0].gateway.empty());
    EXPECT_EQ(shared.network_mode, "container:" + id);
    EXPECT_TRUE(shared.networks.empty());
}

TEST_F(EngineIntegration, LockedDownContainerRuns) {
    ContainerSpec locked = spec({"0"});
    locked.user = "65534:65534";
    locked.read_only = true;
    locked.cap_drop = {"ALL"};
    locked.security_opt = {"no-new-privileges"};
    locked.network_mode = "none";
    RunResult result = docker_->run_container(locked, 30s);
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.logs.out, "hello from stdout\n");
}

TEST_F(EngineIntegration, WaitGivesUpAfterItsTimeout) {
    std::string id = docker_->create_container(spec({"sleep", "30"}));
    docker_->start_container(id);
    EXPECT_THROW(docker_->wait_container(id, 300ms), InfraError);
    docker_->remove_container(id);
}

TEST_F(EngineIntegration, MissingContainerIsAnEngineErrorWithItsMessage) {
    try {
        docker_->inspect_container("meshprobe-no-such-container");
        FAIL() << "expected EngineError";
    } catch (const EngineError& error) {
        EXPECT_EQ(error.status(), 404);
        EXPECT_THAT(error.what(), HasSubstr("No such container: meshprobe-no-such-container (404)"));
    }
    EXPECT_NO_THROW(docker_->remove_container("meshprobe-no-such-container"));
}

TEST_F(EngineIntegration, ListsTheDefaultBridgeNetwork) {
    bool found = false;
    for (const NetworkInfo& network : docker_->list_networks()) {
        if (network.name != "bridge") continue;
        found = true;
        EXPECT_EQ(network.driver, "bridge");
        EXPECT_FALSE(network.subnets.empty());
    }
    EXPECT_TRUE(found);
}

// Measures the probe path end to end: create, start, wait, logs, remove.
TEST_F(EngineIntegration, OneContainerLifecycleIsTimed) {
    auto start = std::chrono::steady_clock::now();
    RunResult result = docker_->run_container(spec({"0"}), 30s);
    double seconds = seconds_since(start);
    EXPECT_EQ(result.exit_code, 0);
    RecordProperty("seconds", std::to_string(seconds));
    std::printf("one container lifecycle: %.3f s\n", seconds);
}

TEST_F(EngineIntegration, TwelveParallelContainerLifecyclesAreTimed) {
    constexpr int kContainers = 12;
    std::vector<int> exit_codes(kContainers, -1);
    std::vector<std::string> errors(kContainers);
    std::vector<std::thread> threads;
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kContainers; ++i) {
        threads.emplace_back([&, i] {
            try {
                exit_codes[i] = docker_->run_container(spec({std::to_string(i)}), 60s).exit_code;
            } catch (const std::exception& error) {
                errors[i] = error.what();
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    double seconds = seconds_since(start);
    for (int i = 0; i < kContainers; ++i) {
        EXPECT_EQ(errors[i], "");
        EXPECT_EQ(exit_codes[i], i);
    }
    EXPECT_TRUE(docker_->list_containers({"meshprobe.test.case=" + case_label()}).empty());
    RecordProperty("seconds", std::to_string(seconds));
    std::printf("%d parallel container lifecycles: %.3f s\n", kContainers, seconds);
}

}  // namespace
}  // namespace meshprobe
