// cli/flags: ArgvOf writes back what ParseArgs read, so `gyosei serve` can hand its flags to
// gyosei-serve unchanged.
#include "cli/flags.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace gyosei::cli {
namespace {

constexpr FlagSpec kFlags[] = {
    {"--archive", "FILE", "archive"},
    {"--raw", nullptr, "a boolean flag"},
    {"--host", "ADDRESS", "host"},
    {"--rules", "DIR", "repeatable", true},
};
int NoRun(const ParsedArgs&) { return 0; }
const CommandSpec kCommand{"test", "ARGS", "a command for the test", kFlags, NoRun};

ParsedArgs Parse(std::vector<std::string> argv) {
  std::vector<char*> c_argv;
  for (std::string& a : argv) c_argv.push_back(a.data());
  auto args = ParseArgs(kCommand, c_argv);
  REQUIRE(args.ok());
  return *args;
}

TEST_CASE("ArgvOf: flags in the command's order, each as --name=value, then -- and positionals",
          "[cli]") {
  struct Case {
    std::vector<std::string> given, written;
  };
  const Case cases[] = {
      {{"--rules", "r1", "--archive", "a.db", "--rules=r2"},
       {"--archive=a.db", "--rules=r1", "--rules=r2"}},
      {{"--raw", "-", "本文.txt"}, {"--raw", "--", "-", "本文.txt"}},
      // A value that looks like a flag, and one with '=' in it, survive the round trip.
      {{"--host", "--x=y", "--", "--not-a-flag"}, {"--host=--x=y", "--", "--not-a-flag"}},
      {{"--archive=a=b.db"}, {"--archive=a=b.db"}},
      {{}, {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.given);
    ParsedArgs parsed = Parse(c.given);
    std::vector<std::string> written = ArgvOf(kCommand, parsed);
    CHECK(written == c.written);
    ParsedArgs again = Parse(written);
    CHECK(again.flags == parsed.flags);
    CHECK(again.positional == parsed.positional);
  }
}

}  // namespace
}  // namespace gyosei::cli
