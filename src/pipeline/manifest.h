// Internal to the import (pipeline/import.h): the manifest, a CSV naming what the files do not say.
//
//   path,municipality,fiscal_year,document_type
//   2019/somu.pdf,静岡県菊川市,2019,department_policy
//   2020/kikaku.pdf,222241,,
//
// A header row (first field "path") may reorder the columns; without one the order above.
// Paths are relative to the manifest's folder (or absolute). Any of the other columns may be
// blank. Municipalities are resolved against the code table; an unknown or ambiguous one, a
// year that is not 4 digits or an unknown document type is an error naming the line.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "extract/extract.h"

namespace gyosei::pipeline {

struct ManifestEntry {
  std::string path;  // as resolved: the manifest's folder joined with the written path
  int line = 0;
  std::optional<Municipality> municipality;  // evidence "caller"
  int fiscal_year = 0;
  std::string document_type;
};

class Manifest {
 public:
  static Expected<Manifest> Load(const std::string& csv_path, const Extractor& extractor);

  // The entry for a file found by the walk (matched by canonical path), or nullptr.
  const ManifestEntry* Find(const std::string& path) const;
  const std::vector<ManifestEntry>& entries() const { return entries_; }

 private:
  std::vector<ManifestEntry> entries_;
  std::unordered_map<std::string, size_t> by_canonical_path_;
};

// The key under which a path is looked up: absolute, symlinks resolved where they exist.
std::string CanonicalPath(const std::string& path);

}  // namespace gyosei::pipeline
