#include "yaml/yaml_events.h"

namespace meshprobe {
namespace {

void delete_events(std::vector<yaml_event_t>& events, std::size_t from = 0) {
    for (std::size_t i = from; i < events.size(); ++i) yaml_event_delete(&events[i]);
    events.clear();
}

}  // namespace

EventsAhead::EventsAhead(const std::string& text, int max_depth) : max_depth_(max_depth) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    try {
        reader_ = std::thread([this] { read(); });
    } catch (...) {
        yaml_parser_delete(&parser_);
        throw;
    }
}

EventsAhead::~EventsAhead() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    reader_.join();
    delete_events(taking_, taken_);
    for (auto& batch : ready_) delete_events(batch);
    yaml_parser_delete(&parser_);
}

EventsAhead::Next EventsAhead::next(yaml_event_t& event) {
    if (taken_ == taking_.size()) {
        taking_.clear();
        taken_ = 0;
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return !ready_.empty() || finished_; });
        if (ready_.empty()) return end_;
        taking_ = std::move(ready_.front());
        ready_.pop_front();
        lock.unlock();
        changed_.notify_all();
    }
    event = taking_[taken_++];
    return Next::event;
}

void EventsAhead::read() {
    std::vector<yaml_event_t> batch;
    batch.reserve(kBatch);
    Next end = Next::event;
    int depth = 0;
    // Hands the batch over; false when the builder stopped (the batch is freed then).
    auto hand_over = [&] {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return ready_.size() < kBatchesAhead || stop_; });
        if (stop_) {
            delete_events(batch);
            return false;
        }
        ready_.push_back(std::move(batch));
        lock.unlock();
        changed_.notify_all();
        batch = {};
        batch.reserve(kBatch);
        return true;
    };
    for (bool done = false; !done;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser_, &event)) {
            end = Next::syntax_error;
            break;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        if (event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT) ++depth;
        if (event.type == YAML_SEQUENCE_END_EVENT || event.type == YAML_MAPPING_END_EVENT) --depth;
        batch.push_back(event);
        if (depth > max_depth_) {
            end = Next::too_deep;
            break;
        }
        if ((batch.size() == kBatch || done) && !hand_over()) return;
    }
    if (!batch.empty() && !hand_over()) return;
    std::lock_guard<std::mutex> lock(mutex_);
    end_ = end;
    finished_ = true;
    changed_.notify_all();
}

}  // namespace meshprobe
