// Date recognition for article metadata: machine dates (ISO 8601, RFC 822-ish), dates as news
// sites print them ("December 16, 2025 / 01:13 IST", "15 December 2025", "Dec 16, 2025
// 01:13 am"), and dates in URL paths. Output is ISO 8601: "YYYY-MM-DD", plus "THH:MM" and a
// zone offset when the input gives them.
#pragma once

#include <string>
#include <string_view>

namespace parley {

// Normalises a date value from metadata (JSON-LD, meta tags, <time datetime>). Returns "" when
// no valid date is found.
std::string NormalizeDate(std::string_view value);

// Finds the first date written out in running text (month names, or numeric YYYY-MM-DD).
// Sets `*at` (if given) to the byte offset where it starts. Returns "" when there is none.
std::string FindDateInText(std::string_view text, size_t* at = nullptr);

// A date in a URL path: /2025/12/16/, /2025-12-16/, /20251216/. Returns "" when none.
std::string FindDateInUrl(std::string_view url);

}  // namespace parley
