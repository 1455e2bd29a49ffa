// The subcommands of the gyosei CLI. Each lives in its own cmd_*.cc, is a thin layer over the
// library, and is listed in main.cc's command table.
#pragma once

#include "cli/flags.h"

namespace gyosei::cli {

extern const CommandSpec kExtractCommand;     // cmd_extract.cc
extern const CommandSpec kNormalizeCommand;   // cmd_normalize.cc
extern const CommandSpec kTablesCommand;      // cmd_tables.cc
extern const CommandSpec kDatesCommand;       // cmd_dates.cc
extern const CommandSpec kQuantitiesCommand;  // cmd_dates.cc
extern const CommandSpec kImportCommand;      // cmd_import.cc
extern const CommandSpec kSearchCommand;      // cmd_search.cc
extern const CommandSpec kExportCommand;      // cmd_export.cc
extern const CommandSpec kStatsCommand;       // cmd_stats.cc
extern const CommandSpec kServeCommand;  // gyosei: cmd_serve_launch.cc; gyosei-serve: cmd_serve.cc

}  // namespace gyosei::cli
