# Sourced by the scripts under scripts/ (not run alone): how they print and stop.
#   say TEXT...             one line on stdout
#   die TEXT...             "<script>: TEXT" on stderr, exit 1
#   usage_from_header [RC]  the script's leading comment block (from line 2 to the first
#                           line that is no comment) without the "# ", then exit RC (2)

say() { printf '%s\n' "$*"; }
die() { printf '%s: %s\n' "$(basename "$0" .sh)" "$*" >&2; exit 1; }
usage_from_header() {
  sed -n '2,/^[^#]/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit "${1:-2}"
}
