#include "orchestrator/orchestrator.h"

namespace meshprobe {

std::string engine_network_mode(const ProbeAttachment& attachment) {
    return attachment.kind == ProbeAttachment::Kind::service_namespace ? "container:" + attachment.target
                                                                       : attachment.target;
}

}  // namespace meshprobe
