// The calibration file: each model's out-of-time error on DEU dev and the headline model
// (written by bench/forecast_deu_bench --write-calibration; docs/forecast.md).
#include <cstdlib>
#include <map>

#include "parley/forecast.h"
#include "parley/text_util.h"
#include "text_fields.h"

#ifndef PARLEY_DEFAULT_CALIBRATION
#define PARLEY_DEFAULT_CALIBRATION "data/forecast/calibration.tsv"
#endif

namespace parley::forecast {
namespace {

constexpr const char* kRequiredColumns[] = {"model", "error_scale", "headline"};

class CalibrationReader {
 public:
  explicit CalibrationReader(std::string_view source) : source_(source) {}

  Result<Calibration> Read(std::string_view text) {
    auto lines = SplitLines(text);
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string_view line = Trim(lines[i]);
      if (line.empty() || line.front() == '#') continue;
      int number = static_cast<int>(i + 1);
      Status status = columns_.empty() ? ReadHeader(lines[i], number) : ReadRow(lines[i], number);
      if (!status.ok()) return status;
    }
    if (columns_.empty()) return Error(0, "no header line, expected \"model\\terror_scale\\t...\"");
    for (Model model : AllModels()) {
      if (!seen_[static_cast<size_t>(model)]) {
        return Error(0, "no row for model \"" + std::string(ModelName(model)) +
                            "\", expected one row per model");
      }
    }
    if (!headline_line_) return Error(0, "no model has headline \"yes\", expected exactly one");
    return calibration_;
  }

 private:
  Status Error(int line, const std::string& message) const {
    return InvalidInput(AtLine(source_, line, message));
  }

  Status ReadHeader(std::string_view line, int number) {
    auto fields = SplitFields(line, '\t');
    for (size_t i = 0; i < fields.size(); ++i) columns_[std::string(Trim(fields[i]))] = i;
    for (const char* required : kRequiredColumns) {
      if (!columns_.count(required)) {
        return Error(number, std::string("header lacks column \"") + required +
                                 "\", expected model, error_scale and headline");
      }
    }
    return Status::Ok();
  }

  Status ReadRow(std::string_view line, int number) {
    auto fields = SplitFields(line, '\t');
    auto field = [&](const char* name) {
      size_t column = columns_.at(name);
      return column < fields.size() ? Trim(fields[column]) : std::string_view();
    };
    auto model = ParseModel(field("model"));
    if (!model.ok()) {
      return Error(number, "model is '" + std::string(field("model")) +
                               "', expected compromise, median, nash, eum, smp or ensemble");
    }
    size_t index = static_cast<size_t>(*model);
    if (seen_[index]) {
      return Error(number, "second row for model \"" + std::string(field("model")) +
                               "\", expected one per model");
    }
    seen_[index] = true;
    auto error = ParseNumber(field("error_scale"));
    if (!error || *error < 0 || *error > 100) {
      return Error(number, "error_scale is '" + std::string(field("error_scale")) +
                               "', expected a number in 0-100");
    }
    calibration_.error_scale[index] = *error;
    std::string_view headline = field("headline");
    if (headline != "yes" && headline != "no") {
      return Error(number, "headline is '" + std::string(headline) + "', expected yes or no");
    }
    if (headline == "yes") {
      if (headline_line_) {
        return Error(number, "a second headline model (the first is on line " +
                                 std::to_string(headline_line_) + "), expected exactly one");
      }
      headline_line_ = number;
      calibration_.headline = *model;
    }
    return Status::Ok();
  }

  std::string_view source_;
  std::map<std::string, size_t> columns_;
  std::array<bool, 6> seen_{};
  int headline_line_ = 0;
  Calibration calibration_;
};

}  // namespace

Result<Calibration> ParseCalibrationTsv(std::string_view text, std::string_view source) {
  return CalibrationReader(source).Read(text);
}

Result<Calibration> LoadCalibration(const std::string& path) {
  std::optional<std::string> text = ReadWholeFile(path);
  if (!text) return IoError(path + ": cannot open the calibration file");
  return ParseCalibrationTsv(*text, path);
}

std::string DefaultCalibrationPath() {
  const char* env = std::getenv("PARLEY_CALIBRATION");
  return env != nullptr && *env != '\0' ? env : PARLEY_DEFAULT_CALIBRATION;
}

}  // namespace parley::forecast
