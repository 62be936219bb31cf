#pragma once
#include <chrono>
#include <functional>
#include <vector>

#include "learn/flow_table.h"

namespace meshprobe {

// New connections within `timeout_ms`: ConntrackEvents::wait, or recorded events in tests.
using EventSource = std::function<std::vector<ConnectionEvent>(int timeout_ms)>;
// The addresses of the stack as it runs now.
using BookSource = std::function<AddressBook()>;

// Records connections from `events` for `duration`, or until Ctrl-C (core/cancelled.h), which
// ends the recording without error: what was seen is the answer. The address book is read again
// every `refresh` (a restarted container has a new address); an event whose source no service
// has is attributed once more after the next refresh before it is dropped, so a connection
// made right after a restart still counts.
FlowTable record_flows(const EventSource& events, const BookSource& addresses, std::chrono::milliseconds duration,
                       std::chrono::milliseconds refresh = std::chrono::seconds(1));

}  // namespace meshprobe
