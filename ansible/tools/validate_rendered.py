#!/usr/bin/env python3
"""Validates the requests the playbooks render (target/rendered/**.json) before anything is sent.

moto, the offline AWS, accepts nearly anything (a misspelled classification, an unknown
application, a bad ActionOnFailure). This catches what a real account would refuse, and what we
refuse ourselves:

  shape           botocore's ParamValidator on the operation's input shape (names, types, required)
  enum            every enum-typed string against the service model (ParamValidator does not)
  release         ReleaseLabel known (tools/emr-release-allowlist.json) and at least the minimum
  application     EMR application names of the allow-list
  classification configuration classifications of the allow-list, for an installed application
  step            spark-submit steps: the streaming job in cluster mode without waiting; no step may
                  terminate the cluster (HBase holds data)
  iam             policy documents: no wildcard actions, no Allow on every resource except where
                  a condition scopes it, Principal "*" only to deny
  ingress         no security-group ingress from 0.0.0.0/0 or ::/0 (unless --allow-public-ingress)
  secret          no step argument or environment value carries a secret-looking key

Usage: validate_rendered.py [--allow-public-ingress] [--allowlist FILE] DIR_OR_FILE...
Prints one line per problem (file: check: message) and exits 1 if there is any.
Needs botocore (the pyenv Python of the image has 1.43).
"""

import argparse
import json
import os
import re
import sys

try:
    import botocore.session
    from botocore.validate import ParamValidator
except ImportError:  # pragma: no cover - the message is the point
    sys.exit(
        "validate_rendered.py needs botocore (import failed). Run it with a Python that has boto3/"
        "botocore, e.g. the image's pyenv python3 (python3 -m pip list | grep botocore)."
    )

HERE = os.path.dirname(os.path.abspath(__file__))
SECRET_KEY = re.compile(r"(token|secret|password|sasl\.jaas\.config)", re.IGNORECASE)
MINIMUM_RELEASE = "emr-7.6.0"


class Problems:
    def __init__(self):
        self.items = []

    def add(self, where, check, message):
        self.items.append((where, check, message))


# ------------------------------------------------------------------ botocore model

_session = botocore.session.get_session()


def input_shape(service, operation):
    model = _session.get_service_model(service)
    return model.operation_model(operation).input_shape


def check_shape(where, service, operation, params, problems):
    try:
        shape = input_shape(service, operation)
    except Exception as e:  # unknown service or operation
        problems.add(where, "shape", "%s.%s is not in botocore's model: %s" % (service, operation, e))
        return None
    report = ParamValidator().validate(params, shape)
    if report.has_errors():
        for line in report.generate_report().splitlines():
            if line.strip() and not line.startswith("Parameter validation failed"):
                problems.add(where, "shape", line.strip())
    return shape


def check_enums(where, shape, value, path, problems):
    """ParamValidator checks types but not enum members: walk the shape and do it."""
    if shape is None or value is None:
        return
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                check_enums(where, member, value[name], "%s.%s" % (path, name), problems)
    elif shape.type_name == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            check_enums(where, shape.member, item, "%s[%d]" % (path, i), problems)
    elif shape.type_name == "map" and isinstance(value, dict):
        for k, v in value.items():
            check_enums(where, shape.value, v, "%s[%s]" % (path, k), problems)
    elif shape.type_name == "string" and getattr(shape, "enum", None) and isinstance(value, str):
        if value not in shape.enum:
            problems.add(where, "enum", "%s = %r is not one of %s" % (path.lstrip("."), value, ", ".join(shape.enum)))


# ------------------------------------------------------------------ EMR

def release_tuple(label):
    m = re.fullmatch(r"emr-(\d+)\.(\d+)\.(\d+)", str(label))
    return tuple(int(x) for x in m.groups()) if m else None


def check_run_job_flow(where, params, allow, problems):
    label = params.get("ReleaseLabel")
    if label not in allow["releases"]:
        problems.add(
            where, "release", "ReleaseLabel %r is not a known EMR 7.x release with HBase 2.6 (%s)" % (label, ", ".join(allow["releases"]))
        )
    elif release_tuple(label) < release_tuple(MINIMUM_RELEASE):
        problems.add(where, "release", "ReleaseLabel %s is older than %s (HBase 2.6)" % (label, MINIMUM_RELEASE))
    apps = [a.get("Name") for a in params.get("Applications", [])]
    for app in apps:
        if app not in allow["applications"]:
            problems.add(where, "application", "unknown EMR application %r (known: %s)" % (app, ", ".join(allow["applications"])))
    for c in params.get("Configurations", []):
        check_classification(where, c, apps, allow, problems, nested=False)
    for g in params.get("Instances", {}).get("InstanceGroups", []):
        for c in g.get("Configurations", []):
            check_classification(where, c, apps, allow, problems, nested=False)


def check_classification(where, config, apps, allow, problems, nested):
    name = config.get("Classification")
    if nested:
        if name not in allow["nested"]:
            problems.add(where, "classification", "unknown nested classification %r" % name)
    elif name not in allow["classifications"]:
        close = [c for c in allow["classifications"] if _near(c, name)]
        problems.add(
            where,
            "classification",
            "unknown configuration classification %r%s" % (name, " (did you mean %s?)" % " or ".join(close) if close else ""),
        )
    elif allow["classifications"][name] not in apps:
        problems.add(
            where, "classification", "classification %r configures %s, which is not installed" % (name, allow["classifications"][name])
        )
    for sub in config.get("Configurations", []) or []:
        check_classification(where, sub, apps, allow, problems, nested=True)


def _near(a, b):
    """Edit distance at most 2 (typos such as hbsae-site)."""
    a, b = str(a), str(b)
    if abs(len(a) - len(b)) > 2:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= 2


def check_steps(where, steps, problems):
    for step in steps:
        name = step.get("Name", "?")
        if step.get("ActionOnFailure") == "TERMINATE_CLUSTER":
            problems.add(where, "step", "step %r would terminate the cluster on failure (HBase holds data): use CONTINUE or CANCEL_AND_WAIT" % name)
        args = step.get("HadoopJarStep", {}).get("Args", [])
        for a in args:
            m = re.match(r"^([^=\s]+)=", str(a))
            if m and SECRET_KEY.search(m.group(1)):
                problems.add(where, "secret", "step %r passes %r on its command line (visible in the EMR console)" % (name, m.group(1)))
        if "spark-submit" not in args:
            continue
        rest = args[args.index("spark-submit") + 1:]
        opts = dict(zip(rest[::2], rest[1::2]))
        confs = [rest[i + 1] for i, a in enumerate(rest[:-1]) if a == "--conf"]
        if opts.get("--class") == "io.moodstream.streaming.StreamMain":
            if opts.get("--deploy-mode") != "cluster":
                problems.add(where, "step", "the streaming step must run in YARN cluster mode (--deploy-mode cluster)")
            if "spark.yarn.submit.waitAppCompletion=false" not in confs:
                problems.add(
                    where, "step", "the streaming step must not wait for the application (spark.yarn.submit.waitAppCompletion=false): it would hold the step queue"
                )
            if not any(c.startswith("spark.yarn.maxAppAttempts=") for c in confs):
                problems.add(where, "step", "the streaming step must set spark.yarn.maxAppAttempts (driver restarts)")


# ------------------------------------------------------------------ IAM, S3 policies, ingress

def _listify(v):
    return v if isinstance(v, list) else [v]


def check_policy(where, text, problems, what):
    try:
        doc = json.loads(text) if isinstance(text, str) else text
    except ValueError as e:
        problems.add(where, "iam", "%s is not JSON: %s" % (what, e))
        return
    if doc.get("Version") != "2012-10-17":
        problems.add(where, "iam", "%s: Version must be 2012-10-17" % what)
    for st in _listify(doc.get("Statement", [])):
        sid = st.get("Sid", "?")
        effect = st.get("Effect")
        if effect not in ("Allow", "Deny"):
            problems.add(where, "iam", "%s statement %s: Effect %r" % (what, sid, effect))
        actions = _listify(st.get("Action", []))
        if effect == "Allow":
            for a in actions:
                if a == "*" or str(a).endswith(":*"):
                    problems.add(where, "iam", "%s statement %s allows %r: list the actions" % (what, sid, a))
            resources = _listify(st.get("Resource", []))
            if "*" in resources and not st.get("Condition") and "Principal" not in st:
                problems.add(where, "iam", "%s statement %s allows %s on every resource without a condition" % (what, sid, json.dumps(actions)))
            if st.get("Principal") in ("*", {"AWS": "*"}):
                problems.add(where, "iam", "%s statement %s allows everyone (Principal *)" % (what, sid))


def check_ingress(where, params, problems, allow_public):
    if allow_public:
        return
    for perm in params.get("IpPermissions", []):
        for r in perm.get("IpRanges", []):
            if r.get("CidrIp") == "0.0.0.0/0":
                problems.add(where, "ingress", "port %s-%s open to 0.0.0.0/0" % (perm.get("FromPort"), perm.get("ToPort")))
        for r in perm.get("Ipv6Ranges", []):
            if r.get("CidrIpv6") == "::/0":
                problems.add(where, "ingress", "port %s-%s open to ::/0" % (perm.get("FromPort"), perm.get("ToPort")))


# ------------------------------------------------------------------ driver

def validate_file(path, allow, problems, allow_public):
    where = path
    try:
        with open(path, encoding="utf-8") as f:
            req = json.load(f)
    except ValueError as e:
        problems.add(where, "shape", "not JSON: %s" % e)
        return
    service, operation, params = req.get("service"), req.get("operation"), req.get("params")
    if not service or not operation or not isinstance(params, dict):
        problems.add(where, "shape", "expected {service, operation, params}")
        return
    shape = check_shape(where, service, operation, params, problems)
    check_enums(where, shape, params, "", problems)
    if (service, operation) == ("emr", "RunJobFlow"):
        check_run_job_flow(where, params, allow, problems)
    if (service, operation) == ("emr", "AddJobFlowSteps"):
        check_steps(where, params.get("Steps", []), problems)
    if service == "iam" and "AssumeRolePolicyDocument" in params:
        check_policy(where, params["AssumeRolePolicyDocument"], problems, "trust policy")
    if service == "iam" and "PolicyDocument" in params:
        check_policy(where, params["PolicyDocument"], problems, "policy " + params.get("PolicyName", ""))
    if (service, operation) == ("s3", "PutBucketPolicy"):
        check_policy(where, params.get("Policy", "{}"), problems, "bucket policy")
    if (service, operation) == ("ec2", "AuthorizeSecurityGroupIngress"):
        check_ingress(where, params, problems, allow_public)


def files_under(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                for n in sorted(names):
                    if n.endswith(".json"):
                        yield os.path.join(root, n)
        else:
            yield p


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--allowlist", default=os.path.join(HERE, "emr-release-allowlist.json"))
    ap.add_argument("--allow-public-ingress", action="store_true")
    a = ap.parse_args(argv)
    with open(a.allowlist, encoding="utf-8") as f:
        allow = json.load(f)
    problems = Problems()
    files = sorted(files_under(a.paths))
    if not files:
        print("no rendered requests under %s" % " ".join(a.paths), file=sys.stderr)
        return 1
    for path in files:
        validate_file(path, allow, problems, a.allow_public_ingress)
    for where, check, message in problems.items:
        print("%s: %s: %s" % (where, check, message))
    print(
        "validated %d request(s) against botocore %s's model and %s: %d problem(s)"
        % (len(files), botocore.__version__, os.path.basename(a.allowlist), len(problems.items)),
        file=sys.stderr,
    )
    return 1 if problems.items else 0


if __name__ == "__main__":
    sys.exit(main())
