// Real servers, not stand-ins: nginx, Redis and PostgreSQL from Debian's packages with real
// healthchecks (scripts/app-image.sh builds the image). `run` passes on the stack as designed
// and fails on a broken variant.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mesh_environment.h"
#include "meshprobe_cli.h"

using namespace meshtest;
using ::testing::HasSubstr;

namespace {

class RealImages : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        int status = 0;
        image_log_ = shell("bash " SOURCE_DIR "/scripts/app-image.sh", &status);
        built_ = status == 0;
    }
    void SetUp() override { ASSERT_TRUE(built_) << "scripts/app-image.sh failed:\n" << image_log_; }

    static Outcome run(const std::string& folder) {
        return run_meshprobe({"-q", "-c", std::string(SOURCE_DIR) + "/fixtures/" + folder + "/mesh.yaml", "run",
                              "--egress-target", outside_target()});
    }

private:
    static bool built_;
    static std::string image_log_;
};

bool RealImages::built_ = false;
std::string RealImages::image_log_;

std::string observed(const Outcome& outcome, const std::string& id) {
    for (const auto& check : outcome.report["checks"]) {
        if (check["id"] == id) return check["observed"];
    }
    return "absent";
}

}  // namespace

TEST_F(RealImages, TheStackAsDesignedPasses) {
    Outcome outcome = run("real-images");
    EXPECT_EQ(outcome.exit_code, 0) << outcome.told();
    EXPECT_EQ(outcome.failing(), std::set<std::string>{});
    EXPECT_GT(outcome.count("pass"), 40);
    EXPECT_THAT(observed(outcome, "stack:db"), HasSubstr("healthy"));
    EXPECT_THAT(observed(outcome, "reach:cache->db:5432"), HasSubstr("connected"));
    EXPECT_EQ(leftovers("meshtest-real"), std::vector<std::string>{});
}

TEST_F(RealImages, TheDatabaseOnTheApplicationNetworkFails) {
    Outcome outcome = run("real-images/broken");
    EXPECT_EQ(outcome.exit_code, 1) << outcome.told();
    // The proxy reaches the database and back, and the database, now on an ordinary bridge,
    // reaches the host and the outside.
    EXPECT_EQ(outcome.failing(),
              (std::set<std::string>{"dns:proxy->db", "dns:db->proxy", "reach:proxy->db:5432", "reach:db->proxy:80",
                                     "egress:db->gateway:app_net", "egress:db->gateway:edge_net",
                                     "egress:db->gateway:bridge", "egress:db->" + outside_target()}));
    EXPECT_EQ(outcome.count("error"), 0);
    EXPECT_EQ(leftovers("meshtest-real"), std::vector<std::string>{});
}
