#!/bin/bash
# Installs a Moodstream deploy bundle on the EMR primary node. Run as root by the
# 'moodstream install <digest>' EMR step: install.sh s3://<bucket>/deploy/<digest> <region>
#
# The bundle (rendered by deploy.yml, see target/rendered/deploy/primary-node/) holds the systemd
# units, the services' environment files, the streaming job's spark-submit arguments, the list of
# artifacts and the list of secrets to read from SSM Parameter Store. Never prints a secret.
set -euo pipefail
bundle=$1
region=$2
umask 022
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
aws s3 cp --only-show-errors --recursive "$bundle" "$work"

id -u moodstream >/dev/null 2>&1 ||
  useradd --system --home-dir /var/lib/moodstream --shell /sbin/nologin moodstream
install -d -o root -g root -m 0755 /opt/moodstream /opt/moodstream/bin /etc/moodstream
install -d -o moodstream -g moodstream -m 0750 /var/lib/moodstream /var/lib/moodstream/rest /var/lib/moodstream/ingest

# Each service distribution into a directory named by its digest; 'current' points at it.
while read -r component uri; do
  [ -n "$component" ] || continue
  dir=/opt/moodstream/$component/$(basename "$(dirname "$uri")")
  if [ ! -d "$dir" ]; then
    aws s3 cp --only-show-errors "$uri" "$work/$component.tar"
    rm -rf "$dir.new"
    mkdir -p "$dir.new"
    tar -xf "$work/$component.tar" -C "$dir.new" --strip-components=1
    mv "$dir.new" "$dir"
  fi
  ln -sfn "$dir" "/opt/moodstream/$component/current"
  echo "moodstream: $component from $uri"
done <"$work/artifacts.list"

install -m 0755 "$work/moodstream-stream-resubmit" "$work/moodstream-stream-stop" /opt/moodstream/bin/
install -m 0644 "$work/rest.env" "$work/ingest.env" "$work/stream-submit.args" /etc/moodstream/

# Secrets: SSM SecureString parameters (read with the instance role) into an environment file only
# root can read; systemd reads it for the units (EnvironmentFile=) before dropping privileges.
secrets_new=/etc/moodstream/secrets.env.new
(
  umask 077
  : >"$secrets_new"
  while IFS='=' read -r var param; do
    [ -n "$var" ] || continue
    value=$(aws ssm get-parameter --region "$region" --with-decryption --name "$param" \
      --query Parameter.Value --output text)
    value=${value//\\/\\\\}
    value=${value//\"/\\\"}
    printf '%s="%s"\n' "$var" "$value" >>"$secrets_new"
    echo "moodstream: secret $var from SSM parameter $param"
  done <"$work/secrets.list"
)
chmod 0600 "$secrets_new"
mv "$secrets_new" /etc/moodstream/secrets.env

install -m 0644 "$work"/*.service "$work"/*.timer /etc/systemd/system/
systemctl daemon-reload
systemctl enable moodstream-rest.service moodstream-ingest.service moodstream-stream-resubmit.timer
systemctl restart moodstream-rest.service moodstream-ingest.service moodstream-stream-resubmit.timer
systemctl --no-pager --lines=0 status moodstream-rest.service moodstream-ingest.service || true
