"""Decisions of the EMR modules, as plain functions of what EMR reported (no AWS calls here).

library/emr_cluster.py and library/emr_steps.py call them; src/test/python/test_emr_planning.py
tests them without AWS.
"""

# A cluster in these states exists for us; TERMINATED ones are history.
ACTIVE_CLUSTER_STATES = ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING", "TERMINATING"]
READY_CLUSTER_STATES = ["RUNNING", "WAITING"]
# A step in these states has run or will run: it need not be added again.
LIVE_STEP_STATES = ["PENDING", "CANCEL_PENDING", "RUNNING", "COMPLETED"]
FAILED_STEP_STATES = ["CANCELLED", "FAILED", "INTERRUPTED"]

IDENTITY_TAG = "moodstream:cluster"


def tags_of(cluster):
    return {t["Key"]: t["Value"] for t in cluster.get("Tags", [])}


def ours(clusters, name):
    """The described clusters that are this deployment's: same name and identity tag."""
    return [c for c in clusters if c.get("Name") == name and tags_of(c).get(IDENTITY_TAG) == name]


def _int_tree(value):
    """Numbers as ints, recursively: YAML and JSON round trips turn 2 into '2' or 2.0."""
    if isinstance(value, dict):
        return {k: _int_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_int_tree(v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def same(a, b):
    return _int_tree(a) == _int_tree(b)


def cluster_drift(request, cluster, instance_groups):
    """What the running cluster has that differs from the request and cannot change in place.

    These are reported, never acted on: replacing a cluster that holds HBase data is a decision
    for the operator (teardown.yml, then provision.yml).
    """
    drift = []
    if cluster.get("ReleaseLabel") != request.get("ReleaseLabel"):
        drift.append("ReleaseLabel: running %s, wanted %s" % (cluster.get("ReleaseLabel"), request.get("ReleaseLabel")))
    running_apps = sorted(a["Name"] for a in cluster.get("Applications", []))
    wanted_apps = sorted(a["Name"] for a in request.get("Applications", []))
    if running_apps != wanted_apps:
        drift.append("Applications: running %s, wanted %s" % (running_apps, wanted_apps))
    if not same(_configurations(cluster.get("Configurations", [])), _configurations(request.get("Configurations", []))):
        drift.append("Configurations differ (running %s)" % _configurations(cluster.get("Configurations", [])))
    for group in request.get("Instances", {}).get("InstanceGroups", []):
        running = [g for g in instance_groups if g.get("InstanceGroupType") == group["InstanceRole"]]
        if not running:
            drift.append("instance group %s: missing" % group["InstanceRole"])
            continue
        g = running[0]
        if g.get("InstanceType") != group["InstanceType"]:
            drift.append(
                "instance group %s: type %s, wanted %s" % (group["InstanceRole"], g.get("InstanceType"), group["InstanceType"])
            )
        if group["InstanceRole"] != "TASK" and int(g.get("RequestedInstanceCount", 0)) != int(group["InstanceCount"]):
            drift.append(
                "instance group %s: %s instances, wanted %s"
                % (group["InstanceRole"], g.get("RequestedInstanceCount"), group["InstanceCount"])
            )
    return drift


def _configurations(configs):
    return sorted(
        ({"Classification": c.get("Classification"), "Properties": c.get("Properties") or {}} for c in configs),
        key=lambda c: c["Classification"] or "",
    )


def missing_tags(wanted, cluster):
    have = tags_of(cluster)
    return {t["Key"]: t["Value"] for t in wanted if have.get(t["Key"]) != t["Value"]}


def window(steps_newest_first, since_prefix):
    """The steps newer than the newest step whose name starts with since_prefix (all if none)."""
    if not since_prefix:
        return list(steps_newest_first)
    out = []
    for step in steps_newest_first:
        if step.get("Name", "").startswith(since_prefix):
            break
        out.append(step)
    return out


def steps_to_add(desired, window_steps):
    """The desired steps (in their order) with no live step of the same name in the window."""
    live = {s["Name"] for s in window_steps if s.get("Status", {}).get("State") in LIVE_STEP_STATES}
    return [d for d in desired if d["Name"] not in live]


def newest_by_name(window_steps, name):
    for step in window_steps:
        if step.get("Name") == name and step.get("Status", {}).get("State") in LIVE_STEP_STATES:
            return step
    return None


def failure_text(step):
    status = step.get("Status", {})
    details = status.get("FailureDetails") or {}
    parts = [
        "step '%s' (%s) ended %s" % (step.get("Name"), step.get("Id"), status.get("State")),
        details.get("Reason"),
        details.get("Message"),
        ("log: " + details["LogFile"]) if details.get("LogFile") else None,
        (status.get("StateChangeReason") or {}).get("Message"),
    ]
    return "; ".join(p for p in parts if p)
