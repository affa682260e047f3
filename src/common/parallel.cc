#include "parley/parallel.h"

namespace parley {

int ResolveThreadCount(int requested) {
  if (requested == 0) {
    unsigned cores = std::thread::hardware_concurrency();
    return cores == 0 ? 1 : static_cast<int>(cores);
  }
  return requested < 1 ? 1 : requested;
}

}  // namespace parley
