#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "fake_engine.h"
#include "orchestrator/orchestrators.h"
#include "watch/engine_events.h"

using namespace meshprobe;
using namespace meshprobe::watch;
using ::testing::ElementsAre;
using ::testing::Field;

namespace {

// What the follower reported, as it reports it: from its own thread.
class Changes {
public:
    void add(const EngineChange& change) {
        std::lock_guard lock(mutex_);
        changes_.push_back(change);
    }
    // Waits up to 5 s for `count` changes; returns what came.
    std::vector<EngineChange> wait_for(std::size_t count) {
        for (int i = 0; i < 100; ++i) {
            {
                std::lock_guard lock(mutex_);
                if (changes_.size() >= count) return changes_;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        std::lock_guard lock(mutex_);
        return changes_;
    }

private:
    std::mutex mutex_;
    std::vector<EngineChange> changes_;
};

const char* const kEvents =
    R"({"Type": "container", "Action": "start", "Actor": {"Attributes": {"com.docker.compose.project": "other", "com.docker.compose.service": "x"}}}
{"Type": "container", "Action": "die", "Actor": {"Attributes": {"com.docker.compose.project": "shop", "com.docker.compose.service": "db"}}}
{"Type": "network", "Action": "connect", "Actor": {"Attributes": {"name": "shop_data"}}}
)";

}  // namespace

TEST(EngineEvents, ReportsOnlyWhatTheOrchestratorSaysChangesTheStack) {
    meshprobe::testing::FakeEngine engine;
    engine.on("GET", "/events", {.body = kEvents});
    const auto compose = make_orchestrator("compose", "shop");
    Changes changes;
    EngineEvents events(
        engine.docker_host(), [&](const std::string& line) { return compose->event(line); },
        [&](const EngineChange& change) { changes.add(change); });
    const std::vector<EngineChange> seen = changes.wait_for(2);
    events.stop();
    ASSERT_GE(seen.size(), 2u);
    EXPECT_THAT(std::vector<EngineChange>(seen.begin(), seen.begin() + 2),
                ElementsAre(Field(&EngineChange::why, "db die"), Field(&EngineChange::why, "network shop_data connect")));
    EXPECT_TRUE(seen[0].containers);
    EXPECT_FALSE(seen[1].containers);
}

TEST(EngineEvents, CountsEveryLineItReads) {
    meshprobe::testing::FakeEngine engine;
    engine.on("GET", "/events", {.body = kEvents});
    Changes changes;
    EngineEvents events(
        engine.docker_host(), [](const std::string&) { return std::optional<EngineChange>(EngineChange{"any", false}); },
        [&](const EngineChange& change) { changes.add(change); });
    changes.wait_for(3);
    events.stop();
    EXPECT_GE(events.events(), 3);
}

TEST(EngineEvents, AsksTheEngineForContainerAndNetworkEventsOnly) {
    meshprobe::testing::FakeEngine engine;
    engine.on("GET", "/events", {.body = kEvents});
    Changes changes;
    {
        EngineEvents events(
            engine.docker_host(), [](const std::string&) { return std::optional<EngineChange>(EngineChange{"any", false}); },
            [&](const EngineChange& change) { changes.add(change); });
        changes.wait_for(1);
    }
    const auto asked = engine.requests_to("GET", "/v1.41/events");
    ASSERT_FALSE(asked.empty());
    EXPECT_THAT(asked.front().target, ::testing::HasSubstr("container"));
    EXPECT_THAT(asked.front().target, ::testing::HasSubstr("network"));
}
