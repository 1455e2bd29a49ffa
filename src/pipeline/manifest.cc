#include "pipeline/manifest.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "archive/archive.h"
#include "core/csv.h"

namespace gyosei::pipeline {

namespace fs = std::filesystem;

std::string CanonicalPath(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? fs::absolute(path).lexically_normal().string() : p.string();
}

namespace {

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

Expected<Manifest> Manifest::Load(const std::string& csv_path, const Extractor& extractor) {
  std::ifstream in(csv_path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, csv_path + ": cannot read the manifest");
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto records = ParseCsv(buffer.str(), csv_path);  // errors: "PATH:LINE: what"
  if (!records) return records.status();

  // Column order: path, municipality, fiscal_year, document_type unless a header says otherwise.
  std::array<int, 4> column = {0, 1, 2, 3};
  constexpr std::array<std::string_view, 4> kNames = {"path", "municipality", "fiscal_year",
                                                      "document_type"};
  size_t first = 0;
  if (!records->empty() && Trim(records->front().fields[0]) == "path") {
    column.fill(-1);
    const auto& header = records->front().fields;
    for (size_t i = 0; i < header.size(); ++i) {
      std::string name = Trim(header[i]);
      if (name == "municipality_code" || name == "municipality_name") name = "municipality";
      auto it = std::find(kNames.begin(), kNames.end(), name);
      if (it == kNames.end()) {
        return Status(StatusCode::kInvalidArgument,
                      csv_path + ":1: unknown column '" + name +
                          "' (expected path, municipality, fiscal_year, document_type)");
      }
      column[it - kNames.begin()] = static_cast<int>(i);
    }
    first = 1;
  }
  fs::path base = fs::path(csv_path).parent_path();
  Manifest manifest;
  for (size_t r = first; r < records->size(); ++r) {
    const CsvRecord& rec = (*records)[r];
    auto get = [&](int which) {
      int c = column[which];
      return c >= 0 && static_cast<size_t>(c) < rec.fields.size() ? Trim(rec.fields[c]) : "";
    };
    std::string where = csv_path + ":" + std::to_string(rec.line) + ": ";
    ManifestEntry entry;
    entry.line = rec.line;
    std::string path = get(0);
    if (path.empty()) return Status(StatusCode::kInvalidArgument, where + "the path is blank");
    entry.path = fs::path(path).is_absolute() ? path : (base / path).lexically_normal().string();
    if (std::string m = get(1); !m.empty()) {
      auto found = extractor.FindMunicipality(m);
      if (!found) return Status(StatusCode::kInvalidArgument, where + found.status().message());
      entry.municipality = *found;
    }
    if (std::string y = get(2); !y.empty()) {
      if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos) {
        return Status(StatusCode::kInvalidArgument,
                      where + "fiscal_year needs a 4-digit year, got '" + y + "'");
      }
      entry.fiscal_year = std::stoi(y);
    }
    if (std::string t = get(3); !t.empty()) {
      if (std::find(kDocumentTypes.begin(), kDocumentTypes.end(), t) == kDocumentTypes.end()) {
        return Status(StatusCode::kInvalidArgument,
                      where + "unknown document_type '" + t +
                          "' (department_policy, department_results, reform_plan, "
                          "evaluation_sheet, other)");
      }
      entry.document_type = t;
    }
    std::string key = CanonicalPath(entry.path);
    if (auto [it, fresh] = manifest.by_canonical_path_.emplace(key, manifest.entries_.size());
        !fresh) {
      return Status(StatusCode::kInvalidArgument,
                    where + "the file is already listed on line " +
                        std::to_string(manifest.entries_[it->second].line));
    }
    manifest.entries_.push_back(std::move(entry));
  }
  return manifest;
}

const ManifestEntry* Manifest::Find(const std::string& path) const {
  auto it = by_canonical_path_.find(CanonicalPath(path));
  return it == by_canonical_path_.end() ? nullptr : &entries_[it->second];
}

}  // namespace gyosei::pipeline
