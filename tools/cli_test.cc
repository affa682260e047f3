// End-to-end tests of the parley binary: exit codes, help, and the handling of bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace {

struct RunResult {
  int exit_code;
  std::string out;  // stdout and stderr, interleaved
};

RunResult RunParley(const std::string& arguments) {
  std::string command = std::string(PARLEY_BINARY_DIR) + "/parley " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  RunResult result{-1, ""};
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  size_t got;
  while ((got = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), got);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TEST(CliTest, VersionPrintsNameAndVersion) {
  RunResult result = RunParley("--version");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.rfind("parley 0.", 0), 0u) << result.out;
}

TEST(CliTest, NoSubcommandIsAUsageError) {
  RunResult result = RunParley("");
  EXPECT_EQ(result.exit_code, 2);
}

TEST(CliTest, UnknownOptionIsAUsageError) {
  RunResult result = RunParley("--no-such-option");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("--no-such-option"), std::string::npos) << result.out;
}

TEST(CliTest, HelpForAnUnknownCommandIsAUsageError) {
  RunResult result = RunParley("help frobnicate");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("no subcommand named 'frobnicate'"), std::string::npos) << result.out;
}

}  // namespace
