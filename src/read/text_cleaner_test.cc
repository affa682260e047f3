#include "text_cleaner.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(TextCleanerTest, SuggestedReadsDropsHeadlinesButKeepsTheNextHeading) {
  CleanedText cleaned = CleanText(
      "The first paragraph of the story says what happened at the talks on Monday, 4 March 2024.\n"
      "Suggested Reads:\n"
      "Ferry Strike Enters Its Second Week\n"
      "Lighthouse Wins Heritage Award\n"
      "What Comes Next\n"
      "The councils will meet again in June, and both sides expect to sign an accord before the "
      "summer season starts.\n");
  EXPECT_EQ(cleaned.title, "");
  EXPECT_EQ(cleaned.date, "2024-03-04");
  EXPECT_EQ(cleaned.text,
            "The first paragraph of the story says what happened at the talks on Monday, 4 March "
            "2024.\n\nWhat Comes Next\n\nThe councils will meet again in June, and both sides "
            "expect to sign an accord before the summer season starts.");
}

TEST(TextCleanerTest, FurnitureLinesGo) {
  CleanedText cleaned = CleanText(
      "Table of Contents\nAdvertisement\nThe story text is a full sentence that stays in the "
      "article body for sure.\nAdvisory Alert: this site never asks for money.\n"
      "Discover the latest news on our app.\n");
  EXPECT_EQ(cleaned.text,
            "The story text is a full sentence that stays in the article body for sure.");
  EXPECT_EQ(cleaned.outlet, "");
}

TEST(TextCleanerTest, BylineLineGivesTheAuthor) {
  CleanedText cleaned = CleanText(
      "By Marta Ilves\nThe councils met again today and agreed to keep talking next week.\n");
  EXPECT_EQ(cleaned.author, "Marta Ilves");
  EXPECT_EQ(cleaned.text, "The councils met again today and agreed to keep talking next week.");
}

}  // namespace
}  // namespace parley
