#include "archive/writer.h"

#include <nlohmann/json.hpp>

#include "ingest/ingest.h"

namespace gyosei::archive {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}
int64_t Int(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<int64_t>() : 0;
}
std::optional<double> Num(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}
// A LOC's page and line (page 0 = text input, stored as NULL).
std::pair<int64_t, int64_t> PageLine(const json& j) {
  auto it = j.find("loc");
  if (it == j.end() || !it->is_object()) return {0, 0};
  return {Int(*it, "page"), Int(*it, "line")};
}

}  // namespace

Expected<ArchiveWriter> ArchiveWriter::Create(Db& db, std::string rules_version, int64_t run_id) {
  ArchiveWriter w(db);
  w.rules_version_ = std::move(rules_version);
  w.run_id_ = run_id;
  struct {
    Stmt* stmt;
    const char* sql;
  } statements[] = {
      {&w.known_,
       "SELECT EXISTS(SELECT 1 FROM documents WHERE source_path = ?1 AND sha256 = ?2) OR "
       "EXISTS(SELECT 1 FROM failures WHERE path = ?1 AND sha256 = ?2)"},
      {&w.find_old_, "SELECT id FROM documents WHERE source_path = ?1"},
      {&w.delete_fts_,
       "INSERT INTO passages_fts(passages_fts, rowid, text) "
       "SELECT 'delete', id, text FROM passages WHERE document_id = ?1"},
      {&w.delete_doc_, "DELETE FROM documents WHERE id = ?1"},
      {&w.insert_doc_,
       "INSERT INTO documents(sha256, source_path, format, encoding, pages, municipality_code, "
       "municipality_name, prefecture, municipality_evidence, fiscal_year, department, "
       "document_type, document_label, title, author_title, author_name, period_start, "
       "period_end, goal_count, target_count, warning_count, rules_version, imported_at, run_id, "
       "json) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
       "?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)"},
      {&w.insert_goal_,
       "INSERT INTO goals(document_id, goal_key, parent_key, ordinal, number, title, description, "
       "owner, policy_refs, sdgs, page, line) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
       "?11, ?12)"},
      {&w.insert_target_,
       "INSERT INTO targets(document_id, goal_id, ordinal, text, metric, value, unit, comparison, "
       "maintain, due, baseline_value, baseline_unit, baseline_date, baseline_fiscal_year, page, "
       "line, fiscal_year, indicator_key) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
       "?12, ?13, ?14, ?15, ?16, ?17, ?18)"},
      {&w.insert_indicator_,
       "INSERT INTO indicators(document_id, goal_id, indicator_key, name, kind, unit, direction, "
       "achievement, achievement_fiscal_year, page, line) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
       "?9, ?10, ?11)"},
      {&w.insert_actual_,
       "INSERT INTO actuals(document_id, goal_id, ordinal, text, metric, value, unit, fiscal_year, "
       "date, indicator_key, page, line) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
       "?12)"},
      {&w.insert_rating_,
       "INSERT INTO ratings(goal_id, document_id, label, scale, level, levels) "
       "VALUES(?1, ?2, ?3, ?4, ?5, ?6)"},
      {&w.insert_date_,
       "INSERT INTO dates(document_id, text, date, fiscal_year, kind, start, end, page, line) "
       "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
      {&w.insert_passage_,
       "INSERT INTO passages(document_id, goal_id, kind, page, line, text) "
       "VALUES(?1, ?2, ?3, ?4, ?5, ?6)"},
      {&w.insert_fts_, "INSERT INTO passages_fts(rowid, text) VALUES(?1, ?2)"},
      {&w.delete_failure_, "DELETE FROM failures WHERE path = ?1"},
      {&w.upsert_failure_,
       "INSERT INTO failures(path, sha256, code, message, rules_version, at, run_id) "
       "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(path) DO UPDATE SET sha256 = ?2, "
       "code = ?3, message = ?4, rules_version = ?5, at = ?6, run_id = ?7"},
  };
  for (auto& [stmt, sql] : statements) {
    auto prepared = db.Prepare(sql);
    if (!prepared) return prepared.status();
    *stmt = std::move(*prepared);
  }
  return w;
}

Expected<bool> ArchiveWriter::Known(const std::string& path, const std::string& sha256) {
  known_.Bind(1, PrintablePath(path)).Bind(2, sha256);
  bool known = known_.Step() && known_.Int(0) != 0;
  Status s = known_.status();
  known_.Reset();
  if (!s.ok()) return s;
  return known;
}

Status ArchiveWriter::DeleteDocument(int64_t id) {
  // The FTS index is external-content: it must be told the old text before the rows go.
  if (Status s = delete_fts_.Bind(1, id).Run(); !s.ok()) return s;
  return delete_doc_.Bind(1, id).Run();
}

Status ArchiveWriter::OpenBatch() {
  if (in_batch_) return Status::Ok();
  if (Status s = db_->Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  in_batch_ = true;
  batch_documents_ = 0;
  batch_started_ = std::chrono::steady_clock::now();
  return Status::Ok();
}

Expected<bool> ArchiveWriter::CommitBatch(bool force) {
  if (!in_batch_) return false;
  if (!force && batch_documents_ < kBatchDocuments &&
      std::chrono::steady_clock::now() - batch_started_ < std::chrono::milliseconds(kBatchMillis)) {
    return false;
  }
  in_batch_ = false;
  if (Status s = db_->Exec("COMMIT"); !s.ok()) {
    (void)db_->Exec("ROLLBACK");
    return s;
  }
  return true;
}

Expected<ArchiveWriter::Stored> ArchiveWriter::Store(const WorkResult& result) {
  Stored stored;
  if (Status s = OpenBatch(); !s.ok()) return s;
  // No savepoint per document: FTS5 writes its pending index data out as a new segment at
  // every SAVEPOINT, which cost as much as the rest of the writer. An archive error (full
  // disk) rolls the whole batch back instead; the run stops and the next one redoes it.
  if (Status s = StoreRows(result, stored); !s.ok()) {
    in_batch_ = false;
    (void)db_->Exec("ROLLBACK");
    return s;
  }
  ++batch_documents_;
  return stored;
}

Status ArchiveWriter::StoreRows(const WorkResult& result, Stored& stored) {
  json doc = json::parse(result.json, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) {
    return Status(StatusCode::kInternal,
                  result.request.path + ": the worker's JSON does not parse");
  }
  const json& source = doc["source"];
  std::string path = PrintablePath(result.request.path);
  std::string sha = Str(source, "sha256");

  // A document is its path: the same bytes under another path are another document.
  find_old_.Bind(1, path);
  int64_t old = find_old_.Step() ? find_old_.Int(0) : 0;
  if (Status s = find_old_.status(); !s.ok()) return s;
  find_old_.Reset();
  if (old != 0) {
    stored.outcome = Outcome::kReplaced;
    if (Status s = DeleteDocument(old); !s.ok()) return s;
  }

  int64_t target_count = 0;
  for (const json& g : doc["goals"]) target_count += static_cast<int64_t>(g["targets"].size());
  const json& m = doc["municipality"];
  const json& author = doc["author"];
  const json& period = doc["period"];
  const json empty = json::object();
  const json& mm = m.is_object() ? m : empty;
  const json& aa = author.is_object() ? author : empty;
  const json& pp = period.is_object() ? period : empty;
  stored.pages = static_cast<int>(Int(source, "pages"));
  Stmt& d = insert_doc_;
  d.Bind(1, sha)
      .Bind(2, path)
      .Bind(3, Str(source, "format"))
      .BindOrNull(4, Str(source, "encoding"));
  d.BindOrNull(5, Int(source, "pages"))
      .BindOrNull(6, Str(mm, "code"))
      .BindOrNull(7, Str(mm, "name"));
  d.BindOrNull(8, Str(mm, "prefecture")).BindOrNull(9, Str(mm, "evidence"));
  d.BindOrNull(10, Int(doc, "fiscal_year")).BindOrNull(11, Str(doc, "department"));
  d.Bind(12, Str(doc, "document_type")).BindOrNull(13, Str(doc, "document_label"));
  d.BindOrNull(14, Str(doc, "title"))
      .BindOrNull(15, Str(aa, "title"))
      .BindOrNull(16, Str(aa, "name"));
  d.BindOrNull(17, Str(pp, "start")).BindOrNull(18, Str(pp, "end"));
  d.Bind(19, static_cast<int64_t>(doc["goals"].size())).Bind(20, target_count);
  d.Bind(21, static_cast<int64_t>(doc["warnings"].size())).Bind(22, Str(doc, "rules_version"));
  d.Bind(23, NowUtc()).Bind(24, run_id_).Bind(25, result.json);
  if (Status s = d.Run(); !s.ok()) return s;
  int64_t doc_id = db_->LastInsertId();

  auto add_passage = [&](int64_t goal_id, const char* kind, int64_t page, int64_t line,
                         const std::string& text) {
    Stmt& p = insert_passage_;
    p.Bind(1, doc_id);
    goal_id ? p.Bind(2, goal_id) : p.BindNull(2);
    p.Bind(3, std::string_view(kind)).BindOrNull(4, page).BindOrNull(5, line).Bind(6, text);
    if (Status s = p.Run(); !s.ok()) return s;
    return insert_fts_.Bind(1, db_->LastInsertId()).Bind(2, text).Run();
  };

  int64_t ordinal = 0;
  for (const json& g : doc["goals"]) {
    auto [page, line] = PageLine(g);
    Stmt& q = insert_goal_;
    q.Bind(1, doc_id).Bind(2, Str(g, "id")).BindOrNull(3, Str(g, "parent_id")).Bind(4, ++ordinal);
    q.BindOrNull(5, Str(g, "number")).Bind(6, Str(g, "title")).BindOrNull(7, Str(g, "description"));
    q.BindOrNull(8, Str(g, "owner")).Bind(9, g.value("policy_refs", json::array()).dump());
    q.Bind(10, g.value("sdgs", json::array()).dump()).BindOrNull(11, page).BindOrNull(12, line);
    if (Status s = q.Run(); !s.ok()) return s;
    int64_t goal_id = db_->LastInsertId();

    int64_t t_ordinal = 0;
    for (const json& t : g["targets"]) {
      auto [tpage, tline] = PageLine(t);
      const json& b = t["baseline"].is_object() ? t["baseline"] : empty;
      Stmt& r = insert_target_;
      r.Bind(1, doc_id).Bind(2, goal_id).Bind(3, ++t_ordinal).Bind(4, Str(t, "text"));
      r.BindOrNull(5, Str(t, "metric")).Bind(6, Num(t, "value")).BindOrNull(7, Str(t, "unit"));
      r.BindOrNull(8, Str(t, "comparison"))
          .Bind(9, static_cast<int64_t>(t.value("maintain", false)));
      r.BindOrNull(10, Str(t, "due")).Bind(11, Num(b, "value")).BindOrNull(12, Str(b, "unit"));
      r.BindOrNull(13, Str(b, "date")).BindOrNull(14, Int(b, "fiscal_year"));
      r.BindOrNull(15, tpage).BindOrNull(16, tline).BindOrNull(17, Int(t, "fiscal_year"));
      r.BindOrNull(18, Str(t, "indicator"));
      if (Status s = r.Run(); !s.ok()) return s;
    }
    for (const json& i : g.value("indicators", json::array())) {
      auto [ipage, iline] = PageLine(i);
      const json& a = i["achievement"].is_object() ? i["achievement"] : empty;
      Stmt& r = insert_indicator_;
      r.Bind(1, doc_id).Bind(2, goal_id).Bind(3, Str(i, "id")).Bind(4, Str(i, "name"));
      r.BindOrNull(5, Str(i, "kind"))
          .BindOrNull(6, Str(i, "unit"))
          .BindOrNull(7, Str(i, "direction"));
      r.Bind(8, Num(a, "value")).BindOrNull(9, Int(a, "fiscal_year"));
      r.BindOrNull(10, ipage).BindOrNull(11, iline);
      if (Status s = r.Run(); !s.ok()) return s;
    }
    int64_t a_ordinal = 0;
    for (const json& a : g.value("actuals", json::array())) {
      auto [apage, aline] = PageLine(a);
      Stmt& r = insert_actual_;
      r.Bind(1, doc_id).Bind(2, goal_id).Bind(3, ++a_ordinal).Bind(4, Str(a, "text"));
      r.BindOrNull(5, Str(a, "metric")).Bind(6, Num(a, "value")).BindOrNull(7, Str(a, "unit"));
      r.BindOrNull(8, Int(a, "fiscal_year")).BindOrNull(9, Str(a, "date"));
      r.BindOrNull(10, Str(a, "indicator")).BindOrNull(11, apage).BindOrNull(12, aline);
      if (Status s = r.Run(); !s.ok()) return s;
    }
    if (const json& rating = g["rating"]; rating.is_object()) {
      Stmt& r = insert_rating_;
      r.Bind(1, goal_id)
          .Bind(2, doc_id)
          .Bind(3, Str(rating, "label"))
          .Bind(4, Str(rating, "scale"));
      r.Bind(5, Int(rating, "level")).Bind(6, Int(rating, "levels"));
      if (Status s = r.Run(); !s.ok()) return s;
    }
    std::string text = Str(g, "title");
    if (std::string description = Str(g, "description"); !description.empty()) {
      text += "\n" + description;
    }
    if (Status s = add_passage(goal_id, "goal", page, line, text); !s.ok()) return s;
  }
  for (const json& dt : doc["dates"]) {
    auto [page, line] = PageLine(dt);
    Stmt& r = insert_date_;
    r.Bind(1, doc_id).Bind(2, Str(dt, "text")).BindOrNull(3, Str(dt, "date"));
    r.BindOrNull(4, Int(dt, "fiscal_year"))
        .Bind(5, Str(dt, "kind"))
        .BindOrNull(6, Str(dt, "start"));
    r.BindOrNull(7, Str(dt, "end")).BindOrNull(8, page).BindOrNull(9, line);
    if (Status s = r.Run(); !s.ok()) return s;
  }
  for (const Passage& p : result.body) {
    if (Status s = add_passage(0, "body", p.page, p.line, p.text); !s.ok()) return s;
  }
  return delete_failure_.Bind(1, path).Run();
}

Status ArchiveWriter::RecordFailure(const std::string& path, const std::string& sha256,
                                    const Status& error) {
  if (Status s = OpenBatch(); !s.ok()) return s;
  Stmt& f = upsert_failure_;
  f.Bind(1, PrintablePath(path))
      .BindOrNull(2, sha256)
      .Bind(3, std::string_view(StatusCodeName(error.code())));
  f.Bind(4, error.message()).Bind(5, rules_version_).Bind(6, NowUtc()).Bind(7, run_id_);
  return f.Run();
}

}  // namespace gyosei::archive
