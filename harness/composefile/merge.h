#pragma once
#include "composefile/network_reader.h"
#include "composefile/service_reader.h"

namespace meshprobe {

// Applies `override` on top of `base` with the compose-spec merge rules, the same for a later
// `-f` file and for a service that `extends` another: single values are replaced, networks
// merge by key (aliases appended), ports, expose, links, profiles, depends_on and volumes are
// appended without duplicates; `!reset` clears a field and `!override` replaces it whole. A
// merged element points at the file that last set it.
void merge_service(ServiceDraft& base, const ServiceDraft& override);

// A network declared again: the fields the later declaration sets win; driver_opts merge.
void merge_network(NetworkDraft& base, const NetworkDraft& override);

}  // namespace meshprobe
