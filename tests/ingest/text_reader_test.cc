// Text ingest: encodings, markup kinds, structure and locations.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "ingest/ingest.h"
#include "ingest/markup.h"

using namespace gyosei;

namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// All lines of a document, each as "kind|text" (table cells as "cell T.R.C|text").
std::vector<std::string> Outline(const Document& doc) {
  std::vector<std::string> out;
  for (const Page& page : doc.pages) {
    for (const Block& b : page.blocks) {
      std::string kind = BlockKindName(b.kind);
      if (b.kind == BlockKind::kTableCell) {
        kind = "cell " + std::to_string(b.table) + "." + std::to_string(b.row) + "." +
               std::to_string(b.column);
      } else if (b.kind != BlockKind::kParagraph) {
        kind += std::to_string(b.level);
      }
      for (const Line& l : b.lines) out.push_back(kind + "|" + l.text);
    }
  }
  return out;
}

Document MustRead(std::string_view text, const std::string& path = "t.txt") {
  auto doc = ReadTextDocument(text, path);
  INFO(doc.status().message());
  REQUIRE(doc.ok());
  return std::move(doc).value();
}

}  // namespace

TEST_CASE("every encoding of the fixture decodes to the same UTF-8 text") {
  const std::string expected = Slurp("tests/ingest/data/encoding.utf8.txt");
  REQUIRE(!expected.empty());
  struct Case {
    const char* file;
    const char* encoding;
  };
  const Case cases[] = {
      {"encoding.utf8.txt", "UTF-8"},
      {"encoding.utf8bom.txt", "UTF-8"},
      {"encoding.utf16le.txt", "UTF-16LE"},
      {"encoding.utf16be.txt", "UTF-16BE"},
      {"encoding.sjis.txt", "Shift_JIS"},
      {"encoding.eucjp.txt", "EUC-JP"},
      {"encoding.iso2022jp.txt", "ISO-2022-JP"},
  };
  for (const Case& c : cases) {
    INFO(c.file);
    auto doc = IngestFile(std::string("tests/ingest/data/") + c.file);
    REQUIRE(doc.ok());
    CHECK(doc->encoding == c.encoding);
    CHECK(doc->warnings.empty());
    REQUIRE(doc->pages.size() == 1);
    REQUIRE(!doc->pages[0].blocks.empty());
    std::string joined;
    for (const Block& b : doc->pages[0].blocks)
      for (const Line& l : b.lines) joined += l.text + "\n";
    CHECK(joined == expected);
  }
}

TEST_CASE("broken bytes are replaced and reported, not fatal") {
  auto sjis = IngestFile("tests/ingest/data/encoding.sjis-broken.txt");
  REQUIRE(sjis.ok());
  CHECK(sjis->encoding == "Shift_JIS");
  REQUIRE(sjis->warnings.size() == 1);
  CHECK(sjis->warnings[0].code == "invalid_bytes");
  CHECK(sjis->warnings[0].message.find("tests/ingest/data/encoding.sjis-broken.txt") == 0);

  auto utf8 = IngestFile("tests/ingest/data/encoding.utf8-broken.txt");
  REQUIRE(utf8.ok());
  CHECK(utf8->encoding == "UTF-8");
  REQUIRE(utf8->warnings.size() == 1);
  // The fixture cuts 芳 after its lead byte (1), then inserts C3 28 FF (2 bad: C3 lacks its
  // continuation, FF never occurs), then 芳's two orphaned continuation bytes (2).
  CHECK(utf8->warnings[0].message ==
        "tests/ingest/data/encoding.utf8-broken.txt: 5 byte sequence(s) are not valid UTF-8 and "
        "were replaced by U+FFFD");
}

TEST_CASE("inputs that are not documents give errors naming the file") {
  struct Case {
    std::string bytes;
    std::string path;
    StatusCode code;
    std::string message_start;
  };
  const Case cases[] = {
      {"", "empty.txt", StatusCode::kNoText, "empty.txt: the file is empty"},
      {"  \n\n \t\n", "blank.txt", StatusCode::kNoText, "blank.txt: the file is empty"},
      {std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "[Content_Types].xml", "book.pdf",
       StatusCode::kUnsupported, "book.pdf: not a PDF or text file: it is a zip archive"},
      {std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", 10), "old.pdf",
       StatusCode::kUnsupported, "old.pdf: not a PDF or text file: it is an old Office file"},
      {"just some text", "fake.pdf", StatusCode::kDamaged, "fake.pdf: not a PDF"},
      {std::string("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11 junk", 17), "junk.txt",
       StatusCode::kUnsupported, "junk.txt: binary data"},
  };
  for (const Case& c : cases) {
    INFO(c.path);
    auto doc = IngestBytes(c.bytes, c.path);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().code() == c.code);
    CHECK(doc.status().message().rfind(c.message_start, 0) == 0);
  }
  auto missing = IngestFile("no/such/file.txt");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(missing.status().message() == "no/such/file.txt: cannot open (No such file or directory)");
  auto dir = IngestFile("tests");
  CHECK(dir.status().message() == "tests: is a directory");
}

TEST_CASE("markdown headings, bullets with continuation lines, paragraphs") {
  Document doc = MustRead(
      "\n# 令和3年度 総務部の運営方針\n\n総務部長\n\n大石 芳正\n\n## 基本方針\n\n"
      "- 高い意欲と能力を持った職員の育成と組織力の強化  \n"
      " 昨年度策定した定員管理計画に基づき、  \n"
      "- タイムリーで効果的な情報発信  \n"
      "　第５次総合計画後期基\n本計画及び\n");
  CHECK(Outline(doc) == std::vector<std::string>{
                            "heading1|令和3年度 総務部の運営方針",
                            "paragraph|総務部長",
                            "paragraph|大石 芳正",
                            "heading2|基本方針",
                            "list_item0|高い意欲と能力を持った職員の育成と組織力の強化",
                            "list_item0|昨年度策定した定員管理計画に基づき、",
                            "list_item0|タイムリーで効果的な情報発信",
                            "paragraph|　第５次総合計画後期基",
                            "paragraph|本計画及び",
                        });
  // Locations: 1-based source lines, no page for text.
  const Block& heading = doc.pages[0].blocks[0];
  CHECK(heading.lines[0].loc == SourceLoc{0, 2, 2});
  const Block& list = doc.pages[0].blocks[4];
  CHECK(list.lines[1].loc.line == 11);
  CHECK(doc.pages[0].blocks.back().lines[1].loc.line == 14);
}

TEST_CASE("tab-separated rows become table cells; <p> inside a cell splits lines") {
  Document doc = MustRead(
      "1 定員管理計画の推進 (総務課)\t\t8 働きがいも経済成長も\t11 住み続けられるまちづくりを\t\t\n"
      "現状・課題\t<p>社会情勢の変化&gt;多様化</p> "
      "<p>職員数は318人</p>\t\t\t達成目標\t<p>①318人とします。</p>\n"
      "\n"
      "取組内容\t<p>デジタル化の推進</p>\t\t\t\t\n"
      "\n※ 変更しています\n");
  CHECK(Outline(doc) == std::vector<std::string>{
                            "cell 0.0.0|1 定員管理計画の推進 (総務課)",
                            "cell 0.0.2|8 働きがいも経済成長も",
                            "cell 0.0.3|11 住み続けられるまちづくりを",
                            "cell 0.1.0|現状・課題",
                            "cell 0.1.1|社会情勢の変化>多様化",
                            "cell 0.1.1|職員数は318人",
                            "cell 0.1.4|達成目標",
                            "cell 0.1.5|①318人とします。",
                            "cell 0.2.0|取組内容",
                            "cell 0.2.1|デジタル化の推進",
                            "paragraph|※ 変更しています",
                        });
}

TEST_CASE("HTML fragments in a text dump: lists, <b>, entities, ・ bullets run together") {
  Document doc = MustRead(
      "2. 部の抱える課題(現状)\n\n"
      "<ul style=\"list-style-type: none\"> ・市政運営の根幹となる計画の策定年度である。 "
      "・合理的で夢のある新規大型施設の計画決定 </ul>\n--\n"
      "<p>◇ 戦略的思考を持って取り組む！</p> <p>◇ <b>鷹の目</b>(マクロ) &amp; 蟻の目</p>\n");
  CHECK(Outline(doc) == std::vector<std::string>{
                            "paragraph|2. 部の抱える課題(現状)",
                            "paragraph|・市政運営の根幹となる計画の策定年度である。",
                            "paragraph|・合理的で夢のある新規大型施設の計画決定",
                            "paragraph|◇ 戦略的思考を持って取り組む！",
                            "paragraph|◇ 鷹の目(マクロ) & 蟻の目",
                        });
}

TEST_CASE("markdown pipe tables") {
  Document doc = MustRead("| 部局名 | 総務部 |\n|---|---|\n| 氏 名 | 月井 敦子 |\n");
  CHECK(Outline(doc) == std::vector<std::string>{"cell 0.0.0|部局名", "cell 0.0.1|総務部",
                                                 "cell 0.1.0|氏 名", "cell 0.1.1|月井 敦子"});
}

TEST_CASE("HTML documents are parsed by their tags") {
  Document doc = MustRead(
      "<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>\n"
      "<h2>令和6年度 部局マニフェスト</h2>\n<p>市民の市政参画の<br>創出</p>\n"
      "<ul><li>広報</li><li>広聴<ul><li>アンケート</li></ul></li></ul>\n"
      "<table><tr><th>部局名</th><td>総務部</td></tr><tr><td>部長</td><td>月井&nbsp;敦子</td></"
      "tr></table>"
      "</body></html>",
      "page.html");
  CHECK(doc.format == SourceFormat::kHtml);
  CHECK(Outline(doc) == std::vector<std::string>{
                            "heading2|令和6年度 部局マニフェスト",
                            "paragraph|市民の市政参画の",
                            "paragraph|創出",
                            "list_item0|広報",
                            "list_item0|広聴",
                            "list_item1|アンケート",
                            "cell 0.0.0|部局名",
                            "cell 0.0.1|総務部",
                            "cell 0.1.0|部長",
                            "cell 0.1.1|月井 敦子",
                        });
  CHECK(doc.pages[0].blocks[0].lines[0].loc.line == 2);
}

TEST_CASE("CSV with quoted fields and TSV") {
  Document csv = MustRead("項目,目標値\n\"職員数,定員\",318人\n\"複数\n行\",\"a\"\"b\"\n", "t.csv");
  CHECK(Outline(csv) == std::vector<std::string>{"cell 0.0.0|項目", "cell 0.0.1|目標値",
                                                 "cell 0.1.0|職員数,定員", "cell 0.1.1|318人",
                                                 "cell 0.2.0|複数\n行", "cell 0.2.1|a\"b"});
  Document tsv = MustRead("項目\t目標値\n職員数\t318人\n", "t.tsv");
  CHECK(Outline(tsv) == std::vector<std::string>{"cell 0.0.0|項目", "cell 0.0.1|目標値",
                                                 "cell 0.1.0|職員数", "cell 0.1.1|318人"});
}

TEST_CASE("a text file that mentions %PDF- is still text") {
  // Found by the archive tests: tests/malformed/README.md was rejected as a damaged PDF.
  auto doc =
      IngestBytes("# malformed PDFs\n\nEach file starts with %PDF-1.4 but ...\n", "README.md");
  REQUIRE(doc.ok());
  CHECK(doc->format == SourceFormat::kText);
  auto pdf = IngestBytes("junk\n%PDF-1.4\n", "x.pdf");
  CHECK(pdf.status().code() != StatusCode::kUnsupported);  // read as a PDF (and found damaged)
}

TEST_CASE("entities decode; unknown ones stay") {
  CHECK(ingest::DecodeEntities("a&gt;b&lt;c&amp;d&#12354;&#x3042;&unknown;&") ==
        "a>b<c&dああ&unknown;&");
}

TEST_CASE("sha256 of the input bytes") {
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// Issue 13: Japanese UTF-16 has NULs only in its ASCII characters, too few for the NUL rule
// ("binary data"); without a BOM it is told by what its code units are.
TEST_CASE("utf16le_without_bom: UTF-16 without a BOM is text, in either byte order") {
  const std::string expected = Slurp("tests/ingest/data/encoding.utf8.txt");
  for (const char* file : {"encoding.utf16le.txt", "encoding.utf16be.txt"}) {
    INFO(file);
    std::string bytes = Slurp(std::string("tests/ingest/data/") + file);
    REQUIRE((bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")));
    auto doc = IngestBytes(bytes.substr(2), "no-bom.txt");
    REQUIRE(doc.ok());
    CHECK(doc->encoding == (bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE"));
    std::string joined;
    for (const Block& b : doc->pages[0].blocks)
      for (const Line& l : b.lines) joined += l.text + "\n";
    CHECK(joined == expected);
  }
  // No ASCII at all (no NUL byte): 行政評価の結果について。 in UTF-16LE.
  const std::string kanji(
      "\x4C\x88\x3F\x65\x55\x8A\xA1\x4F\x6E\x30\x50\x7D\x9C\x67\x6B\x30\x64\x30\x44\x30\x66\x30"
      "\x02\x30",
      24);
  auto doc = IngestBytes(kanji, "kanji.txt");
  REQUIRE(doc.ok());
  CHECK(doc->encoding == "UTF-16LE");
  CHECK(doc->pages[0].blocks[0].lines[0].text == "行政評価の結果について。");
  // Shift_JIS and EUC-JP are not mistaken for it.
  CHECK(IngestFile("tests/ingest/data/encoding.sjis.txt")->encoding == "Shift_JIS");
  CHECK(IngestFile("tests/ingest/data/encoding.eucjp.txt")->encoding == "EUC-JP");
}

TEST_CASE("fifo_not_read: a FIFO is refused at once, not read until it ends") {
  std::string fifo = "/tmp/gyosei-ingest-fifo-" + std::to_string(getpid()) + ".txt";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  auto doc = IngestFile(fifo);
  unlink(fifo.c_str());
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.status().code() == StatusCode::kUnsupported);
  CHECK(doc.status().message() == fifo + ": a FIFO (named pipe), not a document file; not read");
}

// A document's tables as "source RxC: row.column+rowspan+colspan=text ..." (lines joined by '|').
std::vector<std::string> TableGrids(const Document& doc) {
  std::vector<std::string> out;
  for (const Table& t : doc.tables) {
    std::string s = std::string(TableSourceName(t.source)) + " " + std::to_string(t.rows) + "x" +
                    std::to_string(t.columns) + ":";
    for (const TableCell& c : t.cells) {
      s += " " + std::to_string(c.row) + "." + std::to_string(c.column) + "+" +
           std::to_string(c.row_span) + "+" + std::to_string(c.column_span) + "=";
      for (size_t i = 0; i < c.lines.size(); ++i) s += (i ? "|" : "") + c.lines[i].text;
    }
    out.push_back(s);
  }
  return out;
}

TEST_CASE("text tables: markdown pipe rows and tab-separated rows become Tables") {
  auto doc = ReadTextDocument(
      "# 進捗\n\n| 指標 | 目標 | 実績 |\n|---|---|---|\n| 相談件数 | 120 | 98 |\n\n本文です。\n\n"
      "年度\t目標\t実績\nR5\t10\t\n",
      "plan.md");
  REQUIRE(doc.ok());
  CHECK(TableGrids(*doc) ==
        std::vector<std::string>{
            "markdown 2x3: 0.0+1+1=指標 0.1+1+1=目標 0.2+1+1=実績 1.0+1+1=相談件数 1.1+1+1=120 "
            "1.2+1+1=98",
            "delimited 2x3: 0.0+1+1=年度 0.1+1+1=目標 0.2+1+1=実績 1.0+1+1=R5 1.1+1+1=10"});
  // The cells' lines are the blocks' lines: same text, same place in the source.
  const TableCell& cell = doc->tables[0].cells[3];
  CHECK(cell.lines.at(0).loc.line == 5);
  CHECK(cell.lines.at(0).loc.column == 2);
  CHECK(doc->tables[0].first_page == 0);
}

TEST_CASE("text tables: HTML rowspan and colspan place cells on the grid") {
  auto doc = ReadTextDocument(
      "<html><body><table border=1>\n"
      "<tr><th rowspan=\"2\">指標</th><th colspan=2>令和5年度</th><th rowspan=2>備考</th></tr>\n"
      "<tr><th>目標</th><th>実績</th></tr>\n"
      "<tr><td>件数</td><td>10</td><td>12</td><td><p>増加</p><p>見込み</p></td></tr>\n"
      "</table></body></html>\n",
      "sheet.html");
  REQUIRE(doc.ok());
  CHECK(TableGrids(*doc) ==
        std::vector<std::string>{
            "html 3x4: 0.0+2+1=指標 0.1+1+2=令和5年度 0.3+2+1=備考 1.1+1+1=目標 1.2+1+1=実績 "
            "2.0+1+1=件数 2.1+1+1=10 2.2+1+1=12 2.3+1+1=増加|見込み"});
}

TEST_CASE("text tables: a CSV file is one delimited table, quoted newlines in a cell") {
  auto doc = ReadTextDocument("指標,目標\n\"相談\n件数\",120\n", "kpi.csv");
  REQUIRE(doc.ok());
  CHECK(TableGrids(*doc) ==
        std::vector<std::string>{"delimited 2x2: 0.0+1+1=指標 0.1+1+1=目標 1.0+1+1=相談\n件数 "
                                 "1.1+1+1=120"});
}
