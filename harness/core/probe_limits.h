#pragma once

namespace meshprobe {

// What one probe or stand-in container may use. The probe is one single-threaded process (an
// event loop) and a `docker exec` per round, using a few MiB even for a plan of thousands of
// checks; the limits keep a runaway one, or a stack that makes hundreds of them, from taking
// the host's memory or process table.
inline constexpr long long kProbeMemoryBytes = 64LL * 1024 * 1024;
inline constexpr long long kProbePidsLimit = 64;

}  // namespace meshprobe
