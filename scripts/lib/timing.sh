# Phase timing for the top-level scripts: `phase NAME command...` runs it and prints how long it took.
phase() {
  local name=$1
  shift
  local start=$SECONDS
  echo "==> $name"
  "$@"
  echo "==> $name took $((SECONDS - start)) s"
}
