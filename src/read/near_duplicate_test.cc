#include <gtest/gtest.h>

#include <string>

#include "parley/article.h"

namespace parley {
namespace {

const char kWireStory[] =
    "Negotiators from the two island councils agreed on Sunday night to a draft accord on fishing "
    "quotas, ending three days of talks at the old harbour office. The draft sets a joint catch "
    "limit for the northern banks and creates a small commission that will review the numbers "
    "every spring, officials said. The councils have not settled how fines will be shared.";

TEST(NearDuplicateIndexTest, FlagsASyndicatedCopyWithAnOutletLine) {
  NearDuplicateIndex index;
  EXPECT_EQ(index.FindOrAdd("original", kWireStory), "");
  std::string copy =
      std::string("HARBOUR CITY (Tidewatch) - ") + kWireStory + " Reporting by the regional desk.";
  EXPECT_EQ(index.FindOrAdd("copy", copy), "original");
  EXPECT_EQ(index.size(), 1u);  // copies are not indexed themselves
}

TEST(NearDuplicateIndexTest, DifferentStoriesAreNotCopies) {
  NearDuplicateIndex index;
  EXPECT_EQ(index.FindOrAdd("a", kWireStory), "");
  EXPECT_EQ(index.FindOrAdd("b",
                            "The ferry strike entered its second week on Monday as union "
                            "leaders and the operator failed to agree on pay, leaving "
                            "hundreds of islanders without a crossing to the mainland and "
                            "shops short of fresh goods."),
            "");
  EXPECT_EQ(index.size(), 2u);
}

TEST(NearDuplicateIndexTest, ShortTextsAreNeverFlagged) {
  NearDuplicateIndex index;
  EXPECT_EQ(index.FindOrAdd("a", "Talks resume on Monday."), "");
  EXPECT_EQ(index.FindOrAdd("b", "Talks resume on Monday."), "");
  EXPECT_EQ(index.size(), 0u);
}

TEST(NearDuplicateIndexTest, SignatureEstimatesJaccard) {
  NearDuplicateIndex index;
  NearDuplicateIndex::Signature a = index.Sign(kWireStory);
  ASSERT_EQ(a.size(), static_cast<size_t>(NearDuplicateIndex::kMinHashes));
  EXPECT_EQ(NearDuplicateIndex::EstimateJaccard(a, a), 1.0);
  EXPECT_EQ(NearDuplicateIndex::EstimateJaccard(a, {}), 0.0);
}

}  // namespace
}  // namespace parley
