#include <gtest/gtest.h>

#include "contract/contract.h"

using namespace meshprobe;

namespace {

ServiceSpec named(const char* name) {
    ServiceSpec spec;
    spec.name = name;
    return spec;
}

Contract with_services(std::initializer_list<const char*> names) {
    Contract contract;
    for (const char* name : names) contract.services.push_back(named(name));
    return contract;
}

}  // namespace

TEST(ServiceIndex, FindsIndexedServicesAndNotOthers) {
    Contract contract = with_services({"web", "api", "db"});
    contract.index_services();
    ASSERT_NE(contract.find_service("api"), nullptr);
    EXPECT_EQ(contract.find_service("api"), &contract.services[1]);
    EXPECT_EQ(contract.find_service("cache"), nullptr);
}

TEST(ServiceIndex, FindsAServiceAddedAfterTheIndex) {
    Contract contract = with_services({"web", "api"});
    contract.index_services();
    contract.services.push_back(named("db"));
    ASSERT_NE(contract.find_service("db"), nullptr);
    EXPECT_EQ(contract.find_service("db")->name, "db");
}

TEST(ServiceIndex, SeesThroughARemovedService) {
    Contract contract = with_services({"web", "api", "db"});
    contract.index_services();
    contract.services.erase(contract.services.begin() + 1);
    EXPECT_EQ(contract.find_service("api"), nullptr);
    ASSERT_NE(contract.find_service("db"), nullptr);
    EXPECT_EQ(contract.find_service("db")->name, "db");
}

TEST(ServiceIndex, ACopyFindsItsOwnServices) {
    Contract contract = with_services({"web", "api"});
    contract.index_services();
    const Contract copy = contract;
    EXPECT_EQ(copy.find_service("api"), &copy.services[1]);
}

TEST(ServiceIndex, TheFirstOfTwoNamesakesIsFoundAsAScanFindsIt) {
    Contract contract = with_services({"web", "web"});
    contract.index_services();
    EXPECT_EQ(contract.find_service("web"), &contract.services[0]);
}
