#pragma once
// Reading the names on the sides of a flow (docs/contract.md, "Names of flow sides").
#include <string>

#include "contract/contract.h"
#include "core/source_location.h"

namespace meshprobe {

// One name written on a flow side: `tier:NAME`, `service:NAME`, or a bare name of a tier or a
// service. A bare name that is both is read as the tier when that tier holds exactly that
// service (the readings agree); when they differ, or the contract lacks the name, throws
// InputError at `where`. Call it once every service, metadata ones included, is known.
FlowSide resolve_flow_side(const Contract& contract, const std::string& written,
                           const SourceLocation& where);

// A metadata dependency names a service, even when a tier has the same name; throws
// InputError at `where` when the contract and its metadata have no such service.
void check_dependency(const Contract& contract, const std::string& name,
                      const SourceLocation& where);

}  // namespace meshprobe
