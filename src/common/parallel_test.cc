#include "parley/parallel.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace parley {
namespace {

std::vector<int> SquareAll(int threads, int count) {
  std::vector<int> emitted;
  OrderedPipeline<int, int> pipeline(
      threads, [](int& x) { return x * x; }, [&](int& y) { emitted.push_back(y); }, 4);
  for (int i = 0; i < count; ++i) pipeline.Push(i);
  pipeline.Finish();
  return emitted;
}

TEST(OrderedPipelineTest, EmitsInInputOrderWhateverTheThreadCount) {
  std::vector<int> expected;
  for (int i = 0; i < 500; ++i) expected.push_back(i * i);
  EXPECT_EQ(SquareAll(1, 500), expected);
  EXPECT_EQ(SquareAll(3, 500), expected);
  EXPECT_EQ(SquareAll(0, 500), expected);
}

TEST(OrderedPipelineTest, FinishWithNothingPushedEmitsNothing) {
  EXPECT_TRUE(SquareAll(2, 0).empty());
}

TEST(ResolveThreadCountTest, ZeroMeansAllCoresAndNegativeMeansOne) {
  EXPECT_GE(ResolveThreadCount(0), 1);
  EXPECT_EQ(ResolveThreadCount(-3), 1);
  EXPECT_EQ(ResolveThreadCount(4), 4);
}

}  // namespace
}  // namespace parley
