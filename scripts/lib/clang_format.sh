# Sourced by check-format.sh and format.sh: sets $clang_format, or exits 2 when there is none.
# .clang-format is tuned for clang-format 14 (Debian 12); another version lays out some code
# differently, so a file formatted by one can fail the check of another.
clang_format=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$clang_format" ]; then
  echo "$(basename "$0"): clang-format-14 not found (Debian: apt-get install clang-format-14)" >&2
  exit 2
fi
if ! "$clang_format" --version | grep -q 'version 14\.'; then
  echo "$(basename "$0"): warning: $("$clang_format" --version) is not clang-format 14" >&2
fi
# The C++ files of the tree: tracked ones and new ones not yet added, but nothing .gitignore
# leaves out, so build trees never count.
cpp_files() {
  git ls-files -z --cached --others --exclude-standard -- 'src/*.cpp' 'src/*.h' 'src/*.cc' 'tests/*.cpp' 'tests/*.h' 'tests/*.cc' \
    'bench/*.cpp' 'bench/*.h' 'bench/*.cc' 'tools/*.cpp' 'tools/*.h' 'tools/*.cc'
}
