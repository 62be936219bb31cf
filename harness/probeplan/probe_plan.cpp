#include "probeplan/probe_plan.h"

#include <algorithm>

namespace meshprobe {

std::size_t Plan::vantage(Vantage::Kind kind, const std::string& name, const std::string& attach) {
    for (std::size_t i = 0; i < vantages.size(); ++i) {
        if (vantages[i].kind == kind && vantages[i].name == name) return i;
    }
    vantages.push_back(Vantage{kind, name, attach, {}});
    return vantages.size() - 1;
}

TaskRef Plan::task(std::size_t index, Task task) {
    auto& tasks = vantages[index].tasks;
    // Two checks that need the same connect share one probe task.
    auto same = std::find_if(tasks.begin(), tasks.end(), [&](const Task& t) {
        return t.kind == task.kind && t.host == task.host && t.port == task.port;
    });
    if (same != tasks.end()) {
        for (auto& p : task.proves) {
            if (std::find(same->proves.begin(), same->proves.end(), p) == same->proves.end())
                same->proves.push_back(p);
        }
        return TaskRef{index, same->key};
    }
    task.key = "t" + std::to_string(tasks.size());
    tasks.push_back(task);
    return TaskRef{index, tasks.back().key};
}

std::size_t Plan::task_count() const {
    std::size_t n = 0;
    for (const auto& v : vantages) n += v.tasks.size();
    return n;
}

}  // namespace meshprobe
