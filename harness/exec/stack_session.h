#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/stack_model.h"
#include "engine/docker_api.h"
#include "orchestrator/orchestrator.h"

namespace meshprobe {

// Brings the stack up through its orchestrator (as stand-ins when asked) unless it already
// runs, and brings down exactly what it brought up, unless told to keep it. Nothing the user
// started is replaced or taken down.
class StackSession {
public:
    struct Options {
        bool no_up = false;
        bool keep = false;
        bool standin = false;
        std::string probe_image;
        std::map<std::string, std::vector<int>> standin_ports;
        std::string run_id;
        int wait_seconds = 120;
        std::string contract;   // absolute path, for the hints this prints
        std::string state_key;  // project_key() of the engine and project
    };

    StackSession(Orchestrator& orchestrator, Docker& docker, Options options, std::function<void(const std::string&)> log);
    // Finishes, if finish() was not called (an exception is on its way out).
    ~StackSession();
    StackSession(const StackSession&) = delete;
    StackSession& operator=(const StackSession&) = delete;

    // Starts the stack; InfraError (with the orchestrator's output as detail) when it cannot.
    // Stand-ins are made from `declared`, meshprobe's reading of the project's files.
    void start(const StackModel& declared);
    // Brings down what this session brought up (or keeps it); returns what went wrong, empty
    // when the teardown worked. A teardown that failed leaves the run at exit 3.
    std::string finish();
    // Whether the services are stand-ins this session started, and so surely the probe program.
    bool runs_standins() const { return started_ && options_.standin; }

private:
    Orchestrator& orchestrator_;
    Docker& docker_;
    Options options_;
    std::function<void(const std::string&)> log_;
    std::string temp_dir_;
    bool started_ = false;  // set once this session asked the orchestrator to bring the stack up
    bool finished_ = false;
};

}  // namespace meshprobe
