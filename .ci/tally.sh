# tally LOG STATUS adds the last "N passed, N failed" line of LOG, the
# output of a test run that exited with STATUS, to the variables passed and
# failed. A run that printed no such line, or that failed without counting
# a failure, counts as one failure. Sourced by .ci/run and the editors'
# test scripts.
tally() {
  local line p=0 f=0
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1 || true)
  if [[ -n $line ]]; then
    p=${line%% passed*}
    f=${line#*, }
    f=${f%% failed}
  fi
  if [[ -z $line || $2 -ne 0 ]] && ((f == 0)); then
    echo "FAIL $1: exit status $2, with no failure counted or no summary"
    f=1
  fi
  passed=$((passed + p))
  failed=$((failed + f))
}
