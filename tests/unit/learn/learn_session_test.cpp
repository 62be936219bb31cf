#include "learn/learn_session.h"

#include <deque>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/cancelled.h"

namespace meshprobe {
namespace {

using namespace std::chrono_literals;

// Hands out recorded batches of events, one per wait, then nothing.
struct Recorded {
    std::deque<std::vector<ConnectionEvent>> batches;
    int waits = 0;
    std::vector<ConnectionEvent> operator()(int /*timeout_ms*/) {
        ++waits;
        if (batches.empty()) return {};
        std::vector<ConnectionEvent> next = batches.front();
        batches.pop_front();
        return next;
    }
};

AddressBook book_with(const std::string& service, const std::string& ip) {
    AddressBook book;
    book.add_service("api", "172.20.0.3");
    book.add_service(service, ip);
    return book;
}

TEST(RecordFlows, CountsEveryEventOfTheDuration) {
    auto recorded = std::make_shared<Recorded>();
    recorded->batches = {{{"tcp", "172.20.0.2", "172.20.0.3", 80}}, {{"tcp", "172.20.0.2", "172.20.0.3", 80}}};
    const FlowTable table = record_flows([recorded](int ms) { return (*recorded)(ms); },
                                         [] { return book_with("web", "172.20.0.2"); }, 50ms);
    ASSERT_EQ(table.flows().size(), 1u);
    EXPECT_EQ(table.flows()[0].connections, 2);
}

// A container restarted with a new address: its first connection arrives before the address
// book knows the address, and still counts once the book is read again.
TEST(RecordFlows, AttributesAConnectionFromAnAddressTheNextRefreshKnows) {
    auto recorded = std::make_shared<Recorded>();
    recorded->batches = {{{"tcp", "172.20.0.7", "172.20.0.3", 80}}};
    int refreshes = 0;
    const FlowTable table = record_flows([recorded](int ms) { return (*recorded)(ms); },
                                         [&refreshes] {
                                             ++refreshes;
                                             return refreshes == 1 ? book_with("web", "172.20.0.2")
                                                                   : book_with("web", "172.20.0.7");
                                         },
                                         60ms, 10ms);
    ASSERT_EQ(table.flows().size(), 1u);
    EXPECT_EQ(table.flows()[0].from, "web");
}

TEST(RecordFlows, DropsAnEventNoRefreshAttributes) {
    auto recorded = std::make_shared<Recorded>();
    recorded->batches = {{{"tcp", "192.0.2.1", "172.20.0.3", 80}}};
    const FlowTable table = record_flows([recorded](int ms) { return (*recorded)(ms); },
                                         [] { return book_with("web", "172.20.0.2"); }, 30ms, 10ms);
    EXPECT_THAT(table.flows(), ::testing::IsEmpty());
}

TEST(RecordFlows, CtrlCEndsTheRecordingWithWhatWasSeen) {
    auto recorded = std::make_shared<Recorded>();
    recorded->batches = {{{"tcp", "172.20.0.2", "172.20.0.3", 80}}};
    const auto started = std::chrono::steady_clock::now();
    const FlowTable table = record_flows(
        [recorded](int ms) {
            auto batch = (*recorded)(ms);
            cancel_requested = true;
            return batch;
        },
        [] { return book_with("web", "172.20.0.2"); }, 60s);
    cancel_requested = false;
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    ASSERT_EQ(table.flows().size(), 1u);
}

// Ctrl-C interrupts the wait; the connections the kernel queued before it still count.
TEST(RecordFlows, TakesWhatTheKernelQueuedBeforeCtrlC) {
    const FlowTable table = record_flows(
        [](int timeout_ms) -> std::vector<ConnectionEvent> {
            if (timeout_ms > 0) {
                cancel_requested = true;
                return {};
            }
            return {{"tcp", "172.20.0.2", "172.20.0.3", 80}};
        },
        [] { return book_with("web", "172.20.0.2"); }, 60s);
    cancel_requested = false;
    ASSERT_EQ(table.flows().size(), 1u);
    EXPECT_EQ(table.flows()[0].from, "web");
}

}  // namespace
}  // namespace meshprobe
