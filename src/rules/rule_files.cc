#include "rules/rule_files.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace gyosei {

// Generated at build time by src/rules/embed_rules.cmake from the repo's rules/ folder.
struct EmbeddedRuleFile {
  const char* name;
  const char* content;
  size_t size;
};
extern const EmbeddedRuleFile kEmbeddedRuleFiles[];
extern const size_t kEmbeddedRuleFileCount;

RuleFiles RuleFiles::Builtin() {
  RuleFiles files;
  for (size_t i = 0; i < kEmbeddedRuleFileCount; ++i) {
    const EmbeddedRuleFile& f = kEmbeddedRuleFiles[i];
    files.Add(RuleFile{f.name, std::string("rules/") + f.name, std::string(f.content, f.size)});
  }
  return files;
}

void RuleFiles::Add(RuleFile file) {
  auto it = std::lower_bound(files_.begin(), files_.end(), file.name,
                             [](const RuleFile& f, const std::string& n) { return f.name < n; });
  if (it != files_.end() && it->name == file.name) {
    *it = std::move(file);
  } else {
    files_.insert(it, std::move(file));
  }
}

Status RuleFiles::AddDirectory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status(StatusCode::kNotFound, dir + ": not a directory of rule files");
  }
  fs::recursive_directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string name = fs::relative(it->path(), dir, ec).generic_string();
    if (name.empty() || name[0] == '.' || name.find("/.") != std::string::npos) continue;
    std::ifstream in(it->path(), std::ios::binary);
    if (!in) return Status(StatusCode::kIoError, it->path().string() + ": cannot read");
    Add(RuleFile{
        name, it->path().string(),
        std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())});
  }
  if (ec) return Status(StatusCode::kIoError, dir + ": " + ec.message());
  return Status::Ok();
}

const RuleFile* RuleFiles::Find(std::string_view name) const {
  auto it = std::lower_bound(files_.begin(), files_.end(), name,
                             [](const RuleFile& f, std::string_view n) { return f.name < n; });
  return it != files_.end() && it->name == name ? &*it : nullptr;
}

std::vector<const RuleFile*> RuleFiles::Matching(std::string_view prefix,
                                                 std::string_view suffix) const {
  std::vector<const RuleFile*> out;
  for (const RuleFile& f : files_)
    if (f.name.starts_with(prefix) && f.name.ends_with(suffix)) out.push_back(&f);
  return out;
}

std::string RuleFiles::Version() const {
  // FNV-1a: stable across platforms and builds, unlike std::hash.
  uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
    h = (h ^ 0xff) * 0x100000001b3ULL;
  };
  std::string base = "unversioned";
  for (const RuleFile& f : files_) {
    mix(f.name);
    mix(f.content);
    if (f.name == "VERSION") {
      base = f.content.substr(0, f.content.find_first_of("\r\n"));
    }
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hash;
  for (int shift = 60; shift >= 32; shift -= 4) hash += kHex[(h >> shift) & 15];
  return base + "+" + hash;
}

}  // namespace gyosei
