#include "archive/writer.h"

#include <nlohmann/json.hpp>
#include <span>

#include "core/printable_path.h"

namespace gyosei::archive {
namespace {

// Lists stored as JSON arrays (goals.policy_refs, goals.sdgs): ["7-1-1"], [8,11].
template <typename T>
std::string JsonArray(const std::vector<T>& items) {
  return nlohmann::json(items).dump();
}

// What a search finds an indicator by: its name and unit, then the lines its targets and
// actuals were read from (their year and value as printed: "合計(A) 23年度決算 438,724").
std::string IndicatorPassage(const Indicator& i, const Goal& g) {
  std::string text = i.name;
  if (!i.unit.empty()) text += "（" + i.unit + "）";
  for (const Target& t : g.targets)
    if (t.indicator == i.id) text += "\n" + t.text;
  for (const Actual& a : g.actuals)
    if (a.indicator == i.id) text += "\n" + a.text;
  return text;
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
      {&w.find_old_, "SELECT EXISTS(SELECT 1 FROM documents WHERE source_path = ?1)"},
      {&w.delete_fts_,
       "INSERT INTO passages_fts(passages_fts, rowid, text) SELECT 'delete', p.id, p.text "
       "FROM documents d JOIN passages p ON p.document_id = d.id WHERE d.source_path = ?1"},
      {&w.delete_doc_, "DELETE FROM documents WHERE source_path = ?1"},
      {&w.insert_doc_,
       "INSERT INTO documents(sha256, source_path, format, encoding, pages, municipality_code, "
       "municipality_name, prefecture, municipality_evidence, fiscal_year, department, "
       "document_type, document_label, title, author_title, author_name, period_start, "
       "period_end, goal_count, target_count, warning_count, rules_version, imported_at, run_id, "
       "json, part, part_count, first_page, last_page) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
       "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, "
       "?27, ?28, ?29)"},
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
       "INSERT INTO passages(document_id, goal_id, kind, page, line, text, indicator_id) "
       "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
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

Status ArchiveWriter::DeleteDocuments(const std::string& path) {
  // The FTS index is external-content: it must be told the old text before the rows go.
  if (Status s = delete_fts_.Bind(1, path).Run(); !s.ok()) return s;
  return delete_doc_.Bind(1, path).Run();
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

Expected<ArchiveWriter::Stored> ArchiveWriter::Store(const ExtractedDocument& document) {
  Stored stored;
  if (Status s = OpenBatch(); !s.ok()) return s;
  // No savepoint per document: FTS5 writes its pending index data out as a new segment at
  // every SAVEPOINT, which cost as much as the rest of the writer. An archive error (full
  // disk) rolls the whole batch back instead; the run stops and the next one redoes it.
  if (Status s = StoreRows(document, stored); !s.ok()) {
    in_batch_ = false;
    (void)db_->Exec("ROLLBACK");
    return s;
  }
  ++batch_documents_;
  return stored;
}

Status ArchiveWriter::StoreRows(const ExtractedDocument& document, Stored& stored) {
  std::string path = PrintablePath(document.path);
  // A document is its path (and, in a booklet, its sheet): the same bytes under another path
  // are another document. Every document of the path goes, so a file that was one document
  // and is now a booklet (or the reverse, or a booklet with fewer sheets) leaves none behind.
  find_old_.Bind(1, path);
  bool old = find_old_.Step() && find_old_.Int(0) != 0;
  if (Status s = find_old_.status(); !s.ok()) return s;
  find_old_.Reset();
  if (old) {
    stored.outcome = Outcome::kReplaced;
    if (Status s = DeleteDocuments(path); !s.ok()) return s;
  }
  // Typed, decoded once from the worker's JSON (pipeline/worker_pool.h): a field missing or
  // mistyped there failed the document before it got here, never a silent NULL in the archive.
  // The body passages come in page order; each sheet takes those on its pages.
  std::span<const Passage> body = document.body;
  for (size_t i = 0; i < document.extractions.size(); ++i) {
    const Extraction& doc = document.extractions[i];
    size_t taken = body.size();
    if (doc.part) {
      taken = 0;
      while (taken < body.size() && body[taken].page <= doc.part->last_page) ++taken;
    }
    if (Status s = StoreDocument(doc, path, document.json[i], body.first(taken), stored); !s.ok())
      return s;
    body = body.subspan(taken);
  }
  return delete_failure_.Bind(1, path).Run();
}

Status ArchiveWriter::StoreDocument(const Extraction& doc, const std::string& path,
                                    std::string_view json, std::span<const Passage> body,
                                    Stored& stored) {
  int64_t target_count = 0;
  for (const Goal& g : doc.goals) target_count += static_cast<int64_t>(g.targets.size());
  const Municipality no_municipality;
  const Municipality& m = doc.municipality ? *doc.municipality : no_municipality;
  const Author& author = doc.author ? *doc.author : Author{};
  const Period& period = doc.period ? *doc.period : Period{};
  // A sheet's pages are its own (so that summing documents' pages counts each page once).
  const int pages = doc.part ? doc.part->last_page - doc.part->first_page + 1 : doc.pages;
  stored.pages += pages;
  Stmt& d = insert_doc_;
  d.Bind(1, doc.sha256).Bind(2, path).Bind(3, doc.format).BindOrNull(4, doc.encoding);
  d.BindOrNull(5, int64_t{pages}).BindOrNull(6, m.code).BindOrNull(7, m.name);
  d.BindOrNull(8, m.prefecture).BindOrNull(9, m.evidence);
  d.BindOrNull(10, int64_t{doc.fiscal_year}).BindOrNull(11, doc.department);
  d.Bind(12, doc.document_type).BindOrNull(13, doc.document_label);
  d.BindOrNull(14, doc.title).BindOrNull(15, author.title).BindOrNull(16, author.name);
  d.BindOrNull(17, period.start).BindOrNull(18, period.end);
  d.Bind(19, static_cast<int64_t>(doc.goals.size())).Bind(20, target_count);
  d.Bind(21, static_cast<int64_t>(doc.warnings.size())).Bind(22, doc.rules_version);
  d.Bind(23, NowUtc()).Bind(24, run_id_).Bind(25, json);
  d.Bind(26, int64_t{doc.part ? doc.part->index : 0});
  if (doc.part) {
    d.Bind(27, int64_t{doc.part->count}).Bind(28, int64_t{doc.part->first_page});
    d.Bind(29, int64_t{doc.part->last_page});
  }
  if (Status s = d.Run(); !s.ok()) return s;
  int64_t doc_id = db_->LastInsertId();

  auto add_passage = [&](int64_t goal_id, const char* kind, int64_t page, int64_t line,
                         const std::string& text, int64_t indicator_id = 0) {
    Stmt& p = insert_passage_;
    p.Bind(1, doc_id);
    goal_id ? p.Bind(2, goal_id) : p.BindNull(2);
    p.Bind(3, std::string_view(kind)).BindOrNull(4, page).BindOrNull(5, line).Bind(6, text);
    p.BindOrNull(7, indicator_id);
    if (Status s = p.Run(); !s.ok()) return s;
    return insert_fts_.Bind(1, db_->LastInsertId()).Bind(2, text).Run();
  };

  int64_t ordinal = 0;
  for (const Goal& g : doc.goals) {
    const int64_t page = g.loc.page, line = g.loc.line;
    Stmt& q = insert_goal_;
    q.Bind(1, doc_id).Bind(2, g.id).BindOrNull(3, g.parent_id).Bind(4, ++ordinal);
    q.BindOrNull(5, g.number).Bind(6, g.title).BindOrNull(7, g.description);
    q.BindOrNull(8, g.owner).Bind(9, JsonArray(g.policy_refs));
    q.Bind(10, JsonArray(g.sdgs)).BindOrNull(11, page).BindOrNull(12, line);
    if (Status s = q.Run(); !s.ok()) return s;
    int64_t goal_id = db_->LastInsertId();

    int64_t t_ordinal = 0;
    for (const Target& t : g.targets) {
      const TargetBaseline no_baseline;
      const TargetBaseline& b = t.baseline ? *t.baseline : no_baseline;
      Stmt& r = insert_target_;
      r.Bind(1, doc_id).Bind(2, goal_id).Bind(3, ++t_ordinal).Bind(4, t.text);
      r.BindOrNull(5, t.metric).Bind(6, t.value).BindOrNull(7, t.unit);
      r.BindOrNull(8, t.comparison).Bind(9, static_cast<int64_t>(t.maintain));
      r.BindOrNull(10, t.due);
      t.baseline ? r.Bind(11, b.value) : r.BindNull(11);
      r.BindOrNull(12, b.unit).BindOrNull(13, b.date).BindOrNull(14, int64_t{b.fiscal_year});
      r.BindOrNull(15, int64_t{t.loc.page}).BindOrNull(16, int64_t{t.loc.line});
      r.BindOrNull(17, int64_t{t.fiscal_year}).BindOrNull(18, t.indicator);
      if (Status s = r.Run(); !s.ok()) return s;
    }
    for (const Indicator& i : g.indicators) {
      Stmt& r = insert_indicator_;
      r.Bind(1, doc_id).Bind(2, goal_id).Bind(3, i.id).Bind(4, i.name);
      r.BindOrNull(5, i.kind).BindOrNull(6, i.unit).BindOrNull(7, i.direction);
      i.achievement ? r.Bind(8, i.achievement->value) : r.BindNull(8);
      r.BindOrNull(9, int64_t{i.achievement ? i.achievement->fiscal_year : 0});
      r.BindOrNull(10, int64_t{i.loc.page}).BindOrNull(11, int64_t{i.loc.line});
      if (Status s = r.Run(); !s.ok()) return s;
      if (Status s = add_passage(goal_id, "indicator", i.loc.page, i.loc.line,
                                 IndicatorPassage(i, g), db_->LastInsertId());
          !s.ok())
        return s;
    }
    int64_t a_ordinal = 0;
    for (const Actual& a : g.actuals) {
      Stmt& r = insert_actual_;
      r.Bind(1, doc_id).Bind(2, goal_id).Bind(3, ++a_ordinal).Bind(4, a.text);
      r.BindOrNull(5, a.metric).Bind(6, a.value).BindOrNull(7, a.unit);
      r.BindOrNull(8, int64_t{a.fiscal_year}).BindOrNull(9, a.date);
      r.BindOrNull(10, a.indicator).BindOrNull(11, int64_t{a.loc.page});
      r.BindOrNull(12, int64_t{a.loc.line});
      if (Status s = r.Run(); !s.ok()) return s;
    }
    if (g.rating) {
      Stmt& r = insert_rating_;
      r.Bind(1, goal_id).Bind(2, doc_id).Bind(3, g.rating->label).Bind(4, g.rating->scale);
      r.Bind(5, int64_t{g.rating->level}).Bind(6, int64_t{g.rating->levels});
      if (Status s = r.Run(); !s.ok()) return s;
    }
    std::string text = g.title;
    if (!g.description.empty()) text += "\n" + g.description;
    if (Status s = add_passage(goal_id, "goal", page, line, text); !s.ok()) return s;
  }
  for (const DateMention& dt : doc.dates) {
    Stmt& r = insert_date_;
    r.Bind(1, doc_id).Bind(2, dt.text).BindOrNull(3, dt.date);
    r.BindOrNull(4, int64_t{dt.fiscal_year}).Bind(5, dt.kind).BindOrNull(6, dt.start);
    r.BindOrNull(7, dt.end).BindOrNull(8, int64_t{dt.loc.page}).BindOrNull(9, int64_t{dt.loc.line});
    if (Status s = r.Run(); !s.ok()) return s;
  }
  for (const Passage& p : body) {
    if (Status s = add_passage(0, "body", p.page, p.line, p.text); !s.ok()) return s;
  }
  return Status::Ok();
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
