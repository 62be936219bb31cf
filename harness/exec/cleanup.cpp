#include "exec/cleanup.h"

#include "exec/executor.h"

namespace meshprobe {

int remove_run_containers(Docker& docker, const std::string& run_id) {
    int removed = 0;
    try {
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
