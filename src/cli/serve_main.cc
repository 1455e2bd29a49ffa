// gyosei-serve: `gyosei serve` as a program of its own (see cmd_serve.h for why); gyosei runs
// it with the flags it was given, and it takes the same flags when run directly.
#include <span>

#include "cli/cmd_serve.h"

int main(int argc, char** argv) {
  return gyosei::cli::RunCommand(gyosei::cli::kServeCommand,
                                 std::span<char* const>(argv + 1, static_cast<size_t>(argc - 1)));
}
