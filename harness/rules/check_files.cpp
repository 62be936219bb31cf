#include "rules/check_files.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <future>
#include <memory>
#include <optional>
#include <system_error>

#include "contract/contract_loader.h"
#include "core/errors.h"
#include "project/compose_view.h"
#include "rules/rule_input.h"

namespace meshprobe {
namespace {

// Every service some environment of the contract defines, the checked ones read already.
std::set<std::string> defined_in_some_environment(const Contract& contract, const std::vector<EnvironmentModel>& models,
                                                  const ModelSource& source) {
    std::set<std::string> names;
    std::vector<std::string> checked;
    for (const EnvironmentModel& environment : models) {
        checked.push_back(environment.name);
        names.merge(defined_services(environment.model));
    }
    for (const auto& [service, environment] : defined_elsewhere(contract, names, checked, source)) names.insert(service);
    return names;
}

// The compose models of the environments to check, in their order, read up to the first that
// fails; `failed` holds that one's exception.
struct ReadModels {
    std::vector<StackModel> models;
    std::exception_ptr failed;
};

ReadModels read_models(const std::vector<ComposeProject>& projects, const ModelSource& source) {
    ReadModels out;
    try {
        for (const ComposeProject& project : projects) out.models.push_back(source(project));
    } catch (...) {
        out.failed = std::current_exception();
    }
    return out;
}

// The compose files are read on a second thread while the contract's sections after `compose:`
// are (the two are independent until validate_against_compose): on a large stack that hides
// the shorter of the two. The thread gets its own copy of what it reads (the projects) and
// shares nothing else; the progress lines and every error come out on this thread, in the order
// and with the precedence of reading one after the other: a contract error first, then the
// environments' in order.
class ContractAndModels {
public:
    ContractAndModels(const std::string& contract_path, const std::string& environment, bool all_environments,
                      const ModelSource& source, const ComposeFlags& flags)
        : source_(source) {
        std::optional<ComposeView> view;
        try {
            contract = load_contract(contract_path, [&](const Contract& head) {
                // What compose would read is settled by the project and compose section alone.
                view = compose_view_for(head, flags);
                Contract viewed = head;
                apply_compose_view(viewed, *view);
                start(viewed, environment, all_environments);
            });
        } catch (...) {
            if (reading_.valid()) reading_.wait();  // its own failure, if any, comes after the contract's
            throw;
        }
        if (!view) view = compose_view_for(contract, flags);
        apply_compose_view(contract, *view);
        tell_compose_view(*view, flags);
        if (!reading_.valid()) start_here(environment, all_environments);
    }

    // Waits for the models; throws the first environment's error after the progress lines up to it.
    std::vector<EnvironmentModel> models(const std::function<void(const std::string&)>& progress) {
        ReadModels read = reading_.get();
        std::vector<EnvironmentModel> out;
        for (std::size_t i = 0; i < names_.size(); ++i) {
            if (progress) progress("reading the compose files of environment " + names_[i]);
            if (i == read.models.size()) std::rethrow_exception(read.failed);
            out.push_back({names_[i], std::move(read.models[i]), {}});
        }
        return out;
    }

    Contract contract;

private:
    void start(const Contract& head, const std::string& environment, bool all_environments) {
        try {
            names_ = environments_to_check(head, environment, all_environments);
            std::vector<ComposeProject> projects;
            for (const std::string& name : names_) projects.push_back(environment_project(head, name));
            reading_ = std::async(std::launch::async, [this, projects = std::move(projects)] {
                return read_models(projects, source_);
            });
        } catch (const InputError&) {
            // An unknown environment is reported after the rest of the contract is read, as before.
        } catch (const std::system_error&) {
            // No thread to be had: read them after the contract.
        }
    }

    // Reads the models on this thread, deferred: when the contract gave no chance to start earlier.
    void start_here(const std::string& environment, bool all_environments) {
        names_ = environments_to_check(contract, environment, all_environments);
        std::vector<ComposeProject> projects;
        for (const std::string& name : names_) projects.push_back(environment_project(contract, name));
        reading_ = std::async(std::launch::deferred, [this, projects = std::move(projects)] {
            return read_models(projects, source_);
        });
    }

    const ModelSource& source_;
    std::vector<std::string> names_;
    std::future<ReadModels> reading_;
};

}  // namespace

CheckReport check_files(const std::string& contract_path, const std::string& environment, bool all_environments,
                        const ModelSource& source, const std::function<void(const std::string&)>& progress,
                        const ComposeFlags& flags) {
    const auto started = std::chrono::steady_clock::now();
    ContractAndModels read(contract_path, environment, all_environments, source, flags);
    const Contract& contract = read.contract;
    std::vector<EnvironmentModel> models = read.models(progress);
    // What the rules read does not depend on the names the contract gives: it is built on a
    // second thread while they are checked. A name error still comes first; the thread's
    // own error (Ctrl-C) only after the names are right.
    std::future<std::vector<std::unique_ptr<RuleInput>>> inputs;
    try {
        inputs = std::async(std::launch::async, [&] { return rule_inputs(contract, models); });
    } catch (const std::system_error&) {
        inputs = std::async(std::launch::deferred, [&] { return rule_inputs(contract, models); });
    }
    const std::set<std::string> defined = defined_in_some_environment(contract, models, source);
    validate_against_compose(contract, std::vector<std::string>(defined.begin(), defined.end()));
    std::vector<std::unique_ptr<RuleInput>> built = inputs.get();
    for (EnvironmentModel& model : models) model.defined_in_any_environment = defined;
    CheckReport report = check_contract(contract, models, std::move(built));
    report.version = MESHPROBE_VERSION;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace meshprobe
