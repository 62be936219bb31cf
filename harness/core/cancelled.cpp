#include "core/cancelled.h"

namespace meshprobe {

std::atomic<bool> cancel_requested{false};

}  // namespace meshprobe
