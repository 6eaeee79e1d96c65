"""Jinja filters of the Moodstream playbooks: pure functions from settings to request shapes.

They run on the controller (any Python 3) and are unit-tested in src/test/python/test_filters.py.
Each request the playbooks send or render is built once here or in roles/moodstream/vars/main.yml,
so what is rendered is what is sent.
"""

import hashlib
import json
import re

# Moodstream configuration keys whose values are secrets (docs/CONFIGURATION.md and the cluster
# contract): never in step arguments, environment files other than secrets.env, or rendered output.
SECRET_KEY = re.compile(r"(token|secret|password|sasl\.jaas\.config)", re.IGNORECASE)


def moodstream_env_name(key):
    """kafka.bootstrap.servers -> MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS (docs/CONFIGURATION.md)."""
    return "MOODSTREAM_" + re.sub(r"[.\-]", "_", str(key)).upper()


def _plain(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _refuse_secrets(config, where):
    secret = sorted(k for k in config if SECRET_KEY.search(str(k)))
    if secret:
        raise ValueError(
            "%s may not carry secrets (%s): they belong in SSM Parameter Store "
            "(moodstream_secrets), read on the node into secrets.env" % (where, ", ".join(secret))
        )


def moodstream_env_file(config, header=""):
    """A systemd EnvironmentFile: one MOODSTREAM_KEY=value per line, sorted, no quoting needed.

    Values must be single-line and free of quotes and backslashes (systemd would interpret them).
    """
    _refuse_secrets(config, "an environment file")
    lines = [header.rstrip("\n")] if header else []
    for key in sorted(config):
        value = _plain(config[key])
        if any(c in value for c in "\n\"'\\"):
            raise ValueError("value of %s has a newline, quote or backslash: %r" % (key, value))
        lines.append("%s=%s" % (moodstream_env_name(key), value))
    return "\n".join(lines) + "\n"


def moodstream_job_conf(config):
    """Moodstream keys as spark-submit --conf pairs: spark.moodstream.<key>=<value> (the cluster
    contract, item 1). The job reads them from SparkConf on the driver, SchemaCommand from the
    system properties spark-submit sets in client mode."""
    _refuse_secrets(config, "spark-submit arguments (visible in the EMR console and Spark UI)")
    return {"spark.moodstream." + key: _plain(config[key]) for key in sorted(config)}


def spark_submit_args(submit):
    """The argument list of a spark-submit command line, in a stable order.

    submit: {options: {--flag: value, ...} (None = flag without value), conf: {k: v},
             files: [...], jar: path, args: [...]}
    """
    out = ["spark-submit"]
    for flag, value in submit.get("options", {}).items():
        out.append(flag)
        if value is not None:
            out.append(_plain(value))
    for key in sorted(submit.get("conf", {})):
        out += ["--conf", "%s=%s" % (key, _plain(submit["conf"][key]))]
    if submit.get("files"):
        out += ["--files", ",".join(submit["files"])]
    out.append(submit["jar"])
    out += [_plain(a) for a in submit.get("args", [])]
    return out


def digest(value, length=12):
    """Stable short digest of any JSON-able value (or a string): names steps and deploy bundles."""
    if not isinstance(value, str):
        value = json.dumps(value, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[: int(length)]


def stat_digest(stat, length=16):
    """An ansible.builtin.stat result (checksum_algorithm sha256) -> the artifact's key digest."""
    if not stat.get("exists"):
        return "unbuilt"
    return str(stat["checksum"])[: int(length)]


def emr_step(name_prefix, hadoop_jar_args, action_on_failure):
    """An EMR StepConfig running command-runner.jar, named '<prefix> <digest of its arguments>'.

    The digest makes the name say which arguments ran: the playbooks find a step again by name,
    and a changed argument (new jar, new setting) is a new step.
    """
    args = [_plain(a) for a in hadoop_jar_args]
    return {
        "Name": "%s %s" % (name_prefix, digest(args)),
        "ActionOnFailure": action_on_failure,
        "HadoopJarStep": {"Jar": "command-runner.jar", "Args": args},
    }


def instance_group(spec):
    """(name, role, type, count, EBS GiB) -> an EMR InstanceGroupConfig, on demand, one gp3 volume."""
    name, role, instance_type, count, ebs_gib = spec
    return {
        "Name": name,
        "InstanceRole": role,
        "Market": "ON_DEMAND",
        "InstanceType": instance_type,
        "InstanceCount": int(count),
        "EbsConfiguration": {
            "EbsBlockDeviceConfigs": [
                {"VolumeSpecification": {"VolumeType": "gp3", "SizeInGB": int(ebs_gib)}, "VolumesPerInstance": 1}
            ],
            "EbsOptimized": True,
        },
    }


def aws_tags(tags):
    """{k: v} -> [{Key: k, Value: v}], sorted (the EMR/EC2/IAM list form)."""
    return [{"Key": k, "Value": _plain(tags[k])} for k in sorted(tags)]


def ip_permissions(rules):
    """amazon.aws.ec2_security_group rules -> EC2 IpPermissions (the AuthorizeSecurityGroupIngress
    shape), so the rendered request and moto's DescribeSecurityGroups answer compare directly."""
    perms = []
    for rule in rules:
        ports = rule.get("ports") or [None]
        for port in ports:
            if port is None:
                lo, hi = rule.get("from_port", -1), rule.get("to_port", -1)
            elif "-" in str(port):
                lo, hi = (int(p) for p in str(port).split("-", 1))
            else:
                lo = hi = int(port)
            perm = {"IpProtocol": str(rule.get("proto", "tcp")), "FromPort": int(lo), "ToPort": int(hi)}
            cidrs = rule.get("cidr_ip") or []
            cidrs = [cidrs] if isinstance(cidrs, str) else cidrs
            cidrs6 = rule.get("cidr_ipv6") or []
            cidrs6 = [cidrs6] if isinstance(cidrs6, str) else cidrs6
            desc = rule.get("rule_desc")
            if cidrs:
                perm["IpRanges"] = [
                    dict({"CidrIp": c}, **({"Description": desc} if desc else {})) for c in cidrs
                ]
            if cidrs6:
                perm["Ipv6Ranges"] = [
                    dict({"CidrIpv6": c}, **({"Description": desc} if desc else {})) for c in cidrs6
                ]
            perms.append(perm)
    return perms


def release_at_least(label, minimum):
    """emr-7.13.0 >= emr-7.6.0, numerically."""

    def parts(v):
        m = re.fullmatch(r"emr-(\d+)\.(\d+)\.(\d+)", str(v))
        if not m:
            raise ValueError("not an EMR release label: %r (expected emr-X.Y.Z)" % v)
        return tuple(int(x) for x in m.groups())

    return parts(label) >= parts(minimum)


def prefix_keys(mapping, prefix):
    """{security.protocol: SSL} | prefix_keys('kafka.client.') -> {kafka.client.security.protocol: SSL}"""
    return {prefix + str(k): v for k, v in (mapping or {}).items()}


def request_file(req):
    """{file, service, operation, params} -> a render_files entry holding the request as JSON."""
    body = {"service": req["service"], "operation": req["operation"], "params": req["params"]}
    return {"path": req["file"], "content": json.dumps(body, indent=2) + "\n", "mode": "0644"}


def text_file(text):
    """{file, content[, mode]} -> a render_files entry."""
    return {"path": text["file"], "content": text["content"], "mode": str(text.get("mode", "0644"))}


def systemd_args(args):
    """Arguments for a unit's ExecStart=: plain words as they are, others double-quoted with \\ and \"
    escaped; % doubled (systemd specifiers)."""
    out = []
    for a in args:
        a = _plain(a).replace("%", "%%")
        if re.fullmatch(r"[A-Za-z0-9_@%+=:,./-]+", a):
            out.append(a)
        else:
            out.append('"' + a.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(out)


def public_cidrs(cidrs):
    """The entries of a CIDR list that open to the whole internet."""
    return [c for c in (cidrs or []) if str(c).strip() in ("0.0.0.0/0", "::/0")]


class FilterModule(object):
    def filters(self):
        return {
            "moodstream_env_name": moodstream_env_name,
            "moodstream_env_file": moodstream_env_file,
            "moodstream_job_conf": moodstream_job_conf,
            "spark_submit_args": spark_submit_args,
            "moodstream_digest": digest,
            "moodstream_stat_digest": stat_digest,
            "emr_step": emr_step,
            "aws_tags": aws_tags,
            "moodstream_instance_group": instance_group,
            "ip_permissions": ip_permissions,
            "emr_release_at_least": release_at_least,
            "public_cidrs": public_cidrs,
            "prefix_keys": prefix_keys,
            "systemd_args": systemd_args,
            "moodstream_request_file": request_file,
            "moodstream_text_file": text_file,
        }
