# The lab's mail servers: one private Postfix instance with an smtpd listener on port 25 of
# every lab address whose role is smtp (STARTTLS with the lab CA's certificate).
# shellcheck shell=bash

LAB_SMTP=$LAB_STATE/smtp

lab_write_postfix_conf() {
  local conf=$LAB_SMTP/conf
  mkdir -p "$conf" "$LAB_SMTP/spool" "$LAB_SMTP/data" "$LAB_SMTP/mail"
  chown postfix:postfix "$LAB_SMTP/data"
  chown 65534:65534 "$LAB_SMTP/mail"
  cat >"$conf/main.cf" <<CONF
compatibility_level = 3.6
config_directory = $conf
queue_directory = $LAB_SMTP/spool
data_directory = $LAB_SMTP/data
syslog_name = mailscan-lab-$LAB_INSTANCE
maillog_file = $LAB_SMTP/maillog
maillog_file_prefixes = $LAB_STATE
# On a loaded machine postlogd can wait longer than its 10 s watchdog for one request; killed, it
# leaves its socket full, and the master and every smtpd then block writing a log line.
postlogd_watchdog_timeout = 1h
myhostname = mx.lab.test
mydestination =
inet_interfaces = all
inet_protocols = all
mynetworks = 127.0.0.0/8 [::1]/128
alias_maps =
alias_database =
smtpd_banner = \$myhostname ESMTP MailScan lab
virtual_mailbox_domains = lab.test
virtual_mailbox_base = $LAB_SMTP/mail
virtual_mailbox_maps = static:inbox/
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
virtual_minimum_uid = 100
default_transport = error:outbound mail disabled in the lab
smtpd_tls_security_level = may
smtpd_tls_chain_files = $LAB_STATE/tls/mail.key, $LAB_STATE/tls/mail.chain.crt
smtpd_tls_loglevel = 1
# Short, so that the rate-limited listener (tls-profiles.conf) lets a client in again within seconds.
anvil_rate_time_unit = 5s
CONF
  {
    local name role v4 v6 overrides
    while read -r name role v4 v6; do
      overrides=$(declare -F lab_smtpd_overrides >/dev/null && lab_smtpd_overrides "$name" || true)
      if [ "$role" = smtp-postscreen ]; then
        # postscreen hands a client that passed to this host's own smtpd (its TLS settings, its log name).
        echo "$LAB_V4_NET.$v4:25 inet n - n - 1 postscreen$overrides -o smtpd_service_name=smtpd-$name"
        echo "smtpd-$name pass - - n - - smtpd$overrides"
        continue
      fi
      [ "$v4" != "-" ] && echo "$LAB_V4_NET.$v4:25 inet n - n - - smtpd$overrides"
      [ "$role" = smtp ] && [ "$v6" != "-" ] && echo "[$LAB_V6_NET:$v6]:25 inet n - n - - smtpd$overrides"
    done < <(lab_hosts_with_role smtp smtp-v4only smtp-postscreen)
    cat <<'SERVICES'
pickup    unix n - n 60   1 pickup
cleanup   unix n - n -    0 cleanup
qmgr      unix n - n 300  1 qmgr
tlsmgr    unix - - n 1000? 1 tlsmgr
rewrite   unix - - n -    - trivial-rewrite
bounce    unix - - n -    0 bounce
defer     unix - - n -    0 bounce
trace     unix - - n -    0 bounce
verify    unix - - n -    1 verify
flush     unix n - n 1000? 0 flush
proxymap  unix - - n -    - proxymap
smtp      unix - - n -    - smtp
showq     unix n - n -    - showq
error     unix - - n -    - error
retry     unix - - n -    - error
discard   unix - - n -    - discard
virtual   unix - n n -    - virtual
anvil     unix - - n -    1 anvil
scache    unix - - n -    1 scache
postlog   unix-dgram n - n - 1 postlogd
SERVICES
  } >"$conf/master.cf"
}

# Reads the greeting of an SMTP listener: succeeds on "220".
lab_smtp_greets() {
  local address=$1
  timeout 5 bash -c "exec 3<>/dev/tcp/$address/25; read -r -t 4 line <&3; printf 'QUIT\r\n' >&3; [[ \$line == 220* ]]"
}

lab_start_smtp() {
  lab_write_postfix_conf
  postfix -c "$LAB_SMTP/conf" check >/dev/null 2>&1 || true
  postfix -c "$LAB_SMTP/conf" start >/dev/null 2>&1 || lab_die "postfix did not start; see $LAB_SMTP/maillog"
  local name role v4 v6
  while read -r name role v4 v6; do
    [ "$v4" != "-" ] && { lab_wait 100 lab_smtp_greets "$LAB_V4_NET.$v4" || lab_die "postfix does not greet on $LAB_V4_NET.$v4:25; see $LAB_SMTP/maillog"; }
  done < <(lab_hosts_with_role smtp smtp-v4only smtp-postscreen)
  return 0
}

lab_stop_smtp() {
  [ -f "$LAB_SMTP/conf/main.cf" ] || return 0
  postfix -c "$LAB_SMTP/conf" stop >/dev/null 2>&1 || true
  local pidfile=$LAB_SMTP/spool/pid/master.pid
  [ -f "$pidfile" ] && lab_wait 50 bash -c "! kill -0 $(tr -d ' ' <"$pidfile") 2>/dev/null"
  return 0
}
