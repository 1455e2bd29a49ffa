// gyosei: Japanese municipal policy documents -> structured JSON and a searchable archive.
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
