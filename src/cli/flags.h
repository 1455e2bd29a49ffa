// The CLI's one flag table per command: it parses argv and generates --help, so the two can
// never disagree. Exit codes: 0 all inputs succeeded, 1 some input failed, 2 bad usage.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace gyosei::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

struct FlagSpec {
  const char* name;        // "--rules"
  const char* value_name;  // "DIR"; nullptr for a boolean flag
  const char* help;
  bool repeatable = false;  // may be given several times (values are joined with '\n')
};

struct ParsedArgs {
  std::map<std::string, std::string, std::less<>> flags;
  std::vector<std::string> positional;

  bool Has(std::string_view name) const { return flags.find(name) != flags.end(); }
  std::string Get(std::string_view name, std::string fallback = "") const;
  std::vector<std::string> GetAll(std::string_view name) const;  // for repeatable flags
};

struct CommandSpec {
  const char* name;     // "normalize"
  const char* usage;    // "FILE|-"
  const char* summary;  // one line for the command list
  std::span<const FlagSpec> flags;
  int (*run)(const ParsedArgs& args);
};

// Parses argv (after the command name). Unknown flags and missing values are errors.
Expected<ParsedArgs> ParseArgs(const CommandSpec& command, std::span<char* const> argv);

// The arguments that ParseArgs reads back as `args`: each flag as --name=value (a repeatable
// flag once per value), then "--" and the positional arguments.
std::vector<std::string> ArgvOf(const CommandSpec& command, const ParsedArgs& args);

// Runs `command` on its arguments (argv after the command name): --help prints the help text
// and returns kExitOk; arguments ParseArgs refuses print the error and the help on stderr and
// return kExitUsage; else command.run's exit status.
int RunCommand(const CommandSpec& command, std::span<char* const> argv);

// "usage: gyosei normalize [flags] FILE|-" followed by the flag table.
std::string HelpText(const CommandSpec& command);

// Reads a file, or standard input for "-". Errors name the file.
Expected<std::string> ReadInput(const std::string& path);

}  // namespace gyosei::cli
