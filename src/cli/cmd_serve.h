// `gyosei serve`'s flags, shared by the two programs that read them: gyosei, which checks them
// and hands the command to gyosei-serve (cmd_serve_launch.cc), and gyosei-serve, which serves
// (cmd_serve.cc). The web server lives in its own program so that every other command starts
// without loading cpp-httplib and the TLS libraries it links (~6 ms a run).
#pragma once

#include "cli/commands.h"
#include "cli/common.h"

namespace gyosei::cli {

inline constexpr const char* kServeUsage = "--archive FILE [--port N] [--host H]";
inline constexpr const char* kServeSummary =
    "a local web app over an archive: search, documents, charts, JSON";
inline constexpr FlagSpec kServeFlags[] = {
    {"--archive", "FILE", "the archive made by gyosei import (required; opened read-only)"},
    {"--port", "N", "TCP port (default 8080; 0 = any free port, printed at start)"},
    {"--host", "ADDRESS", "address to listen on (default 127.0.0.1: this machine only)"},
    {"--chart-js", "FILE", "Chart.js UMD build (default: the one tools/setup installs)"},
    kRulesFlag,
};

// Whether `args` can be served: --archive given, no positional argument, --port a number from
// 0 to 65535. Prints what is wrong (with the help text for a missing --archive) when not.
bool ServeArgsValid(const ParsedArgs& args);

}  // namespace gyosei::cli
