#pragma once
#include <string>
#include <vector>

#include "core/stack_model.h"

namespace meshprobe {

// A text in which a service may name others (host:port, a URL), with where it was read.
struct ReferenceText {
    std::string text;
    std::string source;  // empty: the compose file itself; else what to name in a comment
};

// Where `init` looks for the services a service talks to: its environment, command,
// entrypoint and labels; its env_file contents; HOST/PORT variable pairs
// (`DB_HOST=postgres` with `DB_PORT=5432` names postgres:5432); and, for a reverse proxy, the
// configuration files mounted into it from the project folder (nginx `proxy_pass`, Caddy
// `reverse_proxy`, Traefik's file provider). A file that cannot be read is a note.
std::vector<ReferenceText> reference_texts(const StackService& service, std::vector<std::string>& notes);

// The Traefik routes other services' labels give: (port or 0 for every port, the label).
struct LabelRoute {
    int port = 0;
    std::string label;
};
std::vector<LabelRoute> traefik_label_routes(const StackService& service);

}  // namespace meshprobe
