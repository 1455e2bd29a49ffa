// serve/html: the escaping every document string goes through before it is part of a page.
#include "serve/html.h"

#include <catch2/catch.hpp>

namespace gyosei::serve {
namespace {

TEST_CASE("Escape: markup, both quotes and & become references; Japanese passes unchanged") {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"},
      {"\"働き方\"改革 & DX", "&quot;働き方&quot;改革 &amp; DX"},
      {"<img src=x onerror=\"a()\">", "&lt;img src=x onerror=&quot;a()&quot;&gt;"},
      {"../../etc/passwd", "../../etc/passwd"},
      {"令和3年度 部局運営方針", "令和3年度 部局運営方針"},
      {"", ""},
  };
  for (const Case& c : cases) CHECK(Escape(c.in) == c.out);
}

TEST_CASE("EscapeWithMarks: the search marks become <mark> only after the text is escaped") {
  CHECK(EscapeWithMarks("2024年の\x02働き方改革\x03関連法", '\x02', '\x03') ==
        "2024年の<mark>働き方改革</mark>関連法");
  CHECK(EscapeWithMarks("<b>\x02市\x03</b>", '\x02', '\x03') ==
        "&lt;b&gt;<mark>市</mark>&lt;/b&gt;");
}

TEST_CASE("UrlEncode and QueryString: UTF-8 bytes percent-encoded, empty values left out") {
  CHECK(UrlEncode("市") == "%E5%B8%82");
  CHECK(UrlEncode("a b&c=d/\"") == "a%20b%26c%3Dd%2F%22");
  CHECK(UrlEncode("A-z_0.9~") == "A-z_0.9~");
  CHECK(QueryString({{"metric", "職員数"}, {"municipality", ""}}) ==
        "?metric=%E8%81%B7%E5%93%A1%E6%95%B0");
  CHECK(QueryString({{"q", "x"}, {"type", "reform_plan"}}) == "?q=x&amp;type=reform_plan");
  CHECK(QueryString({}) == "");
}

TEST_CASE("Page: the title escaped, scripts only from /static/, no inline script") {
  std::string page = Page("<x>", "<p>body</p>", {"chart-page.js"});
  CHECK(page.find("<title>&lt;x&gt; — gyosei</title>") != std::string::npos);
  CHECK(page.find("<script src=\"/static/chart-page.js\"></script>") != std::string::npos);
  CHECK(page.find("<script>") == std::string::npos);
}

}  // namespace
}  // namespace gyosei::serve
