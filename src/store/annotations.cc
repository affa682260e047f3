#include <array>
#include <string_view>
#include <utility>

#include "parley/store.h"

namespace parley {
namespace {

constexpr std::array<std::pair<AnnotationKind, std::string_view>, 3> kKindNames = {{
    {AnnotationKind::kNote, "note"},
    {AnnotationKind::kOverride, "override"},
    {AnnotationKind::kWithdraw, "withdraw"},
}};

}  // namespace

std::string_view AnnotationKindName(AnnotationKind kind) {
  for (const auto& [known, name] : kKindNames) {
    if (known == kind) return name;
  }
  return "note";
}

std::optional<AnnotationKind> ParseAnnotationKind(std::string_view name) {
  for (const auto& [kind, known] : kKindNames) {
    if (known == name) return kind;
  }
  return std::nullopt;
}

}  // namespace parley
