// `faultbox completion bash|zsh`: prints a shell completion script made at run time from the
// command tree this binary defines, so the script knows every command and option it has.
#include <algorithm>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/lab_connection.h"

namespace faultbox::cli {

namespace {

// Space-separated words per key. Keys are command paths ("faultbox templates create"); in
// `choices` also "<path> <option>" for an option's values.
using Words = std::map<std::string, std::string>;

struct CompletionTable {
  Words commands;       // the visible subcommands of a path
  Words options;        // its options (--long, -s)
  Words value_options;  // those of its options that take a value
  Words choices;        // the values a path's positional or an option takes, when CLI11 lists them
};

void append(std::string& words, const std::string& word) {
  words += (words.empty() ? "" : " ") + word;
}

// CLI11 writes an IsMember set into the type name: "TEXT:{text,json,aws-json}" gives
// "text json aws-json"; empty for a free value.
std::string choices_of(const CLI::Option& opt) {
  const std::string type = opt.get_type_name();
  const auto open = type.rfind('{');
  const auto close = type.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) {
    return "";
  }
  std::string list = type.substr(open + 1, close - open - 1);
  std::replace(list.begin(), list.end(), ',', ' ');
  return list;
}

void walk(const CLI::App& app, const std::string& path, CompletionTable& table) {
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) {
      continue;  // hidden from --help, so from completion too
    }
    if (!opt->nonpositional()) {
      if (auto values = choices_of(*opt); !values.empty()) {
        append(table.choices[path], values);
      }
      continue;
    }
    std::vector<std::string> names;
    for (const auto& n : opt->get_lnames()) {
      names.push_back("--" + n);
    }
    for (const auto& n : opt->get_snames()) {
      names.push_back("-" + n);
    }
    const bool takes_value = opt->get_items_expected_max() > 0;  // a flag expects 0 items
    for (const auto& name : names) {
      append(table.options[path], name);
      if (takes_value) {
        append(table.value_options[path], name);
        if (auto values = choices_of(*opt); !values.empty()) {
          table.choices[path + " " + name] = values;
        }
      }
    }
  }
  // Subcommands in group "" are hidden from --help (the lab's internal commands): not offered.
  for (const CLI::App* sub :
       app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    append(table.commands[path], sub->get_name());
    walk(*sub, path + " " + sub->get_name(), table);
  }
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

// The table as four associative arrays named _faultbox_<member>. bash 4.2+ declares them global
// (-g) because bash-completion sources the file inside a function; zsh's -g does the same for
// an autoloaded function's body.
void print_arrays(const CompletionTable& t, bool zsh, std::ostream& out) {
  const std::pair<const char*, const Words*> arrays[] = {{"commands", &t.commands},
                                                         {"options", &t.options},
                                                         {"value_options", &t.value_options},
                                                         {"choices", &t.choices}};
  for (const auto& [name, words] : arrays) {
    out << (zsh ? "typeset" : "declare") << " -gA _faultbox_" << name;
    out << (zsh ? std::string("\n_faultbox_") + name : std::string()) << "=(\n";
    for (const auto& [key, value] : *words) {
      // bash: ['key']='value'; zsh: 'key' 'value' pairs.
      out << "  " << (zsh ? quoted(key) + " " : "[" + quoted(key) + "]=") << quoted(value) << "\n";
    }
    out << ")\n";
  }
}

// Walks the words before the cursor down the command tree (skipping option values, also those
// bash splits off at '='), then offers: an option's listed values, or files; options after '-';
// else the subcommands, else a positional's listed values, else files.
constexpr const char* kBashFunction = R"(
_faultbox_has() { [[ " $1 " == *" $2 "* ]]; }

_faultbox() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmdpath=faultbox
  local word i skip=0
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ $word == "=" ]]; then skip=1; continue; fi
    if ((skip)); then skip=0; continue; fi
    if _faultbox_has "${_faultbox_value_options[$cmdpath]-}" "$word"; then
      skip=1
    elif _faultbox_has "${_faultbox_commands[$cmdpath]-}" "$word"; then
      cmdpath+=" $word"
    fi
  done
  if [[ $cur == "=" ]]; then
    cur=
  elif [[ $prev == "=" ]] && ((COMP_CWORD >= 2)); then
    prev=${COMP_WORDS[COMP_CWORD-2]}
  fi
  if _faultbox_has "${_faultbox_value_options[$cmdpath]-}" "$prev"; then
    # Empty when the option lists no values: complete -o default then offers files.
    COMPREPLY=($(compgen -W "${_faultbox_choices[$cmdpath $prev]-}" -- "$cur"))
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "${_faultbox_options[$cmdpath]-}" -- "$cur"))
  elif [[ -n ${_faultbox_commands[$cmdpath]-} ]]; then
    COMPREPLY=($(compgen -W "${_faultbox_commands[$cmdpath]}" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "${_faultbox_choices[$cmdpath]-}" -- "$cur"))
  fi
  return 0
}

complete -o default -F _faultbox faultbox
)";

// The same walk for zsh. Loaded from $fpath, the file's body is the function _faultbox's: it
// defines the real one and calls it; sourced, it registers it with compdef.
constexpr const char* kZshFunction = R"(
_faultbox() {
  local cur=${words[CURRENT]} option=${words[CURRENT-1]} cmdpath=faultbox word values
  local -i i skip=0
  for ((i = 2; i < CURRENT; i++)); do
    word=${words[i]}
    if ((skip)); then skip=0; continue; fi
    if [[ " ${_faultbox_value_options[$cmdpath]} " == *" $word "* ]]; then
      skip=1
    elif [[ " ${_faultbox_commands[$cmdpath]} " == *" $word "* ]]; then
      cmdpath+=" $word"
    fi
  done
  if [[ $cur == -*=* ]]; then
    option=${cur%%=*}
    compset -P '*='
  fi
  if [[ " ${_faultbox_value_options[$cmdpath]} " == *" $option "* ]]; then
    values=${_faultbox_choices[$cmdpath $option]}
    if [[ -n $values ]]; then compadd -- ${=values}; else _files; fi
  elif [[ $cur == -* ]]; then
    compadd -- ${=_faultbox_options[$cmdpath]}
  elif [[ -n ${_faultbox_commands[$cmdpath]} ]]; then
    compadd -- ${=_faultbox_commands[$cmdpath]}
  elif [[ -n ${_faultbox_choices[$cmdpath]} ]]; then
    compadd -- ${=_faultbox_choices[$cmdpath]}
  else
    _files
  fi
}

if [[ ${funcstack[1]-} == _faultbox ]]; then
  _faultbox "$@"
elif (( $+functions[compdef] )); then
  compdef _faultbox faultbox
else
  print -u2 "faultbox completion: compdef not found; run 'autoload -U compinit && compinit' first"
fi
)";

// Printed before the examples (CLI11 prints a footer callback's text, then the footer).
constexpr const char* kInstall =
    "Install it once:\n"
    "  bash: faultbox completion bash > ~/.local/share/bash-completion/completions/faultbox\n"
    "        (or, as root, /etc/bash_completion.d/faultbox), read by bash-completion\n"
    "  zsh:  faultbox completion zsh > ~/.zfunc/_faultbox, with fpath=(~/.zfunc $fpath) before\n"
    "        compinit in ~/.zshrc (any directory on $fpath will do, the file named _faultbox)\n"
    "  or for this shell only: source <(faultbox completion bash) (or zsh)\n";

}  // namespace

void add_completion_command(CLI::App& app, GlobalOptions&) {
  auto shell = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "completion",
      "Print a completion script for bash or zsh: commands and options at every depth, an "
      "option's values where faultbox lists them, files elsewhere");
  cmd->footer([] { return std::string(kInstall); });
  cmd->add_option("shell", *shell, "bash or zsh")->type_name("{bash,zsh}")->required();
  set_examples(
      cmd, {"faultbox completion bash > ~/.local/share/bash-completion/completions/faultbox",
            "faultbox completion zsh > ~/.zfunc/_faultbox", "source <(faultbox completion zsh)"});
  cmd->callback([&app, shell] {
    if (*shell != "bash" && *shell != "zsh") {
      std::cerr << "error: unknown shell \"" << *shell
                << "\": faultbox completion writes scripts for bash and zsh\n";
      throw CommandFailed{2};
    }
    CompletionTable table;
    walk(app, "faultbox", table);
    if (*shell == "bash") {
      std::cout << "# bash completion for faultbox, made by `faultbox completion bash`.\n";
      print_arrays(table, false, std::cout);
      std::cout << kBashFunction;
    } else {
      std::cout << "#compdef faultbox\n# zsh completion for faultbox, made by `faultbox "
                   "completion zsh`.\n";
      print_arrays(table, true, std::cout);
      std::cout << kZshFunction;
    }
  });
}

}  // namespace faultbox::cli
