#pragma once
#include <string>

#include "engine/docker_api.h"

namespace meshprobe {

// Where meshprobe keeps what must outlive a run: the project locks and the marks of stacks
// kept with --keep. /run/meshprobe for root, else a folder of the user's in /tmp.
std::string state_directory();

// Which engine a lock is for: `id` keys it (the engine's own ID, so two addresses of one
// engine, /var/run/docker.sock and /run/docker.sock, share one lock), `where` names it to a person.
struct EngineName {
    std::string id;
    std::string where;
};
// The engine behind `docker`; InfraError when it names no ID (Docker::engine_id).
EngineName engine_name(Docker& docker);

// The file name stem for one engine and project, so that two engines never share a lock.
// InfraError for a project that is not a compose project name (valid_project_name).
std::string project_key(const std::string& engine_id, const std::string& project);

// One run per engine and project at a time. An flock, which the kernel releases when its
// holder dies however it dies, so a kill -9 never leaves a stale lock behind.
class ProjectLock {
public:
    // Throws InfraError naming the holder (pid, start time, command, secrets redacted) when
    // another process holds the lock; never waits.
    ProjectLock(const EngineName& engine, const std::string& project, const std::string& run_id);
    ~ProjectLock();
    ProjectLock(const ProjectLock&) = delete;
    ProjectLock& operator=(const ProjectLock&) = delete;

private:
    int fd_ = -1;
};

// The run id whose stand-ins were kept on purpose (run --standin --keep), or empty.
std::string kept_run(const std::string& key);
void mark_kept(const std::string& key, const std::string& run_id);
void forget_kept(const std::string& key);

}  // namespace meshprobe
