// gyosei serve: checks the flags, then runs gyosei-serve from gyosei's own folder with them
// (the process is replaced: its exit status and signals are the server's).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/cmd_serve.h"

namespace gyosei::cli {
namespace {

int Run(const ParsedArgs& args) {
  if (!ServeArgsValid(args)) return kExitUsage;
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return Fail(Status(StatusCode::kIoError, "serve: cannot find gyosei's own folder"));
  std::string server = (self.parent_path() / "gyosei-serve").string();
  std::vector<std::string> argv = ArgvOf(kServeCommand, args);
  argv.insert(argv.begin(), server);
  std::vector<char*> c_argv;
  for (std::string& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  std::cout.flush();
  execv(server.c_str(), c_argv.data());
  return Fail(Status(StatusCode::kIoError, "serve: cannot run " + server + " (" +
                                               std::strerror(errno) +
                                               "; it is built beside gyosei)"));
}

}  // namespace

const CommandSpec kServeCommand{"serve", kServeUsage, kServeSummary, kServeFlags, Run};

}  // namespace gyosei::cli
