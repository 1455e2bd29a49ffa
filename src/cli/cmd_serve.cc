// gyosei serve --archive A [--port N] [--host H]: the archive as a local web app (src/serve/).
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "serve/serve.h"

namespace gyosei::cli {
namespace {

constexpr FlagSpec kFlags[] = {
    {"--archive", "FILE", "the archive made by gyosei import (required; opened read-only)"},
    {"--port", "N", "TCP port (default 8080; 0 = any free port, printed at start)"},
    {"--host", "ADDRESS", "address to listen on (default 127.0.0.1: this machine only)"},
    {"--chart-js", "FILE", "Chart.js UMD build (default: the one tools/setup installs)"},
    kRulesFlag,
};

int Run(const ParsedArgs& args) {
  if (!args.Has("--archive") || !args.positional.empty()) {
    std::cerr << HelpText(kServeCommand);
    return kExitUsage;
  }
  serve::ServeOptions options;
  options.archive = args.Get("--archive");
  options.host = args.Get("--host", "127.0.0.1");
  options.chart_js = args.Get("--chart-js");
  if (args.Has("--port")) {
    std::string v = args.Get("--port");
    if (v.empty() || v.size() > 5 || v.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(v) > 65535) {
      std::cerr << "gyosei: --port is a number from 0 to 65535, not '" << v << "'\n";
      return kExitUsage;
    }
    options.port = std::stoi(v);
  }
  auto rules = LoadRules(args);
  if (!rules) return Fail(rules.status());
  Status s = serve::Serve(options, *rules, [&](int port) {
    std::cout << "gyosei serve: http://" << options.host << ":" << port << "/ (" << options.archive
              << ", read-only; Ctrl-C stops)" << std::endl;
  });
  return s.ok() ? kExitOk : Fail(s);
}

}  // namespace

const CommandSpec kServeCommand{"serve", "--archive FILE [--port N] [--host H]",
                                "a local web app over an archive: search, documents, charts, JSON",
                                kFlags, Run};

}  // namespace gyosei::cli
