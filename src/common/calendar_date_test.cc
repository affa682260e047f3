#include "parley/calendar_date.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

// Problem 4 of issue 14: impossible dates were accepted silently.
TEST(CalendarDateTest, Problem4ImpossibleDatesAreRejected) {
  EXPECT_TRUE(IsCalendarDate("2025-12-16"));
  EXPECT_TRUE(IsCalendarDate("2024-02-29"));  // leap year
  EXPECT_TRUE(IsCalendarDate("2000-02-29"));  // divisible by 400
  EXPECT_FALSE(IsCalendarDate("1900-02-29"));
  EXPECT_FALSE(IsCalendarDate("2025-02-29"));
  EXPECT_FALSE(IsCalendarDate("2025-02-30"));
  EXPECT_FALSE(IsCalendarDate("2025-04-31"));
  EXPECT_FALSE(IsCalendarDate("2025-99-99"));
  EXPECT_FALSE(IsCalendarDate("2025-13-45"));
  EXPECT_FALSE(IsCalendarDate("2025-00-10"));
  EXPECT_FALSE(IsCalendarDate("2025-01-00"));
  EXPECT_FALSE(IsCalendarDate("2025-1-1"));
  EXPECT_FALSE(IsCalendarDate("2025/01/01"));
  EXPECT_FALSE(IsCalendarDate("yesterday"));
  EXPECT_FALSE(IsCalendarDate(""));
}

TEST(CalendarDateTest, Problem4ErrorNamesTheValue) {
  EXPECT_EQ(CalendarDateError("--as-of", "2025-99-99"),
            "--as-of is '2025-99-99', expected a date YYYY-MM-DD");
  EXPECT_EQ(CalendarDateError("as_of", "2025-12-01"), "");
}

}  // namespace
}  // namespace parley
