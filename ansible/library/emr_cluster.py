#!/usr/bin/python
# -*- coding: utf-8 -*-
"""Ansible module: one EMR cluster per deployment name, found by name and tag."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: emr_cluster
short_description: Create, find or terminate the EMR cluster of a Moodstream deployment
description:
  - Finds the cluster by its name and the tag C(moodstream:cluster=<name>) among active clusters;
    never creates a second one.
  - C(present) sends RunJobFlow with I(request) when none exists; on an existing cluster it
    converges what can change in place (termination protection, managed scaling policy, step
    concurrency, tags) and reports the rest as C(drift) without acting on it.
  - C(absent) lifts termination protection and terminates. C(info) only looks.
options:
  name: {description: Cluster name and identity tag value., type: str, required: true}
  state: {description: Wanted state., type: str, choices: [present, absent, info], default: present}
  request: {description: The RunJobFlow parameters (required for present)., type: dict}
  wait: {description: Wait for the cluster to be ready (present) or terminated (absent)., type: bool, default: true}
  wait_timeout: {description: Seconds to wait., type: int, default: 3600}
extends_documentation_fragment: [amazon.aws.aws, amazon.aws.ec2]
"""

EXAMPLES = r"""
- emr_cluster:
    name: moodstream
    request: "{{ _emr_run_job_flow }}"
"""

RETURN = r"""
cluster_id: {description: The cluster id, or null when none exists (info)., type: str, returned: always}
state: {description: Cluster state., type: str, returned: when found}
primary_private_dns: {description: Private DNS name of the primary node., type: str, returned: when ready}
primary_public_dns: {description: Public DNS name of the primary node., type: str, returned: when ready}
drift: {description: Differences that need a new cluster; reported, not acted on., type: list, returned: always}
"""

import time

try:
    import botocore  # noqa: F401  (AnsibleAWSModule reports a missing botocore itself)
except ImportError:
    pass

try:
    from ansible.module_utils.moodstream_emr import (
        ACTIVE_CLUSTER_STATES,
        READY_CLUSTER_STATES,
        cluster_drift,
        missing_tags,
        ours,
        same,
    )

    HAS_PLANNING = True
except ImportError:  # ansible-lint imports modules without our module_utils to check arguments
    HAS_PLANNING = False
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry


def find(client, name):
    described = []
    paginator = client.get_paginator("list_clusters")
    for page in paginator.paginate(ClusterStates=ACTIVE_CLUSTER_STATES):
        for summary in page.get("Clusters", []):
            if summary.get("Name") == name:
                described.append(client.describe_cluster(ClusterId=summary["Id"], aws_retry=True)["Cluster"])
    return ours(described, name)


def describe(client, cluster_id):
    return client.describe_cluster(ClusterId=cluster_id, aws_retry=True)["Cluster"]


def wait_for(module, client, cluster_id, wanted):
    deadline = time.time() + module.params["wait_timeout"]
    while True:
        cluster = describe(client, cluster_id)
        state = cluster["Status"]["State"]
        if state in wanted:
            return cluster
        if state in ("TERMINATED", "TERMINATED_WITH_ERRORS") and "TERMINATED" not in wanted:
            reason = cluster["Status"].get("StateChangeReason", {})
            module.fail_json(
                msg="cluster %s %s: %s %s" % (cluster_id, state, reason.get("Code", ""), reason.get("Message", "")),
                cluster_id=cluster_id,
            )
        if time.time() > deadline:
            module.fail_json(msg="cluster %s still %s after %ss" % (cluster_id, state, module.params["wait_timeout"]))
        time.sleep(15 if module.params["wait_timeout"] > 60 else 1)


def primary_dns(client, cluster_id):
    instances = client.list_instances(ClusterId=cluster_id, InstanceGroupTypes=["MASTER"], aws_retry=True)
    for instance in instances.get("Instances", []):
        if instance.get("PrivateDnsName"):
            return instance.get("PrivateDnsName"), instance.get("PublicDnsName")
    return None, None


def result(client, cluster, changed, drift):
    out = dict(
        changed=changed,
        cluster_id=cluster["Id"],
        cluster_arn=cluster.get("ClusterArn"),
        state=cluster["Status"]["State"],
        drift=drift,
    )
    if cluster["Status"]["State"] in READY_CLUSTER_STATES:
        out["primary_private_dns"], out["primary_public_dns"] = primary_dns(client, cluster["Id"])
    return out


def converge(module, client, cluster, request):
    """Brings what can change in place to the request; returns whether anything changed."""
    changed = False
    cid = cluster["Id"]
    protected = bool(request.get("Instances", {}).get("TerminationProtected", False))
    if bool(cluster.get("TerminationProtected")) != protected:
        changed = True
        if not module.check_mode:
            client.set_termination_protection(JobFlowIds=[cid], TerminationProtected=protected, aws_retry=True)
    level = int(request.get("StepConcurrencyLevel", 1))
    if int(cluster.get("StepConcurrencyLevel", 1)) != level:
        changed = True
        if not module.check_mode:
            client.modify_cluster(ClusterId=cid, StepConcurrencyLevel=level, aws_retry=True)
    wanted_policy = request.get("ManagedScalingPolicy")
    if wanted_policy:
        current = client.get_managed_scaling_policy(ClusterId=cid, aws_retry=True).get("ManagedScalingPolicy")
        if not same(current, wanted_policy):
            changed = True
            if not module.check_mode:
                client.put_managed_scaling_policy(ClusterId=cid, ManagedScalingPolicy=wanted_policy, aws_retry=True)
    tags = missing_tags(request.get("Tags", []), cluster)
    if tags:
        changed = True
        if not module.check_mode:
            client.add_tags(ResourceId=cid, Tags=[{"Key": k, "Value": v} for k, v in sorted(tags.items())], aws_retry=True)
    return changed


def main():
    module = AnsibleAWSModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            state=dict(type="str", choices=["present", "absent", "info"], default="present"),
            request=dict(type="dict"),
            wait=dict(type="bool", default=True),
            wait_timeout=dict(type="int", default=3600),
        ),
        required_if=[("state", "present", ["request"])],
        supports_check_mode=True,
    )
    if not HAS_PLANNING:
        module.fail_json(msg="module_utils/moodstream_emr.py not found next to the playbooks (ansible.cfg module_utils)")
    client = module.client("emr", retry_decorator=AWSRetry.jittered_backoff())
    name, state, request = module.params["name"], module.params["state"], module.params["request"]
    try:
        found = find(client, name)
        if len(found) > 1:
            module.fail_json(
                msg="%d active clusters are named and tagged %s (%s): resolve by hand before running again"
                % (len(found), name, ", ".join(c["Id"] for c in found))
            )
        cluster = found[0] if found else None

        if state == "info":
            if cluster is None:
                module.exit_json(changed=False, cluster_id=None, drift=[])
            module.exit_json(**result(client, cluster, False, []))

        if state == "absent":
            if cluster is None:
                module.exit_json(changed=False, cluster_id=None, drift=[])
            if not module.check_mode:
                if cluster.get("TerminationProtected"):
                    client.set_termination_protection(JobFlowIds=[cluster["Id"]], TerminationProtected=False, aws_retry=True)
                client.terminate_job_flows(JobFlowIds=[cluster["Id"]], aws_retry=True)
                if module.params["wait"]:
                    cluster = wait_for(module, client, cluster["Id"], ["TERMINATED", "TERMINATED_WITH_ERRORS"])
            module.exit_json(changed=True, cluster_id=cluster["Id"], state=cluster["Status"]["State"], drift=[])

        # present
        if cluster is not None and cluster["Status"]["State"] == "TERMINATING":
            module.fail_json(msg="cluster %s is terminating; run again once it has terminated" % cluster["Id"])
        if cluster is None:
            if module.check_mode:
                module.exit_json(changed=True, cluster_id=None, drift=[])
            cid = client.run_job_flow(aws_retry=True, **request)["JobFlowId"]
            cluster = describe(client, cid)
            if module.params["wait"]:
                cluster = wait_for(module, client, cid, READY_CLUSTER_STATES)
            module.exit_json(**result(client, cluster, True, []))

        changed = converge(module, client, cluster, request)
        groups = client.list_instance_groups(ClusterId=cluster["Id"], aws_retry=True).get("InstanceGroups", [])
        drift = cluster_drift(request, cluster, groups)
        for d in drift:
            module.warn("cluster %s differs from the request and is left as it is: %s" % (cluster["Id"], d))
        if module.params["wait"] and cluster["Status"]["State"] not in READY_CLUSTER_STATES:
            cluster = wait_for(module, client, cluster["Id"], READY_CLUSTER_STATES)
        else:
            cluster = describe(client, cluster["Id"])
        module.exit_json(**result(client, cluster, changed, drift))
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as e:
        module.fail_json_aws(e, msg="EMR request failed")


if __name__ == "__main__":
    main()
