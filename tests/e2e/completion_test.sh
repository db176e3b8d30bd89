#!/usr/bin/env bash
# `faultbox completion bash|zsh`: each script, run by a real bash and a real zsh, completes
# commands, subcommands, options and option values (files where faultbox lists none); every
# command's --help ends with examples whose commands and options completion offers. No lab.
source "$(dirname "$0")/lib.sh"

command -v zsh >/dev/null || fail "zsh is not installed (scripts/setup.sh installs it)"
"$FAULTBOX" completion bash >faultbox.bash
mkdir zfunc
"$FAULTBOX" completion zsh >zfunc/_faultbox  # named as on $fpath

rc=0
"$FAULTBOX" completion fish >/dev/null 2>fish.err || rc=$?
[ $rc -eq 2 ] || fail "completion fish exited $rc, expected 2"
expect_contains "$(cat fish.err)" 'unknown shell "fish"'

# What the bash script offers for the last word, one per line (nothing: bash offers files).
bash_complete() {
  bash --norc --noprofile -c '
    source ./faultbox.bash
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _faultbox faultbox "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    ((${#COMPREPLY[@]} == 0)) || printf "%s\n" "${COMPREPLY[@]}"' bash "$@"
}

# The same in zsh, with compadd and _files recording what they were given ("(files)").
zsh_complete() {
  zsh -f -c '
    compdef() { :; }
    compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@"; }
    _files() { print -r -- "(files)"; }
    compset() { :; }  # the real one takes "--output=" off the word
    source ./zfunc/_faultbox
    words=("$@")
    CURRENT=$#words
    _faultbox' zsh "$@"
}

# expect_offered SHELL "WORD..." CANDIDATE...: completing the words offers each candidate.
expect_offered() {
  local shell=$1 line=$2 offered c
  shift 2
  local words
  read -ra words <<<"$line"
  [[ $line == *" " ]] && words+=("")
  offered=$("${shell}_complete" "${words[@]}")
  for c in "$@"; do
    grep -qxF -- "$c" <<<"$offered" || fail "$shell: '$line<TAB>' does not offer $c: $offered"
  done
}
expect_not_offered() {
  local shell=$1 line=$2 offered words
  read -ra words <<<"$line"
  [[ $line == *" " ]] && words+=("")
  offered=$("${shell}_complete" "${words[@]}")
  ! grep -qxF -- "$3" <<<"$offered" || fail "$shell: '$line<TAB>' offers $3: $offered"
}

for shell in bash zsh; do
  expect_offered $shell "faultbox te" templates
  expect_offered $shell "faultbox " templates experiments apply completion
  for internal in instance-web instance-init image-tool lb-bench-proxy; do
    expect_not_offered $shell "faultbox " $internal
  done
  expect_offered $shell "faultbox templates " create get update delete list
  expect_offered $shell "faultbox experiments start --" --seed --watch --wait --help
  expect_not_offered $shell "faultbox experiments start --" --file
  expect_offered $shell "faultbox --output " text json aws-json
  expect_offered $shell "faultbox --data-dir /tmp/lab te" templates  # the option's value skipped
  expect_offered $shell "faultbox completion " bash zsh
  expect_offered $shell "faultbox workshop --step " 01 04 all
done
[ -z "$(bash_complete faultbox templates create --file "")" ] ||
  fail "bash offers words after --file: $(bash_complete faultbox templates create --file "")"
[ "$(zsh_complete faultbox templates create --file "")" = "(files)" ] ||
  fail "zsh offers no files after --file: $(zsh_complete faultbox templates create --file "")"
[ -z "$(bash_complete faultbox traffic "")" ] || fail "bash offers words for traffic's URL"
# --output=VALUE: bash splits the word at '=', zsh keeps it whole.
expect_offered bash "faultbox --output = j" json
expect_offered bash "faultbox --output =" text json
expect_offered zsh "faultbox --output=" text json
expect_not_offered zsh "faultbox --output=" --output
expect_contains "$(bash --norc -c 'source ./faultbox.bash; complete -p faultbox')" \
  "complete -o default -F _faultbox faultbox"
# bash-completion loads the file from inside a function: its tables must still be global.
expect_contains "$(bash --norc -c 'load() { source ./faultbox.bash; }; load
  COMP_WORDS=(faultbox templates ""); COMP_CWORD=2; _faultbox; echo "${COMPREPLY[*]}"')" "delete"

# zsh: sourced, the script registers itself with compdef; from $fpath, it completes at once.
expect_contains "$(zsh -f -c 'compdef() { print -r -- "compdef $*"; }; source ./zfunc/_faultbox')" \
  "compdef _faultbox faultbox"
from_fpath=$(zsh -f -c '
  compdef() { print -r -- "compdef called"; }
  compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@"; }
  fpath=("$PWD/zfunc" $fpath)
  autoload -Uz _faultbox
  words=(faultbox templates "")
  CURRENT=3
  _faultbox')
expect_contains "$from_fpath" delete
[[ $from_fpath != *"compdef called"* ]] || fail "zsh: the fpath file called compdef"

# Every command path the bash script knows, the top level included.
paths=$(bash --norc -c 'source ./faultbox.bash
  echo faultbox
  for k in "${!_faultbox_commands[@]}"; do
    for c in ${_faultbox_commands[$k]}; do echo "$k $c"; done
  done' | sort)
[ "$(wc -l <<<"$paths")" -ge 30 ] || fail "too few command paths: $paths"

# An example line is checked word by word against completion at that point: an option must be
# offered there, and a word where completion offers a list (commands, values) must be in it.
check_example() {
  local line=$1 words=() prefix=() w offered
  read -ra words <<<"$line"
  prefix=(faultbox)
  for w in "${words[@]:1}"; do
    case $w in '>' | '|' | '&&' | '#') break ;; esac
    if [[ $w == --* ]]; then
      offered=$(bash_complete "${prefix[@]}" "${w%%=*}")
      grep -qxF -- "${w%%=*}" <<<"$offered" || fail "example '$line': ${w%%=*} is no option there"
    else
      offered=$(bash_complete "${prefix[@]}" "")
      [ -z "$offered" ] || grep -qxF -- "$w" <<<"$offered" ||
        fail "example '$line': '$w' is not one of: $(echo $offered)"
    fi
    prefix+=("$w")
  done
}

examples=0
while read -r path; do
  help=$("$FAULTBOX" ${path#faultbox} --help) || fail "$path --help failed"
  expect_contains "$help" "Example"
  while read -r line; do
    check_example "$line"
    examples=$((examples + 1))
  done < <(sed -n '/^Examples*:$/,$p' <<<"$help" | sed -n 's/^  \(faultbox .*\)$/\1/p')
done <<<"$paths"
[ $examples -ge "$(wc -l <<<"$paths")" ] || fail "only $examples example lines"
echo "completion: ok ($(wc -l <<<"$paths") commands, $examples examples)"
