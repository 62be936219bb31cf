#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "exec/stack_session.h"
#include "fake_engine.h"
#include "fake_orchestrator.h"

using namespace meshprobe;
using meshprobe::testing::FakeOrchestrator;
using ::testing::HasSubstr;

namespace {

ContainerInfo one_container() {
    ContainerInfo c;
    c.id = "c1";
    c.name = "shop-db-1";
    c.state = "running";
    return c;
}

class StackSessionTest : public ::testing::Test {
protected:
    StackSession::Options options(bool keep = false, bool standin = false) {
        StackSession::Options out;
        out.keep = keep;
        out.standin = standin;
        out.run_id = "1-1";
        out.contract = "/srv/shop/mesh.yaml";
        return out;
    }
    std::function<void(const std::string&)> log() {
        return [this](const std::string& line) { said.push_back(line); };
    }

    meshprobe::testing::FakeEngine engine;
    Docker docker{engine.docker_host()};
    FakeOrchestrator orchestrator;
    StackModel declared;
    std::vector<std::string> said;
};

}  // namespace

TEST_F(StackSessionTest, BringsUpAStackThatDoesNotRunAndTakesItDown) {
    StackSession session(orchestrator, docker, options(), log());
    session.start(declared);
    EXPECT_EQ(orchestrator.ups, 1);
    EXPECT_FALSE(orchestrator.standin_asked);
    EXPECT_EQ(session.finish(), "");
    EXPECT_EQ(orchestrator.downs, 1);
}

TEST_F(StackSessionTest, LeavesAStackThatAlreadyRunsAsItIs) {
    orchestrator.running = {one_container()};
    StackSession session(orchestrator, docker, options(), log());
    session.start(declared);
    EXPECT_EQ(session.finish(), "");
    EXPECT_EQ(orchestrator.ups, 0);
    EXPECT_EQ(orchestrator.downs, 0);
    EXPECT_THAT(said, ::testing::Contains(HasSubstr("already running")));
}

TEST_F(StackSessionTest, KeepsWhatItBroughtUpWhenToldTo) {
    StackSession session(orchestrator, docker, options(true), log());
    session.start(declared);
    EXPECT_EQ(session.finish(), "");
    EXPECT_EQ(orchestrator.downs, 0);
    EXPECT_THAT(said, ::testing::Contains(HasSubstr("`fake down -v` removes it")));
}

TEST_F(StackSessionTest, RefusesToStandInForAStackItDidNotStart) {
    orchestrator.running = {one_container()};
    StackSession session(orchestrator, docker, options(false, true), log());
    try {
        session.start(declared);
        FAIL() << "stand-ins replaced a running stack";
    } catch (const InfraError& e) {
        EXPECT_THAT(e.what(), HasSubstr("meshprobe did not start"));
        EXPECT_THAT(e.what(), HasSubstr("`fake down`"));
    }
    EXPECT_EQ(orchestrator.ups, 0);
}

TEST_F(StackSessionTest, TakesDownAStackThatCameUpHalfway) {
    orchestrator.up_fails = "compose up failed";
    {
        StackSession session(orchestrator, docker, options(), log());
        EXPECT_THROW(session.start(declared), InfraError);
    }
    EXPECT_EQ(orchestrator.downs, 1);
}

TEST_F(StackSessionTest, SaysHowToFinishATeardownThatFailed) {
    orchestrator.down_says = "network shop_data has active endpoints";
    StackSession session(orchestrator, docker, options(), log());
    session.start(declared);
    const std::string failed = session.finish();
    EXPECT_THAT(failed, HasSubstr("active endpoints"));
    EXPECT_THAT(failed, HasSubstr("`fake down -v` removes what is left"));
}

TEST_F(StackSessionTest, SaysWhatIsNotReadyAndGoesOn) {
    orchestrator.ready_says = "shop-db-1 is exited";
    StackSession session(orchestrator, docker, options(), log());
    session.start(declared);
    EXPECT_THAT(said, ::testing::Contains(HasSubstr("not all ready, so the stack suite fails what is missing: shop-db-1")));
}
