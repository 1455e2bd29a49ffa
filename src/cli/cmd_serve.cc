// gyosei serve --archive A [--port N] [--host H]: the archive as a local web app (src/serve/).
// Built into gyosei-serve (serve_main.cc), which `gyosei serve` runs (cmd_serve_launch.cc).
#include <iostream>

#include "cli/cmd_serve.h"
#include "cli/common.h"
#include "serve/serve.h"

namespace gyosei::cli {
namespace {

int Run(const ParsedArgs& args) {
  if (!ServeArgsValid(args)) return kExitUsage;
  serve::ServeOptions options;
  options.archive = args.Get("--archive");
  options.host = args.Get("--host", "127.0.0.1");
  options.chart_js = args.Get("--chart-js");
  if (args.Has("--port")) options.port = std::stoi(args.Get("--port"));
  auto rules = LoadRules(args);
  if (!rules) return Fail(rules.status());
  Status s = serve::Serve(options, *rules, [&](int port) {
    std::cout << "gyosei serve: http://" << options.host << ":" << port << "/ (" << options.archive
              << ", read-only; Ctrl-C stops)" << std::endl;
  });
  return s.ok() ? kExitOk : Fail(s);
}

}  // namespace

const CommandSpec kServeCommand{"serve", kServeUsage, kServeSummary, kServeFlags, Run};

}  // namespace gyosei::cli
