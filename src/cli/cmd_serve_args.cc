#include <iostream>

#include "cli/cmd_serve.h"

namespace gyosei::cli {

bool ServeArgsValid(const ParsedArgs& args) {
  if (!args.Has("--archive") || !args.positional.empty()) {
    std::cerr << HelpText(kServeCommand);
    return false;
  }
  if (args.Has("--port")) {
    std::string v = args.Get("--port");
    if (v.empty() || v.size() > 5 || v.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(v) > 65535) {
      std::cerr << "gyosei: --port is a number from 0 to 65535, not '" << v << "'\n";
      return false;
    }
  }
  return true;
}

}  // namespace gyosei::cli
