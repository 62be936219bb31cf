#include "exec/cleanup.h"

#include <atomic>
#include <thread>

#include "exec/executor.h"

namespace meshprobe {

int remove_run_containers(Docker& docker, const std::string& run_id) {
    int removed = 0;
    try {
        std::atomic<int> count{0};
        std::vector<std::thread> workers;
        for (const ContainerInfo& c : docker.list_containers({std::string(kRunLabel) + "=" + run_id}, true)) {
            workers.emplace_back([&docker, &count, id = c.id] {
                try {
                    docker.remove_container(id, true);
                    ++count;
                } catch (const std::exception&) {
                    // Left for the next sweep; the label still names it.
                }
            });
        }
        for (auto& worker : workers) worker.join();
        removed = count;
    } catch (const std::exception&) {
        // The engine went away; nothing more can be removed from here.
    }
    return removed;
}

}  // namespace meshprobe
