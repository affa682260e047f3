// Dates analysts type (--as-of, ?as_of=): "YYYY-MM-DD" naming a real day, so a typo is an error
// rather than a silently empty or unfiltered view.
#pragma once

#include <string>
#include <string_view>

namespace parley {

// True for "YYYY-MM-DD" naming a day of the Gregorian calendar: "2024-02-29" is one,
// "2025-02-30", "2025-13-01" and "2025-1-1" are not.
bool IsCalendarDate(std::string_view text);

// Empty when `value` is a calendar date; else "<name> is '<value>', expected a date
// YYYY-MM-DD", naming the flag or query parameter.
std::string CalendarDateError(std::string_view name, std::string_view value);

}  // namespace parley
