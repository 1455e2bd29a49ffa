// gyosei: Japanese municipal policy documents -> structured JSON and a searchable archive.
#include <malloc.h>

#include <array>
#include <cstring>
#include <iostream>
#include <span>

#include "cli/commands.h"

namespace {

using gyosei::cli::CommandSpec;

constexpr std::array<const CommandSpec*, 10> kCommands = {
    &gyosei::cli::kExtractCommand, &gyosei::cli::kNormalizeCommand,  &gyosei::cli::kTablesCommand,
    &gyosei::cli::kDatesCommand,   &gyosei::cli::kQuantitiesCommand, &gyosei::cli::kImportCommand,
    &gyosei::cli::kSearchCommand,  &gyosei::cli::kExportCommand,     &gyosei::cli::kStatsCommand,
    &gyosei::cli::kServeCommand,
};

void PrintOverview(std::ostream& out) {
  out << "usage: gyosei COMMAND [flags] ARGS...\n\ncommands:\n";
  for (const CommandSpec* c : kCommands) {
    std::string name = std::string("  ") + c->name;
    name.resize(14, ' ');
    out << name << c->summary << "\n";
  }
  out << "\n'gyosei COMMAND --help' describes a command's flags.\n";
}

}  // namespace

int main(int argc, char** argv) {
  // Keep freed memory for reuse instead of handing it back to the kernel after each page or
  // document: on the virtual machines gyosei runs on, the first touch of a fresh 4 kB page
  // costs ~10 us, and glibc's defaults (return the heap's top past 128 kB, map every block of
  // 128 kB or more anew) made a 120-page PDF fault ~270 pages more (1% of its time). Blocks
  // of 32 MB or more are still mapped, and given back, on their own.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    PrintOverview(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? gyosei::cli::kExitUsage : gyosei::cli::kExitOk;
  }
  for (const CommandSpec* command : kCommands) {
    if (std::strcmp(argv[1], command->name) != 0) continue;
    return gyosei::cli::RunCommand(*command,
                                   std::span<char* const>(argv + 2, static_cast<size_t>(argc - 2)));
  }
  std::cerr << "gyosei: unknown command '" << argv[1] << "'\n\n";
  PrintOverview(std::cerr);
  return gyosei::cli::kExitUsage;
}
