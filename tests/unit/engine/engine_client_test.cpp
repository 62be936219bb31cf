#include "engine/engine_client.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fake_engine.h"

namespace meshprobe {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using testing::FakeEngine;

std::string infra_message(const std::function<void()>& call) {
    try {
        call();
    } catch (const InfraError& error) {
        return error.what();
    }
    return "(no InfraError)";
}

TEST(EngineClient, UsesEngineVersionWhenOlderThanClient) {
    FakeEngine engine("1.41");
    engine.on("GET", "/containers/json", {.body = "[]"});
    EngineClient client(engine.docker_host());
    client.get("/containers/json");
    EXPECT_EQ(client.api_version(), "1.41");
    ASSERT_EQ(engine.requests().back().target, "/v1.41/containers/json");
}

TEST(EngineClient, CapsVersionAtClientMaximum) {
    FakeEngine engine("1.47");
    engine.on("GET", "/containers/json", {.body = "[]"});
    EngineClient client(engine.docker_host());
    client.get("/containers/json");
    EXPECT_EQ(client.api_version(), "1.45");
    ASSERT_EQ(engine.requests().back().target, "/v1.45/containers/json");
}

TEST(EngineClient, AsksForTheVersionUnversioned) {
    FakeEngine engine("1.41");
    EngineClient client(engine.docker_host());
    client.negotiate();
    ASSERT_EQ(engine.requests().size(), 1u);
    EXPECT_EQ(engine.requests()[0].target, "/version");
}

TEST(EngineClient, NegotiatesOnlyOnce) {
    FakeEngine engine("1.41");
    engine.on("GET", "/info", {.body = "{}"});
    EngineClient client(engine.docker_host());
    client.get("/info");
    client.get("/info");
    EXPECT_EQ(engine.requests_to("GET", "/version").size(), 1u);
}

TEST(EngineClient, RefusesEngineOlderThanMinimum) {
    FakeEngine engine("1.20");
    EngineClient client(engine.docker_host());
    EXPECT_THAT(infra_message([&] { client.negotiate(); }),
                HasSubstr("speaks API 1.20; meshprobe needs API 1.24 or newer"));
}

TEST(EngineClient, HttpErrorCarriesEngineMessageAndStatus) {
    FakeEngine engine;
    engine.on("GET", "/containers/abc/json", {.status = 404, .body = R"({"message":"No such container: abc"})"});
    EngineClient client(engine.docker_host());
    try {
        client.get("/containers/abc/json");
        FAIL() << "expected EngineError";
    } catch (const EngineError& error) {
        EXPECT_STREQ(error.what(), "Docker engine: No such container: abc (404)");
        EXPECT_EQ(error.status(), 404);
        EXPECT_EQ(error.detail(), "GET /containers/abc/json");
    }
}

TEST(EngineClient, HttpErrorWithoutJsonUsesTheBody) {
    FakeEngine engine;
    engine.on("POST", "/build", {.status = 500, .body = "boom\n", .content_type = "text/plain"});
    EngineClient client(engine.docker_host());
    EXPECT_EQ(infra_message([&] { client.post("/build", nullptr); }), "Docker engine: boom (500)");
}

TEST(EngineClient, AllowNotFoundReturnsTheResponse) {
    FakeEngine engine;
    engine.on("GET", "/images/x/json", {.status = 404, .body = R"({"message":"No such image: x"})"});
    EngineClient client(engine.docker_host());
    Response response = client.get("/images/x/json", {.allow_not_found = true});
    EXPECT_TRUE(response.not_found());
    EXPECT_EQ(response.json()["message"], "No such image: x");
}

TEST(EngineClient, AllowNotFoundStillThrowsOnOtherErrors) {
    FakeEngine engine;
    engine.on("GET", "/images/x/json", {.status = 500, .body = R"({"message":"disk on fire"})"});
    EngineClient client(engine.docker_host());
    EXPECT_THROW(client.get("/images/x/json", {.allow_not_found = true}), EngineError);
}

TEST(EngineClient, MissingSocketMeansNoEngine) {
    EngineClient client("unix:///tmp/meshprobe-no-such-dir/docker.sock");
    std::string message = infra_message([&] { client.negotiate(); });
    EXPECT_THAT(message, HasSubstr("no Docker engine at /tmp/meshprobe-no-such-dir/docker.sock"));
    EXPECT_THAT(message, HasSubstr("the socket does not exist"));
    EXPECT_THAT(message, HasSubstr("is dockerd running? start it, or set DOCKER_HOST"));
}

TEST(EngineClient, SocketWithoutListenerMeansConnectionRefused) {
    std::string path = std::filesystem::temp_directory_path() / ("meshprobe-dead-" + std::to_string(::getpid()) + ".sock");
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);  // bound, never listening

    EngineClient client("unix://" + path);
    std::string message = infra_message([&] { client.negotiate(); });
    ::close(fd);
    std::filesystem::remove(path);
    EXPECT_THAT(message, HasSubstr("no Docker engine at " + path + ": connection refused (is dockerd running?"));
}

TEST(EngineClient, ClosedTcpPortMeansConnectionRefused) {
    // Port 1 on loopback: nothing listens there on a build machine.
    EngineClient client("tcp://127.0.0.1:1");
    EXPECT_THAT(infra_message([&] { client.negotiate(); }),
                HasSubstr("no Docker engine at tcp://127.0.0.1:1: connection refused"));
}

TEST(EngineClient, PostSendsJsonWithContentType) {
    FakeEngine engine;
    engine.on("POST", "/containers/create", {.status = 201, .body = R"({"Id":"c1"})"});
    EngineClient client(engine.docker_host());
    Response response = client.post("/containers/create?name=x", {{"Image", "busybox"}});
    EXPECT_EQ(response.status, 201);
    auto sent = engine.requests_to("POST", "/v1.41/containers/create");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].headers["content-type"], "application/json");
    EXPECT_EQ(nlohmann::json::parse(sent[0].body), (nlohmann::json{{"Image", "busybox"}}));
}

TEST(EngineClient, PostWithNullBodySendsNoBody) {
    FakeEngine engine;
    engine.on("POST", "/containers/c1/start", {.status = 204});
    EngineClient client(engine.docker_host());
    client.post("/containers/c1/start", nullptr);
    auto sent = engine.requests_to("POST", "/v1.41/containers/c1/start");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].body, "");
    EXPECT_EQ(sent[0].headers.count("content-type"), 0u);
}

TEST(EngineClient, LargeRawBodyIsSentWholeWithoutWaitingForContinue) {
    FakeEngine engine;
    engine.on("POST", "/images/create", {.body = "{}"});
    EngineClient client(engine.docker_host());
    client.negotiate();
    std::string body(3 << 20, '\0');
    for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>(i * 7);

    auto start = std::chrono::steady_clock::now();
    client.post_raw("/images/create", body, "application/x-tar");
    auto elapsed = std::chrono::steady_clock::now() - start;

    auto sent = engine.requests_to("POST", "/v1.41/images/create");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].body, body);
    EXPECT_EQ(sent[0].headers["content-type"], "application/x-tar");
    EXPECT_LT(elapsed, 900ms) << "curl waited for 100 Continue";
}

TEST(EngineClient, DeleteUsesDeleteMethod) {
    FakeEngine engine;
    engine.on("DELETE", "/containers/c1", {.status = 204});
    EngineClient client(engine.docker_host());
    EXPECT_EQ(client.del("/containers/c1?force=1").status, 204);
    EXPECT_EQ(engine.requests_to("DELETE", "/v1.41/containers/c1").size(), 1u);
}

TEST(EngineClient, SlowAnswerIsReportedAfterTheCallTimeout) {
    FakeEngine engine;
    engine.on("POST", "/containers/c1/wait", {.hang = true});
    EngineClient client(engine.docker_host());
    client.negotiate();
    std::string message = infra_message([&] { client.post("/containers/c1/wait", nullptr, {.timeout = 200ms}); });
    EXPECT_THAT(message, HasSubstr("did not finish POST /containers/c1/wait within 0.2 s"));
}

TEST(EngineClient, CancelFlagAbortsCallInFlight) {
    FakeEngine engine;
    engine.on("POST", "/containers/c1/wait", {.hang = true});
    std::atomic<bool> cancel{false};
    EngineClient client(engine.docker_host());
    client.set_cancel_flag(&cancel);
    client.negotiate();

    std::thread interrupter([&] {
        std::this_thread::sleep_for(100ms);
        cancel = true;
    });
    auto start = std::chrono::steady_clock::now();
    EXPECT_THROW(client.post("/containers/c1/wait", nullptr, {.timeout = 0ms}), Cancelled);
    auto elapsed = std::chrono::steady_clock::now() - start;
    interrupter.join();
    EXPECT_LT(elapsed, 1500ms);
}

TEST(EngineClient, RaisedCancelFlagStopsNewCalls) {
    FakeEngine engine;
    std::atomic<bool> cancel{false};
    EngineClient client(engine.docker_host());
    client.set_cancel_flag(&cancel);
    client.negotiate();
    cancel = true;
    EXPECT_THROW(client.get("/info"), Cancelled);
}

TEST(EngineClient, CleanupCallsRunDespiteCancelFlag) {
    FakeEngine engine;
    engine.on("DELETE", "/containers/c1", {.status = 204});
    std::atomic<bool> cancel{false};
    EngineClient client(engine.docker_host());
    client.set_cancel_flag(&cancel);
    client.negotiate();
    cancel = true;
    EXPECT_EQ(client.del("/containers/c1", {.cancellable = false}).status, 204);
}

TEST(EngineClient, ConcurrentCallsAllSucceed) {
    FakeEngine engine;
    engine.on("GET", "/info", {.body = R"({"ok":true})"});
    EngineClient client(engine.docker_host());
    std::atomic<int> succeeded{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 20; ++i) {
                if (client.get("/info").json()["ok"] == true) ++succeeded;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(succeeded, 160);
}

TEST(EngineClient, NonJsonAnswerIsInfraErrorWhenReadAsJson) {
    Response response{200, "<html>"};
    EXPECT_THROW(response.json(), InfraError);
}

}  // namespace
}  // namespace meshprobe
