#pragma once
#include <string>

#include "engine/docker_api.h"

namespace meshprobe {

inline constexpr const char* kProbeRepo = "meshprobe/probe";

// The image tag for a probe binary: the first 16 hex digits of its SHA-256, so a rebuilt
// probe gets a new image and an unchanged one reuses the old.
std::string probe_image_tag(const std::string& binary);

// The probe image as a tar: /probe (0755) and empty /etc and /tmp.
std::string probe_image_tar(const std::string& binary);

// Makes sure `repo:<tag>` holds the probe binary at probe_binary_path, importing it only when
// the engine does not have it yet; returns the image reference. InfraError when the binary
// cannot be read or the import fails.
std::string ensure_probe_image(Docker& docker, const std::string& probe_binary_path,
                               const std::string& repo = kProbeRepo);

// Where the probe binary is: $MESHPROBE_PROBE if set, else meshprobe-probe next to the
// running executable (or next to argv0). InfraError naming every place it looked.
std::string find_probe_binary(const std::string& argv0);

}  // namespace meshprobe
