"""moto_server with the few things the offline test needs and moto 5.2.1 lacks.

moto records what it is sent; it is not EMR. Three gaps stop it from standing in for AWS here,
and each is filled as narrowly as possible:

1. GetManagedScalingPolicy / PutManagedScalingPolicy / RemoveManagedScalingPolicy are not
   implemented (HTTP 500), and RunJobFlow drops its ManagedScalingPolicy. The policy is recorded on
   the cluster and returned as sent.
2. Steps never run: the first stays RUNNING and the rest PENDING for ever. A real cluster with
   StepConcurrencyLevel 1 runs them in order; here, each time steps are listed or described, the
   running step COMPLETES and the next pending one starts, as a run where every step succeeds.
   (Nothing is executed: what a step does is tested by running its command locally.)
3. Bucket policies are evaluated without their Condition blocks, so the TLS-only statement
   ("Deny s3:* when aws:SecureTransport is false") denies every request. This server speaks TLS
   only, so that statement cannot match any request it receives and is left out of the evaluation.

Usage: python3 moto_server.py PORT CERT KEY   (TLS only; prints "ready" when listening)
"""

import json
import sys

from moto.core.responses import ActionResult, EmptyResult
from moto.emr import models as emr_models
from moto.emr import responses as emr_responses
from moto.s3 import models as s3_models


# ------------------------------------------------------------------ 1. managed scaling policies

def _cluster(response):
    return response.backend.describe_cluster(response._get_param("ClusterId"))


def _get_managed_scaling_policy(self):
    policy = getattr(_cluster(self), "managed_scaling_policy", None)
    return ActionResult({"ManagedScalingPolicy": policy} if policy else {})


def _put_managed_scaling_policy(self):
    _cluster(self).managed_scaling_policy = self._get_param("ManagedScalingPolicy")
    return EmptyResult()


def _remove_managed_scaling_policy(self):
    _cluster(self).managed_scaling_policy = None
    return EmptyResult()


_run_job_flow = emr_responses.ElasticMapReduceResponse.run_job_flow


def _run_job_flow_keeping_policy(self):
    result = _run_job_flow(self)
    policy = self._get_param("ManagedScalingPolicy")
    if policy:
        cluster_id = result.result["JobFlowId"] if hasattr(result, "result") else None
        if cluster_id is None:
            cluster_id = sorted(
                self.backend.clusters.values(), key=lambda c: c.creation_datetime
            )[-1].id
        self.backend.describe_cluster(cluster_id).managed_scaling_policy = policy
    return result


emr_responses.ElasticMapReduceResponse.get_managed_scaling_policy = _get_managed_scaling_policy
emr_responses.ElasticMapReduceResponse.put_managed_scaling_policy = _put_managed_scaling_policy
emr_responses.ElasticMapReduceResponse.remove_managed_scaling_policy = (
    _remove_managed_scaling_policy
)
emr_responses.ElasticMapReduceResponse.run_job_flow = _run_job_flow_keeping_policy


# ------------------------------------------------------------------ 2. steps succeed in order

def _advance(cluster):
    """Completes the running step and starts the next pending one (oldest first)."""
    if cluster.state in ("TERMINATING", "TERMINATED", "TERMINATED_WITH_ERRORS"):
        for step in cluster.steps:
            if step.state in ("PENDING", "RUNNING"):
                step.state = "CANCELLED"
        return
    for step in cluster.steps:
        if step.state == "RUNNING":
            step.state = "COMPLETED"
            step.start_date_time = step.start_date_time or step.creation_date_time
            step.end_date_time = emr_models.utcnow()
            break
    if not any(s.state == "RUNNING" for s in cluster.steps):
        for step in cluster.steps:
            if step.state == "PENDING":
                step.state = "RUNNING"
                step.start_date_time = emr_models.utcnow()
                break
    cluster.state = (
        "RUNNING" if any(s.state in ("PENDING", "RUNNING") for s in cluster.steps) else "WAITING"
    )


_list_steps = emr_models.ElasticMapReduceBackend.list_steps
_describe_step = emr_models.ElasticMapReduceBackend.describe_step


def _list_steps_advancing(self, cluster_id, *args, **kwargs):
    _advance(self.clusters[cluster_id])
    return _list_steps(self, cluster_id, *args, **kwargs)


def _describe_step_advancing(self, cluster_id, step_id):
    _advance(self.clusters[cluster_id])
    return _describe_step(self, cluster_id, step_id)


emr_models.ElasticMapReduceBackend.list_steps = _list_steps_advancing
emr_models.ElasticMapReduceBackend.describe_step = _describe_step_advancing


# ------------------------------------------------------------------ 3. TLS-only bucket statement

def _requires_plain_http(statement):
    cond = statement.get("Condition") or {}
    return cond == {"Bool": {"aws:SecureTransport": "false"}} and statement.get("Effect") == "Deny"


def _get_permission(self, action, resource):
    from moto.iam.access_control import IAMPolicy, PermissionResult

    if self.policy is None:
        return PermissionResult.NEUTRAL
    doc = json.loads(self.policy.decode())
    statements = doc.get("Statement", [])
    if isinstance(statements, dict):
        statements = [statements]
    doc["Statement"] = [s for s in statements if not _requires_plain_http(s)]
    if not doc["Statement"]:
        return PermissionResult.NEUTRAL
    return IAMPolicy(json.dumps(doc)).is_action_permitted(action, resource)


s3_models.FakeBucket.get_permission = _get_permission


def main():
    port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    from moto.server import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server

    app = DomainDispatcherApplication(create_backend_app)
    server = make_server("127.0.0.1", port, app, threaded=True, ssl_context=(cert, key))
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
