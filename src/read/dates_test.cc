#include "dates.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(DatesTest, NormalizesMachineDates) {
  EXPECT_EQ(NormalizeDate("2025-12-16"), "2025-12-16");
  EXPECT_EQ(NormalizeDate("2025-12-16T01:13:00+05:30"), "2025-12-16T01:13:00+05:30");
  EXPECT_EQ(NormalizeDate("2025-12-16T01:13:00.123Z"), "2025-12-16T01:13:00Z");
  EXPECT_EQ(NormalizeDate("2025-12-16 01:13"), "2025-12-16T01:13");
  EXPECT_EQ(NormalizeDate("20251216"), "2025-12-16");
  EXPECT_EQ(NormalizeDate("2025/1/5"), "2025-01-05");
  EXPECT_EQ(NormalizeDate("Tue, 16 Dec 2025 01:13:00 GMT"), "2025-12-16T01:13Z");
  EXPECT_EQ(NormalizeDate("2025-02-30"), "");
  EXPECT_EQ(NormalizeDate("yesterday"), "");
}

TEST(DatesTest, FindsWrittenDatesWithTimeAndZone) {
  EXPECT_EQ(FindDateInText("December 16, 2025 / 01:13 IST"), "2025-12-16T01:13+05:30");
  EXPECT_EQ(FindDateInText("first published: Dec 16, 2025 01:13 am"), "2025-12-16T01:13");
  EXPECT_EQ(FindDateInText("on Monday, 15 December 2025, with"), "2025-12-15");
  EXPECT_EQ(FindDateInText("Updated Sept. 3rd, 2024 at 4:05 pm"), "2024-09-03T16:05");
  EXPECT_EQ(FindDateInText("the 3rd of March 2024"), "2024-03-03");
  EXPECT_EQ(FindDateInText("Stand: 12.03.2025 um 10:00"), "2025-03-12");
  EXPECT_EQ(FindDateInText("pi is 3.14.2025"), "");  // no month 14
  EXPECT_EQ(FindDateInText("May the talks go on"), "");
  size_t at = 0;
  EXPECT_EQ(FindDateInText("Posted: 2024-06-01", &at), "2024-06-01");
  EXPECT_EQ(at, 8u);
}

TEST(DatesTest, ReadsSlashedDatesMonthFirstUnlessTheDayShowsIt) {
  EXPECT_EQ(FindDateInText("Updated: 10/31/2024"), "2024-10-31");
  EXPECT_EQ(FindDateInText("3/4/2025"), "2025-03-04");  // ambiguous: US order
  EXPECT_EQ(FindDateInText("Posted on the 15/12/2025 at 19:00 by"), "2025-12-15T19:00");
  EXPECT_EQ(NormalizeDate("Thu, 09/25/2025 - 11:38"), "2025-09-25T11:38");
  EXPECT_EQ(FindDateInText("13/13/2025"), "");
  EXPECT_EQ(FindDateInText("see /2024/05/06/ for it"), "2024-05-06");  // ISO path, not slashed
}

TEST(DatesTest, ReadsYearFirstWrittenDates) {
  EXPECT_EQ(NormalizeDate("2023 Jan 7"), "2023-01-07");
  EXPECT_EQ(NormalizeDate("2024 June 30"), "2024-06-30");
  EXPECT_EQ(NormalizeDate("2024 Jun"), "");
}

TEST(DatesTest, FindsDatesInUrls) {
  EXPECT_EQ(FindDateInUrl("https://x.example/2024/05/06/story"), "2024-05-06");
  EXPECT_EQ(FindDateInUrl("https://x.example/news-2024-05-06-story"), "2024-05-06");
  EXPECT_EQ(FindDateInUrl("https://x.example/a/20240506/b"), "2024-05-06");
  EXPECT_EQ(FindDateInUrl("https://x.example/id/123456789"), "");
}

}  // namespace
}  // namespace parley
