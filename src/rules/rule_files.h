// The rule files gyosei runs on: the ones built into the binary from the repo's rules/ folder,
// overridden or extended by the user's --rules DIR. Adding a municipality's layout means
// editing files here, not C++.
//
//   RuleFiles files = RuleFiles::Builtin();
//   if (Status s = files.AddDirectory("my-rules"); !s.ok()) ...   // same name replaces
//   const RuleFile* chars = files.Find("normalize/chars.rules");
//
// Every output records files.Version(), which changes whenever any rule file's content does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace gyosei {

struct RuleFile {
  std::string name;  // path relative to the rules folder: "labels.rules", "normalize/chars.rules"
  std::string
      origin;  // where it was read from, for messages: "rules/labels.rules" or the user's path
  std::string content;
};

class RuleFiles {
 public:
  // The files compiled into the binary (the repo's rules/ at build time).
  static RuleFiles Builtin();

  // Adds every regular file under `dir` (recursively); a file whose relative name matches a
  // built-in one replaces it. Fails if `dir` cannot be read.
  Status AddDirectory(const std::string& dir);
  void Add(RuleFile file);

  const RuleFile* Find(std::string_view name) const;
  // Files whose name starts with `prefix` and ends with `suffix`, sorted by name.
  std::vector<const RuleFile*> Matching(std::string_view prefix, std::string_view suffix) const;

  // "<rules/VERSION>+<hash of every file's name and content>", e.g. "2026.11.1+3f2a9c1d".
  std::string Version() const;

 private:
  std::vector<RuleFile> files_;  // sorted by name
};

}  // namespace gyosei
