// fuzz_regressions: runs every fuzz target (built without libFuzzer, see fuzz_target.h) on its
// seeds (tests/fuzz/seeds.txt) and on every file in tests/fuzz/regressions/<target>/, the
// inputs that once crashed it. Run from the repo root.
//   fuzz_regressions                   all targets, all inputs
//   fuzz_regressions TARGET FILE...    one target on the given files (triage of a new crash)
#include <glob.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>

#include "fuzz_target.h"

namespace {

using gyosei::fuzz::Target;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": cannot read\n";
    std::exit(1);
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const Target* FindTarget(std::string_view name) {
  for (const Target& t : gyosei::fuzz::Targets())
    if (name == t.name) return &t;
  return nullptr;
}

// Announced before running, so that a crash's output names the input.
int Run(const Target& t, const std::string& path, const std::string& prefix = "") {
  std::cerr << t.name << ": " << path << "\n";
  t.fn(prefix + ReadFile(path));
  return 1;
}

std::vector<std::string> Glob(const std::string& pattern) {
  std::vector<std::string> out;
  glob_t g{};
  if (glob(pattern.c_str(), 0, nullptr, &g) == 0)
    for (size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
  globfree(&g);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2) {
    const Target* t = FindTarget(argv[1]);
    if (t == nullptr) {
      std::cerr << "fuzz_regressions: no target " << argv[1] << "\n";
      return 2;
    }
    for (int i = 2; i < argc; ++i) Run(*t, argv[i]);
    return 0;
  }
  std::map<std::string, int> runs;
  std::ifstream seeds("tests/fuzz/seeds.txt");
  if (!seeds) {
    std::cerr << "fuzz_regressions: tests/fuzz/seeds.txt not found (run from the repo root)\n";
    return 1;
  }
  for (std::string line; std::getline(seeds, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name, prefix_hex;
    fields >> name >> prefix_hex;
    const Target* t = FindTarget(name);
    if (t == nullptr) {
      std::cerr << "tests/fuzz/seeds.txt: no target " << name << "\n";
      return 1;
    }
    std::string prefix;
    if (prefix_hex != "-") prefix += static_cast<char>(std::stoi(prefix_hex, nullptr, 16));
    for (std::string pattern; fields >> pattern;)
      for (const std::string& path : Glob(pattern)) runs[name] += Run(*t, path, prefix);
  }
  for (const Target& t : gyosei::fuzz::Targets()) {
    std::filesystem::path dir = std::filesystem::path("tests/fuzz/regressions") / t.name;
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.is_regular_file() && entry.path().filename() != "README.md")
        runs[t.name] += Run(t, entry.path().string());
  }
  // Every target ran on something: a glob that stopped matching would make this test vacuous.
  int status = 0;
  for (const Target& t : gyosei::fuzz::Targets()) {
    std::cout << t.name << ": " << runs[t.name] << " inputs\n";
    if (runs[t.name] == 0) {
      std::cerr << "fuzz_regressions: no input for target " << t.name << "\n";
      status = 1;
    }
  }
  return status;
}
