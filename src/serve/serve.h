// gyosei serve: a local web app over an archive. Search with filters, a page per document
// (goal tree, targets, indicators and actuals when the archive has them, links opening the
// source PDF at a page), a chart per indicator and a comparison across municipalities, and
// the JSON endpoints behind every page:
//   /api/search?q=&municipality=&prefecture=&fiscal_year=&type=&limit=
//   /api/documents/ID          /api/indicators[?q=]     /api/indicators?metric=M[&municipality=C]
// Read-only database access, parameterized SQL, every document string HTML-escaped, no inline
// script (Content-Security-Policy), source files served only from the paths the archive
// records, bound to 127.0.0.1 unless told otherwise. The chart library (Chart.js, installed
// from npm by tools/setup) is served from the machine: the pages work offline.
#pragma once

#include <functional>
#include <string>

#include "core/status.h"
#include "rules/rule_files.h"

namespace gyosei::serve {

struct ServeOptions {
  std::string archive;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port (on_listening says which)
  // Chart.js's UMD build; "" = where tools/setup installs it in the source tree.
  std::string chart_js;
};

// Serves until the process is stopped. on_listening(port) is called once the socket is bound.
// Errors: the archive cannot be read (missing, other schema), the address cannot be bound.
Status Serve(const ServeOptions& options, const RuleFiles& rules,
             const std::function<void(int port)>& on_listening);

}  // namespace gyosei::serve
