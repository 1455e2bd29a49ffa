// The name a file is reported and stored under, shared by every stage that names files
// (ingest's messages, the archive's rows, the CLI's errors).
#pragma once

#include <string>
#include <string_view>

namespace gyosei {

// `path` itself when it is valid UTF-8 without a backslash, else with each backslash written
// \\ and each byte that is not UTF-8 \xNN: two names never give one string, and JSON, CSV and
// the archive get valid UTF-8.
std::string PrintablePath(std::string_view path);

}  // namespace gyosei
