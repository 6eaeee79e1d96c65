"""What the (moto) AWS account holds for a deployment, as JSON: MotoRoundTripIT asserts on it.

Usage: aws_state.py REGION NAME BUCKET SSM_PREFIX   (endpoint and credentials from the environment)
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError


def maybe(fn, default=None):
    try:
        return fn()
    except ClientError as e:
        return default if default is not None else {"error": e.response["Error"]["Code"]}


def main():
    region, name, bucket, prefix = sys.argv[1:5]
    out = {}

    emr = boto3.client("emr", region_name=region)
    clusters = []
    for c in emr.list_clusters()["Clusters"]:
        if c["Status"]["State"] in ("TERMINATED", "TERMINATED_WITH_ERRORS"):
            continue
        d = emr.describe_cluster(ClusterId=c["Id"])["Cluster"]
        steps = emr.list_steps(ClusterId=c["Id"])["Steps"]
        clusters.append({
            "id": d["Id"], "name": d["Name"], "state": d["Status"]["State"],
            "release": d.get("ReleaseLabel"), "terminationProtected": d.get("TerminationProtected"),
            "applications": [a["Name"] for a in d.get("Applications", [])],
            "configurations": d.get("Configurations", []),
            "tags": {t["Key"]: t["Value"] for t in d.get("Tags", [])},
            "managedScalingPolicy": maybe(lambda: emr.get_managed_scaling_policy(ClusterId=c["Id"]).get("ManagedScalingPolicy")),
            "steps": [{"name": s["Name"], "state": s["Status"]["State"], "actionOnFailure": s.get("ActionOnFailure"),
                       "args": s["Config"].get("Args", [])} for s in steps],
        })
    out["clusters"] = clusters

    s3 = boto3.client("s3", region_name=region)
    buckets = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    out["buckets"] = buckets
    if bucket in buckets:
        out["bucket"] = {
            "policy": json.loads(maybe(lambda: s3.get_bucket_policy(Bucket=bucket)["Policy"], "{}")),
            "publicAccessBlock": maybe(lambda: s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]),
            "encryption": maybe(lambda: s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]),
            "objects": {o["Key"]: o["Size"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])},
            "bundle": {o["Key"]: s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read().decode("utf-8")
                       for o in s3.list_objects_v2(Bucket=bucket, Prefix="deploy/").get("Contents", [])},
        }

    ec2 = boto3.client("ec2", region_name=region)
    out["vpcs"] = [v["VpcId"] for v in ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [name]}])["Vpcs"]]
    out["securityGroups"] = {
        g["GroupName"]: {"ingress": [{k: v for k, v in perm.items() if v != []} for perm in g.get("IpPermissions", [])],
                         "tags": {t["Key"]: t["Value"] for t in g.get("Tags", [])}}
        for g in ec2.describe_security_groups()["SecurityGroups"] if g["GroupName"].startswith(name + "-")
    }
    out["subnets"] = [s["CidrBlock"] for s in ec2.describe_subnets()["Subnets"] if s.get("VpcId") in out["vpcs"]]

    iam = boto3.client("iam", region_name="us-east-1")
    roles = {}
    for r in iam.list_roles()["Roles"]:
        if not r["RoleName"].startswith(name + "-"):
            continue
        rn = r["RoleName"]
        roles[rn] = {
            "trust": r["AssumeRolePolicyDocument"],
            "attached": [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=rn)["AttachedPolicies"]],
            "inline": {p: iam.get_role_policy(RoleName=rn, PolicyName=p)["PolicyDocument"]
                       for p in iam.list_role_policies(RoleName=rn)["PolicyNames"]},
        }
    out["roles"] = roles
    out["instanceProfiles"] = {
        p["InstanceProfileName"]: [r["RoleName"] for r in p["Roles"]]
        for p in iam.list_instance_profiles()["InstanceProfiles"] if p["InstanceProfileName"].startswith(name + "-")
    }

    ssm = boto3.client("ssm", region_name=region)
    params = {}
    for p in ssm.describe_parameters()["Parameters"]:
        if p["Name"].startswith(prefix):
            v = ssm.get_parameter(Name=p["Name"], WithDecryption=True)["Parameter"]
            params[p["Name"]] = {"type": v["Type"], "value": v["Value"]}
    out["parameters"] = params
    print(json.dumps(out, default=str, sort_keys=True))


if __name__ == "__main__":
    main()
