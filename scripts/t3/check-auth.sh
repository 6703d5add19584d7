# auth + auth_db (sourced by scripts/check-t3-modules.sh): www_authorize/www_challenge
# against a subscriber row. alice with her password: 401, then 200; bob with a wrong one:
# 401, then 401 again (www_authorize fails, the script challenges anew).
check_auth() {
  local c=auth dir="$WORK/auth"
  db_sql "DELETE FROM subscriber;
INSERT INTO subscriber (username, domain, password) VALUES ('alice', '$ADDR', 'alice-secret');
INSERT INTO subscriber (username, domain, password) VALUES ('bob', '$ADDR', 'bob-secret');"
  begin $c "signaling sl tm maxfwd sipmsgops auth auth_db" || return
  scenario "$SCEN/register-auth.xml" "$dir/register-200.xml" FINAL=200
  scenario "$SCEN/register-auth.xml" "$dir/register-401.xml" FINAL=401
  if sipp_run "$dir" alice -sf "$dir/register-200.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -key user alice \
      -au alice -ap alice-secret -m 3 -r 3 -timeout 15s -timeout_error; then
    result $c "www_authorize, right password" pass "3 REGISTERs: 401 with a digest challenge, then 200 ($(log_count $c 't3-check: authorized alice@.* for sip:alice@') 'authorized' log lines)"
  else
    result $c "www_authorize, right password" FAIL "$(first_error "$dir/alice") ($(sipp_counts "$dir/alice")); $(grep -m1 'ERROR' "$dir/server.log")"
  fi
  if sipp_run "$dir" bob -sf "$dir/register-401.xml" "$ADDR:5060" -i "$ADDR" -p 5062 -key user bob \
      -au bob -ap not-bobs -m 3 -r 3 -timeout 15s -timeout_error \
      && [ "$(log_count $c 't3-check: authorized bob@.* for sip:bob@')" = 0 ]; then
    result $c "www_authorize, wrong password" pass "3 REGISTERs: 401, then 401 again with credentials (www_authorize returned $(grep -o 'challenge for sip:bob[^ ]* (www_authorize returned -[0-9]*' "$dir/server.log" | tail -1 | sed 's/.*returned //'), 1.11's INVALID_PASSWORD)"
  else
    result $c "www_authorize, wrong password" FAIL "$(first_error "$dir/bob") ($(sipp_counts "$dir/bob")); authorized lines for bob: $(log_count $c 't3-check: authorized bob@.* for sip:bob@')"
  fi
  # a user without a subscriber row
  if sipp_run "$dir" carol -sf "$dir/register-401.xml" "$ADDR:5060" -i "$ADDR" -p 5063 -key user carol \
      -au carol -ap whatever -m 1 -timeout 15s -timeout_error; then
    result $c "www_authorize, unknown user" pass "401, then 401 again"
  else
    result $c "www_authorize, unknown user" FAIL "$(first_error "$dir/carol") ($(sipp_counts "$dir/carol"))"
  fi
}
