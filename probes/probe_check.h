#pragma once
#include "probes/event_loop.h"
#include "probes/plan.h"
#include "probes/result.h"

namespace meshprobe::probe {

// One check of a plan while it runs: started once, woken by its sockets through the
// EventLoop and by time through on_time, finished exactly once.
class ProbeCheck {
public:
    virtual ~ProbeCheck() = default;
    ProbeCheck(const ProbeCheck&) = delete;
    ProbeCheck& operator=(const ProbeCheck&) = delete;

    virtual void start() = 0;
    // Called after every wait; a check past its deadline finishes here.
    virtual void on_time(Clock::time_point now) = 0;
    // The latest moment the runner may wait before calling on_time.
    virtual Clock::time_point wake_at() const { return deadline_; }

    bool done() const { return done_; }
    const CheckResult& result() const { return result_; }

protected:
    ProbeCheck(const Check& check, Clock::time_point started, Clock::time_point deadline)
        : started_(started), deadline_(deadline) {
        result_.key = check.key;
        result_.kind = check.kind;
    }

    void finish(Status status, Clock::time_point at = Clock::now()) {
        result_.status = status;
        result_.ms = std::chrono::duration<double, std::milli>(at - started_).count();
        done_ = true;
    }

    Clock::time_point started_;
    Clock::time_point deadline_;
    CheckResult result_;

private:
    bool done_ = false;
};

}  // namespace meshprobe::probe
