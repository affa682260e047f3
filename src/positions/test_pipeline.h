// Shared by the positions tests: the bundled ukraine-2025 pipeline, loaded once per test
// binary, and a corpus analysed from fixture files, where any input error fails the test.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parley/pipeline.h"
#include "parley/positions.h"

namespace parley::testing {

inline const StancePipeline& UkrainePipeline() {
  static const auto* const pipeline = [] {
    auto loaded = StancePipeline::Load("ukraine-2025", ScenarioSearchPath(""), "");
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return loaded.value().release();
  }();
  return *pipeline;
}

inline Corpus AnalyzeFixtureFiles(const StancePipeline& pipeline,
                                  const std::vector<std::string>& paths) {
  return AnalyzeCorpus(
      paths, pipeline.extractor(), pipeline.stances(), {},
      [](const InputError& error) { ADD_FAILURE() << error.Message(); }, nullptr);
}

}  // namespace parley::testing
