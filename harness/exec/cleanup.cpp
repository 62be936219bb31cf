#include "exec/cleanup.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "exec/executor.h"
#include "exec/left_behind.h"

namespace meshprobe {

int remove_run_containers(Docker& docker, const std::string& run_id, Order order) {
    int removed = 0;
    try {
        std::vector<ContainerInfo> containers = docker.list_containers({std::string(kRunLabel) + "=" + run_id}, true);
        if (order == Order::network_attached_first) {
            std::stable_partition(containers.begin(), containers.end(),
                                  [](const ContainerInfo& c) { return c.network_mode.rfind("container:", 0) != 0; });
        }
        // One at a time: engine 20.10 was seen to lose count of a network's endpoints when
        // several containers on it were force-removed at once, after which the network
        // cannot be removed until dockerd restarts.
        for (const ContainerInfo& c : containers) {
            docker.remove_container(c.id, true);
            left_behind::probes_removed(1);
            ++removed;
        }
    } catch (const std::exception&) {
        // The engine went away; nothing more can be removed from here.
    }
    return removed;
}

int sweep_until_quiet(const std::function<int()>& pass, int passes) {
    int removed = 0;
    int quiet = 0;
    for (int i = 0; i < passes && quiet < 2; ++i) {
        if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(250));
        const int now = pass();
        removed += now;
        quiet = now == 0 ? quiet + 1 : 0;
    }
    return removed;
}

int remove_run_containers_until_quiet(Docker& docker, const std::string& run_id) {
    return sweep_until_quiet([&] { return remove_run_containers(docker, run_id); });
}

}  // namespace meshprobe
