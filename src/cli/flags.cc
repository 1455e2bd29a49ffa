#include "cli/flags.h"

#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace gyosei::cli {

std::string ParsedArgs::Get(std::string_view name, std::string fallback) const {
  auto it = flags.find(name);
  return it == flags.end() ? fallback : it->second;
}

std::vector<std::string> ParsedArgs::GetAll(std::string_view name) const {
  std::vector<std::string> values;
  auto it = flags.find(name);
  if (it == flags.end()) return values;
  std::istringstream in(it->second);
  for (std::string v; std::getline(in, v);) values.push_back(v);
  return values;
}

static const FlagSpec* FindFlag(const CommandSpec& command, std::string_view name) {
  for (const FlagSpec& f : command.flags)
    if (name == f.name) return &f;
  return nullptr;
}

Expected<ParsedArgs> ParseArgs(const CommandSpec& command, std::span<char* const> argv) {
  ParsedArgs args;
  bool only_positional = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    std::string_view arg = argv[i];
    if (only_positional || arg == "-" || !arg.starts_with("--")) {
      args.positional.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positional = true;
      continue;
    }
    std::string name(arg), value;
    bool has_inline_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
      has_inline_value = true;
    }
    const FlagSpec* spec = FindFlag(command, name);
    if (spec == nullptr) {
      return Status(StatusCode::kInvalidArgument,
                    "gyosei " + std::string(command.name) + ": unknown flag " + name);
    }
    if (spec->value_name == nullptr) {
      if (has_inline_value) {
        return Status(StatusCode::kInvalidArgument, name + " takes no value");
      }
      args.flags[name] = "1";
      continue;
    }
    if (!has_inline_value) {
      if (i + 1 >= argv.size()) {
        return Status(StatusCode::kInvalidArgument,
                      name + " needs a value (" + spec->value_name + ")");
      }
      value = argv[++i];
    }
    auto [it, inserted] = args.flags.try_emplace(name, value);
    if (!inserted) {
      if (!spec->repeatable) {
        return Status(StatusCode::kInvalidArgument, name + " given twice");
      }
      it->second += "\n" + value;
    }
  }
  return args;
}

std::vector<std::string> ArgvOf(const CommandSpec& command, const ParsedArgs& args) {
  std::vector<std::string> argv;
  for (const FlagSpec& f : command.flags) {
    if (!args.Has(f.name)) continue;
    if (f.value_name == nullptr) {
      argv.emplace_back(f.name);
      continue;
    }
    for (const std::string& v :
         f.repeatable ? args.GetAll(f.name) : std::vector<std::string>{args.Get(f.name)})
      argv.push_back(std::string(f.name) + "=" + v);
  }
  if (!args.positional.empty()) {
    argv.emplace_back("--");
    argv.insert(argv.end(), args.positional.begin(), args.positional.end());
  }
  return argv;
}

int RunCommand(const CommandSpec& command, std::span<char* const> argv) {
  for (char* a : argv) {
    if (std::strcmp(a, "--help") == 0 || std::strcmp(a, "-h") == 0) {
      std::cout << HelpText(command);
      return kExitOk;
    }
  }
  auto args = ParseArgs(command, argv);
  if (!args) {
    std::cerr << args.status().message() << "\n\n" << HelpText(command);
    return kExitUsage;
  }
  return command.run(*args);
}

std::string HelpText(const CommandSpec& command) {
  std::string out = "usage: gyosei " + std::string(command.name) + " [flags] " + command.usage +
                    "\n\n" + command.summary + "\n";
  if (command.flags.empty()) return out;
  out += "\nflags:\n";
  for (const FlagSpec& f : command.flags) {
    std::string left = std::string("  ") + f.name;
    if (f.value_name != nullptr) left += std::string(" ") + f.value_name;
    if (left.size() < 26)
      left.resize(26, ' ');
    else
      left += "  ";
    out += left + f.help + "\n";
  }
  return out;
}

Expected<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(StatusCode::kNotFound, path + ": cannot open (" + std::strerror(errno) + ")");
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace gyosei::cli
