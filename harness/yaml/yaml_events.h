#pragma once
#include <yaml.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace meshprobe {

// libyaml's events of one text, read on a second thread ahead of the one building the tree:
// on a large file the two halves of reading (libyaml's scanning, and building nodes from its
// events) then take the time of the longer, not of both. What the builder sees is the same
// sequence of events as from yaml_parser_parse on its own thread; only the text's parser is
// touched by the reading thread, and each event belongs to one thread at a time.
class EventsAhead {
public:
    // Stops reading after a collection opens deeper than `max_depth`: the builder refuses that
    // depth, and libyaml's scanning grows with it (yaml_tree.cpp). std::system_error when no
    // thread can be started. `text` must outlive the reader.
    EventsAhead(const std::string& text, int max_depth);
    // Stops the reading thread and frees every event not handed out.
    ~EventsAhead();
    EventsAhead(const EventsAhead&) = delete;
    EventsAhead& operator=(const EventsAhead&) = delete;

    enum class Next { event, syntax_error, too_deep };
    // The next event (the caller owns it: yaml_event_delete), or why there is none: then
    // parser() holds libyaml's reason and place for a syntax error.
    Next next(yaml_event_t& event);
    const yaml_parser_t& parser() const { return parser_; }

private:
    void read();

    static constexpr std::size_t kBatch = 1024;      // events handed over at once
    static constexpr std::size_t kBatchesAhead = 16;  // at most this many waiting: memory stays small

    yaml_parser_t parser_;
    int max_depth_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::vector<yaml_event_t>> ready_;  // under mutex_
    Next end_ = Next::event;                       // under mutex_: how reading ended
    bool finished_ = false;                        // under mutex_
    bool stop_ = false;                            // under mutex_
    std::vector<yaml_event_t> taking_;             // the builder's batch
    std::size_t taken_ = 0;                        // of taking_
    std::thread reader_;
};

}  // namespace meshprobe
