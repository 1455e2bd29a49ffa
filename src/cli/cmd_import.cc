// gyosei import --archive A PATH...: documents -> the SQLite archive (see archive/archive.h).
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "pipeline/import.h"

namespace gyosei::cli {
namespace {

// Worker processes beyond the cores only wait; past this many, a typo (--jobs 100000).
constexpr int kMaxJobs = 64;
// Memory per worker: an ordinary long document needs far less (a 2,280-page PDF took 96 MB),
// one enormous input (text takes about 10x its size) is stopped before it takes the machine.
constexpr int kDefaultMemoryLimitMb = 2048;

constexpr FlagSpec kFlags[] = {
    {"--archive", "FILE", "the SQLite archive to create or add to (required)"},
    {"--manifest", "CSV", "path,municipality,fiscal_year,document_type for files that do not say"},
    {"--jobs", "N", "worker processes, 1-64 (default: every core)"},
    {"--force", nullptr, "re-extract documents already in the archive (e.g. after a rules change)"},
    {"--timeout", "SECONDS",
     "per-document time limit; slower documents are recorded as failed (default 120)"},
    kMaxFileSizeFlag,
    {"--memory-limit", "MB",
     "memory each worker process may use; a document needing more is recorded as failed "
     "(default 2048)"},
    {"--quiet", nullptr, "no progress on stderr"},
    kRulesFlag,
};

std::atomic<bool> g_stop{false};

void OnSignal(int) {
  g_stop = true;
  // A second Ctrl-C ends the process at once; the archive stays consistent either way.
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
}

std::string Duration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, s / 60 % 60);
  else if (s >= 60)
    snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  else
    snprintf(buf, sizeof buf, "%lds", s);
  return buf;
}

// A bar redrawn in place on a terminal; a plain line every 5 s otherwise (logs, CI).
class ProgressReporter {
 public:
  explicit ProgressReporter(bool quiet) : quiet_(quiet), tty_(isatty(STDERR_FILENO)) {}

  void Update(const ImportProgress& p) {
    if (quiet_) return;
    double interval = tty_ ? 0.1 : 5.0;
    bool last = p.files_done == p.files_total;
    if (p.seconds - last_ < interval && !(tty_ && last)) return;
    last_ = p.seconds;
    char rate[64] = "";
    snprintf(rate, sizeof rate, "%.1f pages/s, %.1f files/s",
             p.seconds > 0 ? p.pages / p.seconds : 0.0,
             p.seconds > 0 ? p.files_done / p.seconds : 0.0);
    std::string eta = "?";
    if (p.files_done > 0) eta = Duration(p.seconds / p.files_done * (p.files_total - p.files_done));
    std::string counts = std::to_string(p.files_done) + "/" + std::to_string(p.files_total) +
                         " files, " + rate + ", ETA " + eta + ", " + std::to_string(p.failed) +
                         " failed";
    if (tty_) {
      constexpr int kWidth = 24;
      int filled = p.files_total > 0 ? static_cast<int>(kWidth * p.files_done / p.files_total) : 0;
      std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] "
                << counts << "\x1b[K" << std::flush;
      drawn_ = true;
    } else {
      std::cerr << "gyosei: import: " << counts << "\n";
    }
  }
  void Finish() {
    if (drawn_) std::cerr << "\n";
  }

 private:
  bool quiet_;
  bool tty_;
  bool drawn_ = false;
  double last_ = 0;  // nothing in the first interval: short runs print only the summary
};

int ParseNumber(const ParsedArgs& args, const char* flag, int fallback, int max, bool& ok) {
  if (!args.Has(flag)) return fallback;
  std::string v = args.Get(flag);
  if (v.empty() || v.size() > 7 || v.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(v) == 0 || std::stoi(v) > max) {
    std::cerr << "gyosei: " << flag << " needs a number from 1 to " << max << ", got '" << v
              << "'\n";
    ok = false;
    return fallback;
  }
  return std::stoi(v);
}

int Run(const ParsedArgs& args) {
  if (!args.Has("--archive") || (args.positional.empty() && !args.Has("--manifest"))) {
    std::cerr << HelpText(kImportCommand);
    return kExitUsage;
  }
  ImportOptions options;
  bool ok = true;
  options.jobs = ParseNumber(args, "--jobs", 0, kMaxJobs, ok);
  options.timeout_seconds = ParseNumber(args, "--timeout", 120, 999999, ok);
  options.max_file_bytes = MaxFileBytes(args);
  ok = ok && options.max_file_bytes > 0;
  options.memory_limit_bytes =
      int64_t{ParseNumber(args, "--memory-limit", kDefaultMemoryLimitMb, 1 << 20, ok)} << 20;
  if (!ok) return kExitUsage;
  options.force = args.Has("--force");
  options.manifest = args.Get("--manifest");
  auto rules = LoadRules(args);
  if (!rules) return Fail(rules.status());

  ProgressReporter reporter(args.Has("--quiet"));
  options.progress = [&](const ImportProgress& p) { reporter.Update(p); };
  options.stop_requested = [] { return g_stop.load(); };
  signal(SIGINT, OnSignal);
  signal(SIGTERM, OnSignal);

  auto summary = ImportDocuments(args.Get("--archive"), args.positional, *rules, options);
  reporter.Finish();
  if (!summary) {
    // A bad manifest line is the caller's mistake, like a bad flag.
    Fail(summary.status());
    return summary.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailed;
  }
  for (const std::string& w : summary->warnings) std::cerr << "gyosei: warning: " << w << "\n";
  for (const std::string& f : summary->failures) std::cerr << "gyosei: failed: " << f << "\n";
  const ImportProgress& c = summary->counts;
  std::cout << "imported " << c.imported << ", replaced " << c.replaced << ", unchanged "
            << c.unchanged << ", failed " << c.failed << " (" << c.files_done << " of "
            << c.files_total << " files, " << c.pages << " pages, " << Duration(c.seconds) << ")\n";
  if (Status s = CheckOutput("the summary above is lost (what was imported is in the archive)");
      !s.ok()) {
    Fail(s);
    return summary->interrupted ? 130 : kExitFailed;
  }
  if (summary->interrupted) {
    std::cerr << "gyosei: import interrupted; what was imported is kept, run the same command "
                 "again to resume\n";
    return 130;
  }
  return c.failed == 0 ? kExitOk : kExitFailed;
}

}  // namespace

const CommandSpec kImportCommand{
    "import", "--archive FILE [PATH...]",
    "import documents (files and folders) into a searchable SQLite archive", kFlags, Run};

}  // namespace gyosei::cli
