#pragma once
#include <string>
#include <vector>

#include "contract/contract.h"
#include "topology/exposure.h"

namespace meshprobe {

// What `meshprobe audit` found, as its writers read it.
struct AuditReport {
    const Contract& contract;
    const std::vector<Exposure>& exposures;
    const std::vector<HostListener>* listeners = nullptr;  // with --live only
    std::string dir;     // locations are shown relative to it
    bool quiet = false;  // text: no closing summary line
};

// The report in `format`: "text", "json", "markdown" or "sarif" (the exposures that break the
// contract as MESH006 findings, for code scanning). Throws std::invalid_argument for another format.
std::string render_audit(const std::string& format, const AuditReport& report);

}  // namespace meshprobe
