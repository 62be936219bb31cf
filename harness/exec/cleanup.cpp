#include "exec/cleanup.h"

#include "exec/executor.h"

namespace meshprobe {

int remove_run_containers(Docker& docker, const std::string& run_id) {
    int removed = 0;
    try {
        // One at a time: engine 20.10 was seen to lose count of a network's endpoints when
        // several containers on it were force-removed at once, after which the network
        // cannot be removed until dockerd restarts.
        for (const ContainerInfo& c : docker.list_containers({std::string(kRunLabel) + "=" + run_id}, true)) {
            docker.remove_container(c.id, true);
            ++removed;
        }
    } catch (const std::exception&) {
        // The engine went away; nothing more can be removed from here.
    }
    return removed;
}

}  // namespace meshprobe
