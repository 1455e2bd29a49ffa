#include "cli/common.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <thread>

#include "normalize/normalize.h"

namespace gyosei::cli {

Expected<RuleFiles> LoadRules(const ParsedArgs& args) {
  RuleFiles rules = RuleFiles::Builtin();
  for (const std::string& dir : args.GetAll(kRulesFlag.name)) {
    if (Status s = rules.AddDirectory(dir); !s.ok()) return s;
  }
  return rules;
}

int PdfThreads(const ParsedArgs& args) {
  // Default: one per core, at most 8: each thread holds its own copy of the document, and 8
  // keeps that bounded on many-core machines.
  if (!args.Has(kThreadsFlag.name))
    return std::clamp<int>(static_cast<int>(std::thread::hardware_concurrency()), 1, 8);
  std::string v = args.Get(kThreadsFlag.name);
  int n = v.empty() || v.size() > 2 || v.find_first_not_of("0123456789") != std::string::npos
              ? 0
              : std::stoi(v);
  if (n < 1 || n > 64) {
    std::cerr << "gyosei: --threads needs a number from 1 to 64, got '" << v << "'\n";
    return 0;
  }
  return n;
}

int64_t MaxFileBytes(const ParsedArgs& args) {
  if (!args.Has(kMaxFileSizeFlag.name)) return int64_t{kDefaultMaxFileMb} << 20;
  std::string v = args.Get(kMaxFileSizeFlag.name);
  int n = v.empty() || v.size() > 7 || v.find_first_not_of("0123456789") != std::string::npos
              ? 0
              : std::stoi(v);
  if (n < 1 || n > (1 << 20)) {
    std::cerr << "gyosei: --max-file-size needs a number of MB from 1 to 1048576, got '" << v
              << "'\n";
    return -1;
  }
  return int64_t{n} << 20;
}

Expected<DocumentSource> SourceOf(const std::string& path) {
  if (path != "-") return DocumentSource{path, std::nullopt};
  auto bytes = ReadInput(path);
  if (!bytes) return bytes.status();
  return DocumentSource{"<stdin>", std::move(bytes).value()};
}

PipelineOptions ReadingOptions(const ParsedArgs& args) {
  PipelineOptions options;
  options.pdf_password = args.Get(kPasswordFlag.name);
  options.pdf_threads = PdfThreads(args);
  options.max_file_bytes = MaxFileBytes(args);
  return options;
}

Expected<Document> ReadDocument(const std::string& path, const ParsedArgs& args) {
  auto source = SourceOf(path);
  if (!source) return source.status();
  return IngestSource(*source, ReadingOptions(args));
}

int Fail(const Status& status) {
  std::cerr << "gyosei: " << status.message() << "\n";
  return kExitFailed;
}

Status CheckOutput(const std::string& lost) {
  errno = 0;
  std::cout.flush();
  if (std::cout) return Status::Ok();
  int err = errno;
  return Status(StatusCode::kIoError,
                std::string("cannot write to standard output") +
                    (err ? std::string(" (") + std::strerror(err) + ")" : "") + ": " + lost);
}

Expected<ReplacingOutput> ReplacingOutput::Open(const std::string& path,
                                                const std::string& protect) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string target = fs::is_symlink(path, ec) ? fs::weakly_canonical(path, ec).string() : path;
  if (ec) target = path;
  struct stat out, kept;
  bool exists = stat(target.c_str(), &out) == 0;
  if (exists && stat(protect.c_str(), &kept) == 0 && out.st_dev == kept.st_dev &&
      out.st_ino == kept.st_ino) {
    return Status(StatusCode::kInvalidArgument,
                  path + ": this is the archive itself (" + protect +
                      "); writing the export there would destroy it. Choose another --output");
  }
  if (exists && !S_ISREG(out.st_mode)) {
    return Status(StatusCode::kInvalidArgument, path + ": not a regular file");
  }
  std::string folder = fs::path(target).parent_path().string();
  std::string temporary = (folder.empty() ? "" : folder + "/") + "." +
                          fs::path(target).filename().string() + ".gyosei-XXXXXX";
  int fd = mkstemp(temporary.data());
  if (fd < 0) {
    return Status(StatusCode::kIoError,
                  path + ": cannot write in its folder (" + std::strerror(errno) + ")");
  }
  // mkstemp makes it 0600: give it the mode FILE has, or a new file would get.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, exists ? out.st_mode & 07777 : 0666 & ~mask);
  close(fd);
  ReplacingOutput output;
  output.target_ = target;
  output.temporary_ = temporary;
  output.file_.open(temporary, std::ios::binary | std::ios::trunc);
  if (!output.file_) {
    return Status(StatusCode::kIoError,
                  path + ": cannot write in its folder (" + std::strerror(errno) + ")");
  }
  return output;
}

ReplacingOutput::ReplacingOutput(ReplacingOutput&& other) noexcept
    : target_(std::move(other.target_)),
      temporary_(std::exchange(other.temporary_, "")),
      file_(std::move(other.file_)) {}

ReplacingOutput::~ReplacingOutput() {
  if (!temporary_.empty()) unlink(temporary_.c_str());
}

Status ReplacingOutput::Commit() {
  file_.close();
  if (!file_) {
    return Status(StatusCode::kIoError,
                  target_ + ": cannot write it (disk full?); " + "the file is left as it was");
  }
  if (rename(temporary_.c_str(), target_.c_str()) != 0) {
    return Status(StatusCode::kIoError,
                  target_ + ": cannot replace the file (" + std::strerror(errno) + ")");
  }
  temporary_.clear();
  return Status::Ok();
}

Expected<Document> ReadForPrinting(const std::string& path, const ParsedArgs& args) {
  auto rules = LoadRules(args);
  if (!rules) return rules.status();
  auto normalizer = Normalizer::Create(*rules);
  if (!normalizer) return normalizer.status();
  auto raw = ReadDocument(path, args);
  if (!raw) return raw.status();
  for (const Warning& w : raw->warnings) std::cerr << "gyosei: warning: " << w.message << "\n";
  if (args.Has("--raw")) return std::move(raw).value();
  return (*normalizer)->Normalize(std::move(*raw));
}

}  // namespace gyosei::cli
